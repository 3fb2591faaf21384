/**
 * Checks a Web API call's arguments against the method's published parameters (vendored in
 * test/fixtures/schemas/slack/web-api-methods.json, see its $comment for the sources): required
 * arguments present, booleans and objects well-formed, and for the methods listed in STRICT no
 * argument the method does not have.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

interface MethodSpec {
  params: Record<string, { type: string; required: boolean }>;
  /** Argument pairs given together; exactly one pair is required (chat.unfurl). */
  together?: string[][];
}

const specPath = fileURLToPath(new URL('../fixtures/schemas/slack/web-api-methods.json', import.meta.url));
const spec = JSON.parse(readFileSync(specPath, 'utf8')) as { methods: Record<string, MethodSpec> };

/** Methods whose unknown arguments are refused too (Slack ignores them silently, which hides bugs). */
const STRICT = new Set([
  'views.publish',
  'chat.unfurl',
  'functions.completeSuccess',
  'functions.completeError',
]);
/** Added by @slack/web-api itself to every call of a workspace-bound client. */
const CLIENT_ADDED = new Set(['team_id']);

export function validateArguments(method: string, args: Record<string, unknown>): string[] {
  const m = spec.methods[method];
  if (!m) return [];
  const errors: string[] = [];
  for (const [name, param] of Object.entries(m.params)) {
    const value = args[name];
    if (value === undefined || value === '') {
      if (param.required) errors.push(`${method}: missing required argument ${name}`);
      continue;
    }
    if (param.type === 'boolean' && !['true', 'false', true, false, '1', '0'].includes(value as string)) {
      errors.push(`${method}: ${name} is not a boolean`);
    }
    if (param.type === 'object' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      errors.push(`${method}: ${name} is not a JSON object`);
    }
  }
  if (m.together) {
    const given = m.together.filter((pair) =>
      pair.some((name) => args[name] !== undefined && args[name] !== ''),
    );
    const complete = given.filter((pair) =>
      pair.every((name) => args[name] !== undefined && args[name] !== ''),
    );
    if (given.length !== 1 || complete.length !== 1) {
      errors.push(`${method}: give exactly one of ${m.together.map((p) => p.join(' + ')).join(' or ')}`);
    }
  }
  if (STRICT.has(method)) {
    for (const name of Object.keys(args)) {
      if (name !== 'token' && !(name in m.params) && !CLIENT_ADDED.has(name)) {
        errors.push(`${method}: unknown argument ${name}`);
      }
    }
  }
  return errors;
}
