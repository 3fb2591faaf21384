/** The Slack Web API client the bot uses outside Bolt's listeners (announcements, DMs, profiles). */
import { type Logger as BoltLogger, webApi } from '@slack/bolt';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';

export type SlackWebClient = webApi.WebClient;

/** Slack's client retries for about 30 minutes by default; a chat bot must give up far sooner. */
export const SLACK_RETRY_CONFIG = { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 };

export function slackClientOptions(config: Config, logger: Logger): webApi.WebClientOptions {
  return {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: SLACK_RETRY_CONFIG,
    // A 429 goes back to the caller (a job retries it after Retry-After) instead of pausing every call of
    // this process.
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: boltLogger(logger),
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

/** Our logger has Bolt's shape; its level names are the same strings as Bolt's LogLevel enum. */
export function boltLogger(logger: Logger): BoltLogger {
  return logger as unknown as BoltLogger;
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
