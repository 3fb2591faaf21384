/**
 * Slack pacing shared by replicas through a real Redis: each replica is its own SlackPacer with
 * its own connection, as separate processes would be.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Keys } from '../../src/redis.js';
import { mostCallsIn, type PacerOptions, SLACK_RULES, SlackPacer } from '../../src/slack/pacing.js';
import { startRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

function replicas(n: number, rules?: PacerOptions['rules']) {
  const keys = new Keys(redis.prefix());
  return Array.from({ length: n }, () => new SlackPacer(redis.client(), keys, rules ? { rules } : {}));
}

const POST_INTERVAL = Math.ceil(60_000 / SLACK_RULES['chat.postMessage'].perMinute);

describe('Slack pacing across replicas', () => {
  test('posts to one channel from three replicas: a short burst at once, then one slot per interval', async () => {
    const pacers = replicas(3);
    const burst = SLACK_RULES['chat.postMessage'].burst;
    const waits = await Promise.all(
      Array.from({ length: 12 }, (_, i) => pacers[i % 3]!.take('chat.postMessage', 'T1', 'C1')),
    );
    assert.equal(waits.filter((w) => w === 0).length, burst, `only the burst goes now: ${waits.join(',')}`);
    for (const w of waits.filter((x) => x > 0)) assert.ok(w > POST_INTERVAL - 100 && w <= POST_INTERVAL);
    // Another channel has its own pace.
    assert.equal(await pacers[1]!.take('chat.postMessage', 'T1', 'C2'), 0);
    // Once the interval has passed, exactly one more caller gets the next slot.
    await new Promise((r) => setTimeout(r, POST_INTERVAL + 20));
    const next = await Promise.all(pacers.map((p) => p.take('chat.postMessage', 'T1', 'C1')));
    assert.equal(next.filter((w) => w === 0).length, 1, `one slot: ${next.join(',')}`);
  });

  test('a 429 on one replica holds every replica back until Retry-After has passed', async () => {
    const [a, b] = replicas(2) as [SlackPacer, SlackPacer];
    assert.equal(await a.take('chat.update', 'T1', 'C1'), 0);
    await a.backOff('chat.update', 'T1', 'C1', 5_000);
    const wait = await b.take('chat.update', 'T1', 'C9');
    assert.ok(wait >= 4_900 && wait <= 5_100, `waits out Retry-After: ${wait}`);
  });

  test("a message's later update supersedes the earlier one still waiting", async () => {
    const [c] = replicas(1) as [SlackPacer];
    // The workspace's update slots are used up: an update waits, and gives up once superseded.
    const rule = SLACK_RULES['chat.update'];
    for (let i = 0; i < rule.burst; i++) await c.take('chat.update', 'T9', 'C1');
    const v1 = await c.newVersion('C1', '1.1');
    const waiting = c.waitTurn('chat.update', 'T9', 'C1', () => c.isLatest('C1', '1.1', v1));
    await c.newVersion('C1', '1.1');
    assert.equal(await waiting, false);

    const [a, b] = replicas(2) as [SlackPacer, SlackPacer];
    const started = await a.newVersion('C1', '1700000000.000100');
    const ended = await b.newVersion('C1', '1700000000.000100');
    assert.equal(await a.isLatest('C1', '1700000000.000100', started), false);
    assert.equal(await b.isLatest('C1', '1700000000.000100', ended), true);
    assert.equal(await a.isLatest('C1', '1700000000.000200', 1), true, 'another message is not affected');
  });

  test('three replicas posting a burst through a Slack that counts: no call refused', async () => {
    // Scaled down fourfold so the test is quick: one post per 250 ms per channel, no burst; the
    // stand-in Slack refuses a post when the channel already had 3 within the last 500 ms (a
    // window, as Slack counts, so a timer firing late under load does not count as too fast).
    const rule = { perMinute: 240, burst: 1 };
    const pacers = replicas(3, { 'chat.postMessage': rule, 'chat.update': rule });
    const accepted = new Map<string, number[]>();
    let refused = 0;
    const slack = (channel: string) => {
      const now = performance.now();
      const recent = (accepted.get(channel) ?? []).filter((t) => now - t < 500);
      if (recent.length >= 3) refused++;
      else accepted.set(channel, [...recent, now]);
    };
    const channels = ['C1', 'C2', 'C3', 'C4', 'C5'];
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const channel = channels[i % 5] as string;
        await pacers[i % 3]!.waitTurn('chat.postMessage', 'T1', channel);
        slack(channel);
      }),
    );
    assert.equal(refused, 0);
  });

  test('the rules stay within Slack’s published rates in any window, burst included', () => {
    // https://api.slack.com/methods/chat.update: Tier 3, 50+ per minute (per workspace);
    // https://api.slack.com/methods/chat.postMessage: 1 per second per channel, short bursts allowed.
    assert.ok(mostCallsIn(SLACK_RULES['chat.update'], 60_000) <= 50);
    assert.ok(mostCallsIn(SLACK_RULES['chat.postMessage'], 60_000) <= 60);
    assert.ok(mostCallsIn(SLACK_RULES['chat.postMessage'], 1_000) <= 4);
    // The bound is not loose by construction: the previous update rule (50/min, burst 10) broke it.
    assert.ok(mostCallsIn({ perMinute: 50, burst: 10 }, 60_000) > 50);
  });

  test('callers taking every slot they can through Redis get no more than the bound in any window', async () => {
    // Scaled down (one slot per 50 ms, burst 5) so it runs in 1.5 s; three replicas competing.
    const rule = { perMinute: 1200, burst: 5 };
    const pacers = replicas(3, { 'chat.postMessage': rule, 'chat.update': rule });
    const accepted: number[] = [];
    const until = performance.now() + 1500;
    await Promise.all(
      pacers.map(async (p) => {
        while (performance.now() < until) {
          const wait = await p.take('chat.update', 'T1', 'C1');
          if (wait === 0) accepted.push(performance.now());
          else await new Promise((r) => setTimeout(r, Math.min(wait, 5)));
        }
      }),
    );
    accepted.sort((a, b) => a - b);
    const windowMs = 500;
    let most = 0;
    for (const [i, t] of accepted.entries()) {
      most = Math.max(most, accepted.filter((u, j) => j >= i && u - t < windowMs).length);
    }
    // +1: the times are taken here, a round trip after Redis' own clock accepted the call.
    assert.ok(most <= mostCallsIn(rule, windowMs) + 1, `${most} calls in ${windowMs} ms`);
    assert.ok(accepted.length <= mostCallsIn(rule, 1500) + 1, `${accepted.length} calls in 1.5 s`);
  });
});
