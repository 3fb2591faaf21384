/**
 * The fake Slack's rate limits, as Slack documents them (opt in: `startFakeSlack({ rateLimits: true })`):
 * - chat.postMessage: "1 per second per channel, short bursts >1 allowed" (modelled: at most 4 in
 *   any 1 s and 60 in any 60 s, per channel);
 * - chat.update: Tier 3, "50+ per minute" per workspace (modelled: at most 50 in any 60 s).
 * Beyond, Slack answers HTTP 429 with Retry-After (seconds) and `ratelimited`.
 * Sources: https://api.slack.com/methods/chat.postMessage, https://api.slack.com/methods/chat.update,
 * https://api.slack.com/apis/rate-limits.
 */

interface Window {
  ms: number;
  max: number;
}

const RULES: Record<string, { per: 'channel' | 'team'; windows: Window[] }> = {
  'chat.postMessage': {
    per: 'channel',
    windows: [
      { ms: 1000, max: 4 },
      { ms: 60_000, max: 60 },
    ],
  },
  'chat.update': { per: 'team', windows: [{ ms: 60_000, max: 50 }] },
};

export class FakeSlackLimits {
  private readonly accepted = new Map<string, number[]>();
  /** Every refused call, in order (method and the channel or team it counted against). */
  readonly refusals: { method: string; key: string; at: number; call?: unknown }[] = [];

  /** Undefined when the call may go (and counts it); else Retry-After in seconds. `call` is kept with a refusal. */
  check(
    method: string,
    teamId: string,
    channel: string,
    call?: unknown,
    now = Date.now(),
  ): number | undefined {
    const rule = RULES[method];
    if (!rule) return undefined;
    const key = `${method}:${rule.per === 'channel' ? `${teamId}:${channel}` : teamId}`;
    const longest = Math.max(...rule.windows.map((w) => w.ms));
    const times = (this.accepted.get(key) ?? []).filter((t) => now - t < longest);
    let retryAfterMs = 0;
    for (const w of rule.windows) {
      const inWindow = times.filter((t) => now - t < w.ms);
      if (inWindow.length >= w.max) {
        // Free again once the oldest call that fills the window has left it.
        const oldest = inWindow[inWindow.length - w.max] as number;
        retryAfterMs = Math.max(retryAfterMs, oldest + w.ms - now);
      }
    }
    if (retryAfterMs > 0) {
      this.refusals.push({ method, key, at: now, call });
      this.accepted.set(key, times);
      return Math.max(1, Math.ceil(retryAfterMs / 1000));
    }
    times.push(now);
    this.accepted.set(key, times);
    return undefined;
  }
}
