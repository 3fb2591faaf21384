/**
 * Checks views and messages the way Slack does: the Block Kit JSON Schema (vendored in
 * test/fixtures/schemas/slack/) plus the per-field limits Slack documents, some of which the schema
 * leaves out (50 blocks in a message, private_metadata, button value length, ...).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const schemaPath = fileURLToPath(
  new URL('../fixtures/schemas/slack/slack-block-kit.schema.json', import.meta.url),
);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;

const ajv = new Ajv2020({ allErrors: true, strict: false });
// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  a: Ajv2020,
) => void;
addFormats(ajv);
ajv.addSchema(schema);
const schemaId = schema.$id as string;
const validateMessageBlocks = ajv.getSchema(schemaId) as ValidateFunction;
const validateModal = ajv.getSchema(`${schemaId}#/$defs/modal_view`) as ValidateFunction;
const validateHome = ajv.getSchema(`${schemaId}#/$defs/home_view`) as ValidateFunction;

const describe = (v: ValidateFunction) =>
  (v.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);

export function validateView(view: Record<string, unknown> | undefined): string[] {
  if (!view || typeof view !== 'object') return ['view missing'];
  const errors: string[] = [];
  if (!validateModal(view)) errors.push(...describe(validateModal));
  const blocks = view.blocks as unknown[] | undefined;
  if (Array.isArray(blocks) && blocks.length > 100) errors.push(`view has ${blocks.length} blocks (max 100)`);
  for (const field of ['title', 'submit', 'close'] as const) {
    const text = (view[field] as { text?: string } | undefined)?.text;
    if (text !== undefined && [...text].length > 24) errors.push(`${field} over 24 characters`);
  }
  const metadata = view.private_metadata;
  if (typeof metadata === 'string' && metadata.length > 3000) errors.push('private_metadata over 3000');
  if (typeof view.callback_id === 'string' && view.callback_id.length > 255)
    errors.push('callback_id over 255');
  errors.push(...checkLimits(blocks ?? []));
  return errors;
}

/** A views.publish view: the schema's home_view (100 blocks) plus the field limits. */
export function validateHomeView(view: Record<string, unknown> | undefined): string[] {
  if (!view || typeof view !== 'object') return ['view missing'];
  const errors: string[] = [];
  if (!validateHome(view)) errors.push(...describe(validateHome));
  const blocks = view.blocks as unknown[] | undefined;
  if (Array.isArray(blocks) && blocks.length > 100) errors.push(`view has ${blocks.length} blocks (max 100)`);
  errors.push(...checkLimits(blocks ?? []));
  return errors;
}

/** Blocks of an attachment-less unfurl: message blocks (50 at most). */
export function validateBlocks(blocks: unknown[]): string[] {
  const errors: string[] = [];
  if (blocks.length > 50) errors.push(`${blocks.length} blocks (max 50)`);
  if (blocks.length > 0 && !validateMessageBlocks(blocks)) errors.push(...describe(validateMessageBlocks));
  errors.push(...checkLimits(blocks));
  return errors;
}

/** A chat.postMessage / chat.update / chat.postEphemeral argument set, or a response_url body. */
export function validateMessage(message: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const blocks = message.blocks;
  const text = message.text;
  if (blocks === undefined && (typeof text !== 'string' || text.length === 0)) {
    if (message.delete_original !== true) errors.push('message has neither text nor blocks');
  }
  if (typeof text === 'string' && text.length > 40000) errors.push('text over 40000 characters');
  if (blocks !== undefined) {
    if (!Array.isArray(blocks)) return [...errors, 'blocks is not an array'];
    if (blocks.length > 50) errors.push(`message has ${blocks.length} blocks (max 50)`);
    if (blocks.length > 0 && !validateMessageBlocks(blocks)) errors.push(...describe(validateMessageBlocks));
    errors.push(...checkLimits(blocks));
  }
  return errors;
}

const len = (s: unknown) => (typeof s === 'string' ? [...s].length : 0);

/** Walks every block and element for the limits in Slack's reference. */
function checkLimits(blocks: unknown[]): string[] {
  const errors: string[] = [];
  const visit = (node: unknown, path: string) => {
    if (Array.isArray(node)) {
      node.forEach((n, i) => {
        visit(n, `${path}/${i}`);
      });
      return;
    }
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    const textOf = (k: string) => (o[k] as { text?: string } | undefined)?.text;
    if (len(o.action_id) > 255) errors.push(`${path} action_id over 255`);
    if (len(o.block_id) > 255) errors.push(`${path} block_id over 255`);
    if (o.type === 'button') {
      if (len(textOf('text')) > 75) errors.push(`${path} button text over 75`);
      if (len(o.value) > 2000) errors.push(`${path} button value over 2000`);
      if (len(o.url) > 3000) errors.push(`${path} button url over 3000`);
    }
    if (o.type === 'section' && len(textOf('text')) > 3000) errors.push(`${path} section text over 3000`);
    if (o.type === 'actions' && Array.isArray(o.elements) && o.elements.length > 25) {
      errors.push(`${path} actions block over 25 elements`);
    }
    if (len(textOf('placeholder')) > 150) errors.push(`${path} placeholder over 150`);
    if (Array.isArray(o.options)) {
      if (o.options.length > 100) errors.push(`${path} over 100 options`);
      for (const opt of o.options as Record<string, unknown>[]) {
        if (len((opt.text as { text?: string } | undefined)?.text) > 75)
          errors.push(`${path} option text over 75`);
        if (len(opt.value) > 150) errors.push(`${path} option value over 150`);
      }
    }
    for (const [key, value] of Object.entries(o))
      if (typeof value === 'object') visit(value, `${path}/${key}`);
  };
  visit(blocks, '');
  return errors;
}
