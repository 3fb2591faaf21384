/** The Slack Web API client the bot uses outside Bolt's listeners (announcements, DMs, profiles). */
import { type Logger as BoltLogger, webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import { causeOf } from '../failure-cause.js';
import type { Logger } from '../log.js';

export type SlackWebClient = webApi.WebClient;

/** Slack's client retries for about 30 minutes by default; a chat bot must give up far sooner. */
export const SLACK_RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 };

export function slackClientOptions(config: Config, logger: Logger): webApi.WebClientOptions {
  return {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: SLACK_RETRY_CONFIG,
    // A 429 comes back to the caller: the pacing (slack/pacing.ts) backs every replica off, and a job
    // retries after Retry-After.
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: boltLogger(logger),
    fetch: describedFetch(logger),
  };
}

/**
 * The WebClient's own failure line is "http request failed fetch failed": no method, no host. This
 * fetch names both in its errors, and logs one debug line per call (the client's own debug lines,
 * four a call with bodies, are dropped by boltLogger).
 */
export function describedFetch(logger: Logger): typeof fetch {
  // Built only for a line that is written (every respond() and API call comes through here).
  const labelOf = (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    // A Web API method's path names it; any other path (a response_url) is a secret: host only.
    const method = /\/api\/[A-Za-z.]+$/.test(url.pathname) ? url.pathname : '/…';
    return `${init?.method ?? 'GET'} ${url.host}${method}`;
  };
  return async (input, init) => {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const res = await fetch(input, init);
      if (logger.getLevel() === 'debug')
        logger.debug(`slack ${labelOf(input, init)} ${res.status} in ${ms()} ms`);
      return res;
    } catch (err) {
      const failure = new Error(`${labelOf(input, init)} failed after ${ms()} ms: ${causeOf(err)}`, {
        cause: err,
      });
      // Keep the abort's name: the client tells timeouts apart by it.
      if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))
        failure.name = err.name;
      throw failure;
    }
  };
}

export function createSlackWebClient(config: Config, logger: Logger): SlackWebClient {
  return new webApi.WebClient(config.slack.botToken, slackClientOptions(config, logger));
}

/** The Slack error code of a failed Web API call ('not_in_channel', ...), if it was one. */
export function slackErrorCode(err: unknown): string | undefined {
  const data = (err as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

/**
 * Our logger in Bolt's shape (the level names are the same strings as Bolt's LogLevel enum). Bolt's
 * and the WebClient's debug output (several lines per request, with bodies) is dropped: the bot
 * logs one debug line per request itself.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const quiet: Logger = {
    debug: () => undefined,
    info: (...m) => logger.info(...m),
    warn: (...m) => logger.warn(...m),
    error: (...m) => logger.error(...m),
    // Slack's libraries set their logger's level (to INFO when given none); LOG_LEVEL alone decides ours.
    setLevel: () => undefined,
    getLevel: () => logger.getLevel(),
    setName: (name) => logger.setName(name),
    child: (bindings) => logger.child(bindings),
  };
  return quiet as unknown as BoltLogger;
}

/**
 * A Slack failure that may pass by waiting: 429, 5xx, no answer (Web API or a response_url post).
 * Anything else (channel_not_found, is_archived, used_url...) will be answered the same again.
 */
export function isTransientSlackError(err: unknown): boolean {
  const e = err as { code?: unknown; statusCode?: unknown; response?: { status?: unknown } } | undefined;
  if (e?.code === 'slack_webapi_rate_limited_error' || e?.code === 'slack_webapi_request_error') return true;
  if (e?.code === 'slack_webapi_http_error') return typeof e.statusCode === 'number' && e.statusCode >= 500;
  const status = e?.response?.status;
  if (typeof status === 'number') return status === 429 || status >= 500;
  return (
    typeof e?.code === 'string' &&
    /^(ECONNRESET|ECONNREFUSED|ETIMEDOUT|ECONNABORTED|EPIPE|EAI_AGAIN)$/.test(e.code)
  );
}
