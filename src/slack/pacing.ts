/**
 * Pacing of Slack's rate-limited calls across every replica, kept in Redis.
 *
 * Slack allows about one chat.postMessage per second per channel (short bursts tolerated) and
 * chat.update at Tier 3 (50+ per minute per workspace), and answers 429 with Retry-After beyond.
 * Each replica pacing itself would still send three times the rate with three replicas, so the
 * schedule lives in Redis: a GCRA rate per channel (posts) and per workspace (updates). A caller
 * takes a free slot or learns how long until the next one and tries again then (a job delays
 * itself by that much), so nobody holds a future slot it may not need; a 429 pushes the rate
 * past Retry-After for every replica, so the next try is not refused again.
 * A message's later updates supersede earlier ones still waiting: each update takes a version,
 * and only the newest version's caller sends (rendering the record as it is then).
 * Every script touches one key, so all of it works on Redis Cluster.
 * Sources: https://api.slack.com/methods/chat.postMessage (rate limits: "1 per second per
 * channel, short bursts >1 allowed"), https://api.slack.com/methods/chat.update (Tier 3),
 * https://api.slack.com/apis/rate-limits (Tier 3: 50+ per minute; 429 with Retry-After).
 */
import type { Keys, RedisClient } from '../redis.js';

export type PacedMethod = 'chat.postMessage' | 'chat.update';

export interface PaceRule {
  /** Calls per minute, on average. */
  perMinute: number;
  /** Calls that may go at once before the average applies. */
  burst: number;
}

/**
 * Under Slack's figures even counting the burst: at most 57 posts per channel in any minute (3 in
 * any second) against Slack's 60 (1 per second), and at most 49 updates per workspace in any minute
 * against Tier 3's 50 (`mostCallsIn` below; test/slack/pacing.test.ts checks both).
 */
export const SLACK_RULES: Record<PacedMethod, PaceRule> = {
  'chat.postMessage': { perMinute: 55, burst: 3 },
  'chat.update': { perMinute: 45, burst: 5 },
};

/**
 * The most calls a rule lets through in any window of `windowMs` (across every replica). GCRA
 * accepts a call at `now` only when now >= TAT - tolerance, and each call moves TAT on by one
 * interval; so n calls accepted at t1 <= ... <= tn satisfy tn >= t1 + (n - 1) * interval - tolerance.
 * Within a window (tn - t1 < windowMs): n - 1 < (windowMs + tolerance) / interval. A 429 only
 * moves TAT later, so it never lets more through.
 */
export function mostCallsIn(rule: PaceRule, windowMs: number): number {
  const { interval, tolerance } = gcraOf(rule);
  return Math.ceil((windowMs + tolerance) / interval);
}

function gcraOf(rule: PaceRule): { interval: number; tolerance: number } {
  const interval = Math.ceil(60_000 / rule.perMinute);
  return { interval, tolerance: interval * Math.max(0, rule.burst - 1) };
}

/**
 * GCRA: KEYS[1] holds the theoretical arrival time (ms). ARGV: interval, tolerance, TTL ms.
 * Takes a slot when one is free (returns 0); else takes nothing and returns the ms until one is.
 */
const TAKE = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - tolerance - now
if wait > 0 then return wait end
redis.call('SET', KEYS[1], tat + interval, 'PX', tolerance + interval + tonumber(ARGV[3]))
return 0`;

/** A 429: nothing goes before now + ARGV[1] ms (plus the burst tolerance ARGV[2] used up). */
const BACK_OFF = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local earliest = now + tonumber(ARGV[1]) + tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < earliest then
  redis.call('SET', KEYS[1], earliest, 'PX', tonumber(ARGV[1]) + tonumber(ARGV[2]) + 60000)
end
return 1`;

export interface PacerOptions {
  rules?: Record<PacedMethod, PaceRule>;
}

export class SlackPacer {
  private readonly rules: Record<PacedMethod, PaceRule>;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    options: PacerOptions = {},
  ) {
    this.rules = options.rules ?? SLACK_RULES;
  }

  /**
   * Takes a slot for `method` (posts: per channel; updates: per workspace): 0 means call now;
   * otherwise no slot was free, and the caller (or job) tries again after that many ms.
   */
  async take(method: PacedMethod, teamId: string, channelId: string): Promise<number> {
    const { interval, tolerance } = this.gcra(method);
    const key = this.slotKey(method, teamId, channelId);
    return Number(await this.redis.eval(TAKE, 1, key, interval, tolerance, 60_000));
  }

  /**
   * Waits in place until a slot is taken (true), or until `stillWanted` says the call is no
   * longer needed (false), asking again whenever a slot should be free.
   */
  async waitTurn(
    method: PacedMethod,
    teamId: string,
    channelId: string,
    stillWanted: () => Promise<boolean> = async () => true,
  ): Promise<boolean> {
    for (;;) {
      if (!(await stillWanted())) return false;
      const wait = await this.take(method, teamId, channelId);
      if (wait === 0) return true;
      // A little jitter, so the callers waiting for one slot do not all ask in the same instant.
      await new Promise((r) => setTimeout(r, wait + Math.random() * 50));
    }
  }

  /** Slack answered 429 with Retry-After: no replica calls `method` there before it has passed. */
  async backOff(method: PacedMethod, teamId: string, channelId: string, retryAfterMs: number): Promise<void> {
    const { tolerance } = this.gcra(method);
    await this.redis.eval(
      BACK_OFF,
      1,
      this.slotKey(method, teamId, channelId),
      Math.ceil(retryAfterMs),
      tolerance,
    );
  }

  /** A new state of message `ts` to show: its version (the newest supersedes every earlier one). */
  async newVersion(channelId: string, ts: string): Promise<number> {
    const key = this.keys.messageVersion(channelId, ts);
    const [[, version] = []] = (await this.redis
      .multi()
      .incr(key)
      .expire(key, 24 * 3600)
      .exec()) as [Error | null, number][];
    return Number(version);
  }

  /** False when a newer update of the message was asked for since `version` (this one can be dropped). */
  async isLatest(channelId: string, ts: string, version: number): Promise<boolean> {
    const current = await this.redis.get(this.keys.messageVersion(channelId, ts));
    return current === null || Number(current) <= version;
  }

  private gcra(method: PacedMethod): { interval: number; tolerance: number } {
    return gcraOf(this.rules[method]);
  }

  private slotKey(method: PacedMethod, teamId: string, channelId: string): string {
    return method === 'chat.postMessage'
      ? this.keys.slackPace(`post:${teamId}:${channelId}`)
      : this.keys.slackPace(`update:${teamId}`);
  }
}

/** Slack's 429 as the Web API client reports it (`rejectRateLimitedCalls`): Retry-After in ms. */
export function rateLimitedRetryAfterMs(err: unknown): number | undefined {
  const e = err as { code?: unknown; retryAfter?: unknown } | undefined;
  if (e?.code !== 'slack_webapi_rate_limited_error') return undefined;
  return typeof e.retryAfter === 'number' && e.retryAfter >= 0 ? e.retryAfter * 1000 : 1000;
}

/** How often a paced call is tried after 429s before the error goes to the caller (a job retries). */
const MAX_RATE_LIMITED_TRIES = 4;

/**
 * Runs `call` in its paced slot; on 429 every replica backs off and this caller tries again in a
 * fresh slot. With `message`, the call is dropped (answers 'superseded') once a newer update of
 * that message was asked for: the newer one shows the latest state.
 */
export async function paced<T>(
  pacer: SlackPacer,
  method: PacedMethod,
  where: { teamId: string; channelId: string },
  call: () => Promise<T>,
  message?: { ts: string; version: number },
): Promise<T | 'superseded'> {
  for (let attempt = 1; ; attempt++) {
    const stillWanted = message
      ? () => pacer.isLatest(where.channelId, message.ts, message.version)
      : undefined;
    if (!(await pacer.waitTurn(method, where.teamId, where.channelId, stillWanted))) return 'superseded';
    try {
      return await call();
    } catch (err) {
      const retryAfterMs = rateLimitedRetryAfterMs(err);
      if (retryAfterMs === undefined || attempt >= MAX_RATE_LIMITED_TRIES) throw err;
      await pacer.backOff(method, where.teamId, where.channelId, retryAfterMs);
    }
  }
}
