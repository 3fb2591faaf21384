/**
 * Which failures are worth another try, and when: Slack 429/5xx/no answer, Zoom 429/5xx/no
 * answer, Redis away. Anything else (a refusal, a missing meeting, no Zoom connection) will not
 * change by waiting, so the job ends at once and the user is told.
 */
import { isStorageUnavailable } from '../redis.js';
import { RateLimitedError, UnavailableError } from '../scheduling/ports/errors.js';
import { isTransientSlackError } from '../slack/web.js';

/** The wait before the second try; doubled each time, capped. */
const MAX_DELAY_MS = 15_000;

/** Longer than this, a user waiting in Slack is better told to try later than kept waiting. */
const MAX_RETRY_AFTER_SECONDS = 60;

export function isRetryable(err: unknown): boolean {
  if (err instanceof RateLimitedError) {
    // Zoom's daily limit (reset at 00:00 UTC) is not worth waiting for; its per-second limit is.
    if (err.retryAfterSeconds !== undefined) return err.retryAfterSeconds <= MAX_RETRY_AFTER_SECONDS;
    return !/daily/i.test(err.message);
  }
  return err instanceof UnavailableError || isStorageUnavailable(err) || isTransientSlackError(err);
}

/** When the service said to come back (Retry-After), in ms. */
function retryAfterMs(err: unknown): number | undefined {
  if (err instanceof RateLimitedError) return seconds(err.retryAfterSeconds);
  const e = err as { retryAfter?: unknown; response?: { headers?: Record<string, unknown> } } | undefined;
  if (typeof e?.retryAfter === 'number') return seconds(e.retryAfter);
  const header = e?.response?.headers?.['retry-after'];
  return typeof header === 'string' && /^\d+$/.test(header) ? seconds(Number(header)) : undefined;
}

const seconds = (s: number | undefined) =>
  s !== undefined && Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;

/** Retry-After when given (plus a little, so a burst does not come back in step), else exponential with jitter. */
export function retryDelayMs(attemptsMade: number, err: unknown, baseDelayMs = 1000): number {
  const jitter = 0.8 + Math.random() * 0.4;
  const after = retryAfterMs(err);
  if (after !== undefined) return Math.round(after + 150 * jitter);
  return Math.round(Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** Math.max(0, attemptsMade - 1)) * jitter);
}
