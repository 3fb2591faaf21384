/**
 * What start-up checks before the bot takes requests: Slack accepts the bot token (auth.test) and
 * Redis answers; Zoom's base URL is probed and only warned about. A refusal that no retry can fix
 * ends start-up with one line and an exit code; a service that does not answer is retried with
 * backoff, and the reason is kept for /readyz.
 */
import { webApi } from '@slack/bolt';
import type { Config, ConfigError, RedisConfig } from './config.js';
import { causeOf } from './failure-cause.js';
import { redisAnswers } from './http/health.js';
import type { Logger } from './log.js';
import { type RedisClient, redisLabel } from './redis.js';

/** Exit codes (README "Exit codes"): sysexits.h names where one fits. */
export const EXIT = {
  stopped: 0,
  unexpected: 1,
  /** EX_UNAVAILABLE: Slack or Redis still not answering after STARTUP_TIMEOUT_SECONDS. */
  unavailable: 69,
  /** EX_NOPERM: Slack refused the bot token. */
  slackRefused: 77,
  /** EX_CONFIG: a setting is missing, malformed or a placeholder. */
  config: 78,
} as const;

/** Ends start-up: `message` is the one line an operator reads. */
export class StartupFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'StartupFailure';
  }
}

/** Plain text, not a JSON log line: the command in it must paste into a shell as it is. */
export function describeConfigError(err: ConfigError): string {
  const n = err.problems.length;
  const lines = [
    `zoombot cannot start: ${n} setting${n === 1 ? '' : 's'} to fix (in .env or the environment):`,
  ];
  for (const p of err.problems) {
    lines.push(`  ${p.variable} ${p.problem}`);
    if (p.fix) lines.push(`      ${p.fix}`);
  }
  return lines.join('\n');
}

/** Slack's answers to auth.test that mean the token itself is wrong (docs.slack.dev/reference/methods/auth.test). */
const TOKEN_REFUSALS = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'not_allowed_token_type',
]);

export interface BotIdentity {
  botId: string;
  botUserId: string;
  teamId: string;
}

const hostOf = (url: string) => {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
};

/** One auth.test, no retries of its own: the caller decides about waiting. */
export async function checkSlack(config: Config, botToken: string, timeoutMs: number): Promise<BotIdentity> {
  const client = new webApi.WebClient(botToken, {
    slackApiUrl: config.slack.apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logger: silentLogger,
  });
  const where = `Slack auth.test at ${hostOf(config.slack.apiUrl)}`;
  try {
    const answer = await client.auth.test();
    if (!answer.bot_id || !answer.user_id) {
      throw new StartupFailure(
        `Slack says SLACK_BOT_TOKEN is not a bot token (no bot_id); use the Bot User OAuth Token (xoxb-…)`,
        EXIT.slackRefused,
      );
    }
    return { botId: answer.bot_id, botUserId: answer.user_id, teamId: answer.team_id ?? '?' };
  } catch (err) {
    if (err instanceof StartupFailure) throw err;
    const code = (err as { data?: { error?: string } }).data?.error;
    if (code && TOKEN_REFUSALS.has(code)) {
      throw new StartupFailure(
        `Slack refused SLACK_BOT_TOKEN (${code}): paste the current Bot User OAuth Token from your Slack app's OAuth & Permissions page (reinstall the app if it was revoked)`,
        EXIT.slackRefused,
      );
    }
    if (code) throw new Error(`${where} answered ${code}`);
    const status = (err as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number') throw new Error(`${where} answered HTTP ${status}`);
    throw new Error(`${where} did not answer: ${causeOf(err)}`);
  }
}

export async function checkRedis(
  redis: RedisClient,
  settings: RedisConfig,
  lastError: () => string | undefined,
  timeoutMs: number,
): Promise<void> {
  if (await redisAnswers(redis, timeoutMs)) return;
  const why = lastError();
  throw new Error(`${redisLabel(settings)} is not answering${why ? ` (${why})` : ''}`);
}

/**
 * Zoom is not needed to start (help, the modal and cancelling stale buttons still work), so a bad
 * answer is a warning. Without a token the REST API answers 401 with a JSON body; anything else
 * suggests a wrong ZOOM_API_URL.
 */
export async function checkZoom(config: Config, logger: Logger, timeoutMs: number): Promise<void> {
  const url = `${config.zoom.apiUrl}/users/me`;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const type = res.headers.get('content-type') ?? '';
    await res.body?.cancel();
    if (res.status !== 401 || !type.includes('json')) {
      logger.warn(
        `ZOOM_API_URL may be wrong: GET ${hostOf(url)}${new URL(url).pathname} answered ${res.status} (${type || 'no content-type'}); Zoom's REST API answers 401 JSON without a token (expected e.g. https://api.zoom.us/v2)`,
      );
    }
  } catch (err) {
    logger.warn(
      `Zoom API not reachable: GET ${hostOf(url)} failed: ${causeOf(err)}; meetings cannot be created until it is`,
    );
  }
}

export interface Waiting {
  /** Why the bot is not ready yet, for /readyz; undefined once ready. */
  reason(): string | undefined;
}

/**
 * Runs `check` until it passes: 1 s, 2 s, 4 s … up to 30 s apart. A StartupFailure ends at once;
 * past `deadline` (ms since epoch, 0 for none) the last reason ends start-up with EXIT.unavailable.
 */
export async function untilPasses<T>(
  name: string,
  check: () => Promise<T>,
  opts: {
    logger: Logger;
    deadline: number;
    onWaiting(reason: string | undefined): void;
    sleep?: (ms: number) => Promise<void>;
  },
): Promise<T> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  let delay = 1000;
  opts.onWaiting(`waiting for ${name} to answer`);
  for (let attempt = 1; ; attempt += 1) {
    try {
      const result = await check();
      opts.onWaiting(undefined);
      if (attempt > 1) opts.logger.info(`${name} answers now`);
      return result;
    } catch (err) {
      if (err instanceof StartupFailure) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      opts.onWaiting(reason);
      const left = opts.deadline === 0 ? Number.POSITIVE_INFINITY : opts.deadline - Date.now();
      if (left <= 0) {
        throw new StartupFailure(`${reason}; gave up after STARTUP_TIMEOUT_SECONDS`, EXIT.unavailable);
      }
      const wait = Math.min(delay, left);
      opts.logger.warn(`${reason}; retrying in ${Math.ceil(wait / 1000)} s (attempt ${attempt})`);
      await sleep(wait);
      delay = Math.min(delay * 2, 30_000);
    }
  }
}

/** A Bolt/Web API logger that writes nothing (start-up checks, where failures are reported as values). */
export const silentLogger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => 'error',
  setName() {},
} as unknown as webApi.Logger;
