/**
 * The fake Slack's methods for the App Home, link previews and workflow steps: views.publish,
 * chat.unfurl and functions.completeSuccess / completeError, as strict as Slack about them.
 */
import { validateBlocks, validateHomeView } from './slack-validation.js';

export type FunctionResult = { outputs: Record<string, unknown> } | { error: string };

export function surfaceMethods(validate: boolean, schemaErrors: string[]) {
  const homes = new Map<string, Record<string, unknown>>();
  const executions = new Map<string, Record<string, string>>();
  const functionResults = new Map<string, FunctionResult>();
  let publishCounter = 0;

  const api = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'views.publish': {
        const view = args.view as Record<string, unknown> | undefined;
        const errors = validate ? validateHomeView(view) : [];
        if (errors.length > 0) {
          schemaErrors.push(...errors.map((e) => `${method}: ${e}`));
          return { ok: false, error: 'invalid_arguments', response_metadata: { messages: errors } };
        }
        homes.set(String(args.user_id), view as Record<string, unknown>);
        publishCounter += 1;
        return {
          ok: true,
          view: {
            ...view,
            id: `VH${String(publishCounter).padStart(8, '0')}`,
            hash: `home-hash-${publishCounter}`,
          },
        };
      }
      case 'chat.unfurl': {
        const unfurls = args.unfurls;
        if (typeof unfurls !== 'object' || unfurls === null) return { ok: false, error: 'invalid_unfurls' };
        const errors: string[] = [];
        for (const [url, unfurl] of Object.entries(unfurls as Record<string, { blocks?: unknown }>)) {
          if (!Array.isArray(unfurl?.blocks)) errors.push(`${url}: no blocks`);
          else if (validate) errors.push(...validateBlocks(unfurl.blocks).map((e) => `${url}: ${e}`));
        }
        if (errors.length > 0) {
          schemaErrors.push(...errors.map((e) => `${method}: ${e}`));
          return { ok: false, error: 'invalid_unfurls', response_metadata: { messages: errors } };
        }
        return { ok: true };
      }
      case 'functions.completeSuccess':
      case 'functions.completeError': {
        // Error codes from https://api.slack.com/methods/functions.completeSuccess.
        const id = String(args.function_execution_id);
        const expected = executions.get(id);
        if (!expected) return { ok: false, error: 'function_execution_not_found' };
        if (functionResults.has(id)) return { ok: false, error: 'execution_not_in_running_state' };
        if (method === 'functions.completeError') {
          functionResults.set(id, { error: String(args.error) });
          return { ok: true };
        }
        const outputs = args.outputs as Record<string, unknown>;
        const problems = outputProblems(expected, outputs);
        if (problems.length > 0) {
          schemaErrors.push(...problems.map((e) => `${method}: ${e}`));
          return { ok: false, error: 'parameter_validation_failed', errors: problems };
        }
        functionResults.set(id, { outputs });
        return { ok: true };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  };

  return {
    api,
    homes,
    functionResults,
    startFunctionExecution(executionId: string, outputs: Record<string, string>): void {
      executions.set(executionId, outputs);
    },
  };
}

/** Slack checks outputs against the step's output_parameters (parameter_validation_failed). */
function outputProblems(expected: Record<string, string>, outputs: Record<string, unknown>): string[] {
  const problems: string[] = [];
  for (const [name, declared] of Object.entries(expected)) {
    const required = declared.endsWith('!');
    const type = declared.replace(/!$/, '');
    const value = outputs[name];
    if (value === undefined || value === null) {
      if (required) problems.push(`output ${name} is required`);
      continue;
    }
    const fits =
      type === 'integer'
        ? Number.isInteger(value)
        : type === 'number'
          ? typeof value === 'number'
          : typeof value === 'string';
    if (!fits) problems.push(`output ${name} is not a ${type}`);
  }
  for (const name of Object.keys(outputs))
    if (!(name in expected)) problems.push(`output ${name} is not declared`);
  return problems;
}
