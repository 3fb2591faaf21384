/**
 * Pacing of Slack's rate-limited calls across every replica, kept in Redis.
 *
 * Slack allows about one chat.postMessage per second per channel (short bursts tolerated) and
 * chat.update at Tier 3 (50+ per minute per workspace), and answers 429 with Retry-After beyond.
 * Each replica pacing itself would still send three times the rate with three replicas, so the
 * schedule lives in Redis: a GCRA slot per channel (posts) and per workspace (updates). A caller
 * reserves the next slot and waits until it comes (a job is delayed until then); a 429 pushes
 * the slot past Retry-After for every replica, so the next try is not refused again.
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

/** A little under Slack's figures, so clocks and Slack's own counting leave room. */
export const SLACK_RULES: Record<PacedMethod, PaceRule> = {
  'chat.postMessage': { perMinute: 55, burst: 3 },
  'chat.update': { perMinute: 50, burst: 10 },
};

/**
 * GCRA: KEYS[1] holds the theoretical arrival time (ms). ARGV: interval, tolerance, TTL ms.
 * Reserves the next slot and returns how long the caller waits for it (0: go now).
 */
const RESERVE = `
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - tolerance - now
if wait < 0 then wait = 0 end
redis.call('SET', KEYS[1], tat + interval, 'PX', tolerance + interval + tonumber(ARGV[3]))
return wait`;

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
   * Reserves the next slot for `method` (posts: per channel; updates: per workspace) and returns
   * the milliseconds to wait before calling. A job should delay itself by that much.
   */
  async reserve(method: PacedMethod, teamId: string, channelId: string): Promise<number> {
    const { interval, tolerance } = this.gcra(method);
    const wait = await this.redis.eval(
      RESERVE,
      1,
      this.slotKey(method, teamId, channelId),
      interval,
      tolerance,
      60_000,
    );
    return Number(wait);
  }

  /** Reserves a slot and waits for it (for callers that run in place rather than as a job). */
  async waitTurn(method: PacedMethod, teamId: string, channelId: string): Promise<number> {
    const wait = await this.reserve(method, teamId, channelId);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    return wait;
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
    const rule = this.rules[method];
    const interval = Math.ceil(60_000 / rule.perMinute);
    return { interval, tolerance: interval * Math.max(0, rule.burst - 1) };
  }

  private slotKey(method: PacedMethod, teamId: string, channelId: string): string {
    return method === 'chat.postMessage'
      ? this.keys.slackPace(`post:${teamId}:${channelId}`)
      : this.keys.slackPace(`update:${teamId}`);
  }
}
