/**
 * Turns Zoom's answers and transport failures into the typed errors of errors.ts. Axios errors
 * carry the request config (with the Authorization header), so they never leave this module: only
 * a short message with the operation name and the error code does.
 */
import { redactString } from '../log.js';
import {
  ZoomError,
  ZoomNoAnswerError,
  ZoomNotFoundError,
  ZoomRateLimitError,
  ZoomResponseError,
  ZoomUnavailableError,
  ZoomValidationError,
} from './errors.js';

export interface RawAnswer {
  status: number;
  /** The body as received (text). */
  data: unknown;
  headers: Record<string, unknown>;
}

const NO_ANSWER_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'ERR_CANCELED']);

/** A transport failure (no HTTP answer) as a typed error. */
export function transportError(err: unknown, operation: string): ZoomError {
  const code = (err as { code?: unknown })?.code;
  const name = typeof code === 'string' ? code : 'network error';
  if (NO_ANSWER_CODES.has(name) || /timeout|socket hang up/i.test((err as Error)?.message ?? '')) {
    return new ZoomNoAnswerError(`Zoom did not answer ${operation} in time (${name})`);
  }
  return new ZoomUnavailableError(`Zoom could not be reached for ${operation} (${name})`);
}

/** The body as JSON, or undefined when empty. Throws ZoomResponseError when it is not JSON. */
export function parseJson(answer: RawAnswer, operation: string): unknown {
  const text = typeof answer.data === 'string' ? answer.data : '';
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    const type = String(answer.headers['content-type'] ?? 'no content-type').split(';')[0];
    throw new ZoomResponseError(
      `Zoom answered ${operation} with HTTP ${answer.status} that is not JSON (${type})`,
      answer.status,
    );
  }
}

/** Seconds to wait from a Retry-After header (seconds or an HTTP date); undefined when absent. */
export function retryAfterSeconds(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** A non-2xx answer from the REST API as a typed error (401 is handled by the caller first). */
export function apiError(answer: RawAnswer, operation: string): ZoomError {
  let body: Record<string, unknown> = {};
  try {
    const parsed = parseJson(answer, operation);
    if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>;
  } catch {
    // An HTML error page from a proxy: the status alone decides below.
  }
  const code = typeof body.code === 'number' ? body.code : undefined;
  const zoomMessage = typeof body.message === 'string' ? redactString(body.message) : undefined;
  const message = `Zoom refused ${operation}: HTTP ${answer.status}${zoomMessage ? ` ${zoomMessage}` : ''}`;
  const { status } = answer;
  if (status === 429) {
    return new ZoomRateLimitError(
      zoomMessage ?? 'Zoom rate limit reached',
      retryAfterSeconds(answer.headers['retry-after']),
    );
  }
  if (status === 404 || code === 3001) return new ZoomNotFoundError(message, status, code);
  if (status === 400 && code === 300) {
    const fields = Array.isArray(body.errors)
      ? body.errors.map((e: { field?: unknown; message?: unknown }) => ({
          field: String(e?.field ?? ''),
          message: redactString(String(e?.message ?? '')),
        }))
      : [];
    return new ZoomValidationError(message, fields, status, code);
  }
  if (status >= 500) return new ZoomUnavailableError(message, status, code);
  return new ZoomError(message, status, code);
}
