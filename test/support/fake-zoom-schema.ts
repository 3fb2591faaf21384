/**
 * Validates request bodies sent to the fake Zoom against Zoom's published request schemas
 * (vendored in test/fixtures/schemas/zoom/). Zoom's spec never sets `additionalProperties: false`,
 * so a misspelled field would pass; this loader adds it to every object schema, which makes the
 * fake refuse unknown fields the way a careful reviewer would.
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export type ZoomOperation = 'meetingCreate' | 'meetingUpdate' | 'recordingSettingsUpdate';

interface VendoredSchemas {
  operations: Record<ZoomOperation, { requestBody: Record<string, unknown> }>;
}

type JsonObject = Record<string, unknown>;

const SCHEMA_FILE = new URL('../fixtures/schemas/zoom/meeting-requests.json', import.meta.url);

/** Zoom takes `start_time` either in UTC (`…Z`) or as local wall time read in `timezone`. */
const ZOOM_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;

function strictCopy(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictCopy);
  if (!node || typeof node !== 'object') return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node as JsonObject)) {
    if (key === 'properties') {
      out[key] = Object.fromEntries(
        Object.entries(value as JsonObject).map(([name, sub]) => [name, strictCopy(sub)]),
      );
    } else {
      out[key] = strictCopy(value);
    }
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function formatsIn(node: unknown, found: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) formatsIn(item, found);
  else if (node && typeof node === 'object') {
    for (const [key, value] of Object.entries(node as JsonObject)) {
      if (key === 'format' && typeof value === 'string') found.add(value);
      else formatsIn(value, found);
    }
  }
  return found;
}

/**
 * The vendored `recurrence` schema lists single days in `weekly_days`' enum, while Zoom documents a
 * comma-separated list ("1,3"); its descriptions give bounds the schema leaves out: repeat_interval
 * from 1, end_times 0-60 (0 = no end), monthly_day 1-31 ("Recurrence Object Definitions").
 */
function withPublishedRecurrence(schema: JsonObject): JsonObject {
  const recurrence = (schema.properties as JsonObject | undefined)?.recurrence as JsonObject | undefined;
  const fields = recurrence?.properties as Record<string, JsonObject> | undefined;
  if (!fields) return schema;
  fields.weekly_days = { type: 'string', pattern: '^[1-7](,[1-7]){0,6}$' };
  if (fields.repeat_interval) fields.repeat_interval.minimum = 1;
  if (fields.end_times) fields.end_times.minimum = 0;
  if (fields.monthly_day) Object.assign(fields.monthly_day, { minimum: 1, maximum: 31 });
  return schema;
}

const USER_SETTINGS_FILE = new URL('../fixtures/schemas/zoom/user-settings-response.json', import.meta.url);

export class ZoomRequestSchemas {
  private readonly validators = new Map<ZoomOperation, ValidateFunction>();
  private readonly userSettings: ValidateFunction;

  constructor() {
    const vendored = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as VendoredSchemas;
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
    // ajv-formats is CommonJS; under NodeNext its default export is the module object.
    const addFormats = addFormatsModule as unknown as (a: Ajv) => Ajv;
    addFormats(ajv);
    ajv.addFormat('date-time', ZOOM_DATE_TIME);
    const standard = new Set(['date-time', 'date', 'email', 'uri', 'time']);
    for (const [name, op] of Object.entries(vendored.operations) as [
      ZoomOperation,
      VendoredSchemas['operations'][ZoomOperation],
    ][]) {
      // Non-standard format names in Zoom's spec ("int64", "Hex color code", "url") are ignored.
      for (const format of formatsIn(op.requestBody, new Set())) {
        if (!standard.has(format)) ajv.addFormat(format, true);
      }
      this.validators.set(
        name,
        ajv.compile(withPublishedRecurrence(strictCopy(op.requestBody) as JsonObject)),
      );
    }
    const settings = JSON.parse(readFileSync(USER_SETTINGS_FILE, 'utf8')) as { schema: JsonObject };
    this.userSettings = ajv.compile(strictCopy(settings.schema) as JsonObject);
  }

  /** Problems in an answer the fake is about to give to GET /users/{userId}/settings (a fake's own bug). */
  checkUserSettings(body: unknown): string[] {
    if (this.userSettings(body)) return [];
    return (this.userSettings.errors ?? []).map((e) => `userSettings ${e.instancePath || '/'}: ${e.message}`);
  }

  /** Problems found in `body` ("/settings/foo: must NOT have additional properties"); empty when valid. */
  check(operation: ZoomOperation, body: unknown): string[] {
    const validate = this.validators.get(operation);
    if (!validate) throw new Error(`no schema for ${operation}`);
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => {
      const extra = e.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
      return `${operation} ${e.instancePath || '/'}: ${e.message ?? e.keyword}${extra}`;
    });
  }
}
