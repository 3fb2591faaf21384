/**
 * Redis SIGKILLed and started again from its append-only file on the same port: the bot reconnects
 * by itself, no token pair is lost, `/zoom` opens the modal again within 15 s, /readyz follows, the
 * job queue runs again, and the bot still stops when told. And a bot told to stop while Redis is
 * away stops rather than waiting for Redis forever.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { botEnv, type Harness, startHarness } from '../support/app-harness.js';
import { runBot } from '../support/bot-process.js';
import { startFakeSlack } from '../support/fake-slack.js';
import { startFakeZoom } from '../support/fake-zoom.js';
import { freePort, startRedis } from '../support/redis.js';

let h = undefined as unknown as Harness;

const readyz = async () => (await fetch(`${h.baseUrl}/readyz`)).status;

let tries = 0;
/** Sends `/zoom` and says whether it opened the scheduling modal. */
async function zoomOpensModal(userId: string): Promise<boolean> {
  tries += 1;
  const triggerId = `restart-${tries}`;
  const res = await h.command('', { userId, triggerId, responseUrl: h.slack.responseUrl(triggerId) });
  assert.equal(res.status, 200);
  await h.settle();
  return h.slack.callsTo('views.open').some((c) => c.trigger_id === triggerId);
}

/** Resolves with how long `work` took, or fails once it takes longer than `limitMs`. */
async function finishesWithin(limitMs: number, work: Promise<unknown>, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${limitMs} ms`)), limitMs);
  });
  try {
    await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

test('Redis killed and restarted: tokens kept, /zoom works again within 15 s, /readyz follows', {
  timeout: 90_000,
}, async () => {
  h = await startHarness({}, { redis: () => startRedis({ appendOnly: true }) });
  const user = { teamId: 'T0001', userId: 'URESTART' };
  const { zoomUserId } = await h.connect(user);
  // A pair refreshed (rotated at Zoom) just before the kill: losing it would log the user out.
  const due = await h.services.tokens.load(user);
  const issued = h.zoom.issueTokens(zoomUserId, { expiresInSeconds: 60 });
  await h.services.tokens.save(user, {
    ...due!,
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    expiresAt: Date.now() + 60_000,
  });
  await h.services.tokens.getAccessToken(user);
  const pair = await h.services.tokens.load(user);
  assert.ok(pair && pair.refreshToken !== issued.refreshToken);
  assert.equal(await zoomOpensModal(user.userId), true);
  assert.equal(await readyz(), 200);

  await h.redis.crash!();
  assert.equal(await readyz(), 503);
  assert.equal(await zoomOpensModal(user.userId), false);

  await h.redis.restart!();
  const restartedAt = Date.now();
  let works = false;
  while (!works && Date.now() - restartedAt < 15_000) {
    works = await zoomOpensModal(user.userId);
    if (!works) await new Promise((r) => setTimeout(r, 250));
  }
  assert.ok(works, '/zoom did not open the modal within 15 s of Redis being back');
  assert.equal(await readyz(), 200);
  assert.deepEqual(await h.services.tokens.load(user), pair);

  // Stopped right after Redis came back (the job worker's blocking connection may still be
  // between two reconnect attempts): the bot stops all the same.
  await finishesWithin(10_000, h.stop(), 'stopping the bot after the restart');
});

test('after a Redis restart the job queue runs again: a submitted meeting reaches the channel', {
  timeout: 90_000,
}, async () => {
  const harness = await startHarness({}, { redis: () => startRedis({ appendOnly: true }) });
  try {
    const user = { teamId: 'T0001', userId: 'UJOBS' };
    await harness.connect(user);
    await harness.redis.crash!();
    // Long enough for BullMQ's blocking watchdog to give up on the dead connection at least once.
    await new Promise((r) => setTimeout(r, 7000));
    await harness.redis.restart!();
    let record: Awaited<ReturnType<Harness['scheduleMeeting']>> | undefined;
    for (let i = 0; i < 30 && !record; i += 1) {
      record = await harness.scheduleMeeting({ user, topic: 'After the restart' }).catch(() => undefined);
      if (!record) await new Promise((r) => setTimeout(r, 500));
    }
    assert.ok(record, 'no meeting was created after the restart');
    const posted = harness.slack
      .callsTo('chat.postMessage')
      .filter((c) => JSON.stringify(c).includes('After the restart'));
    assert.equal(posted.length, 1);
  } finally {
    await finishesWithin(10_000, harness.stop(), 'stopping the bot');
  }
});

test('SIGTERM while Redis is down: the bot stops (exit 0) instead of waiting for Redis', {
  timeout: 90_000,
}, async () => {
  const [redis, zoom, slack] = await Promise.all([
    startRedis({ appendOnly: true }),
    startFakeZoom(),
    startFakeSlack(),
  ]);
  const bot = runBot({ ...botEnv(redis, zoom, slack), PORT: String(await freePort()) });
  try {
    await bot.waitFor(/listening on port/);
    await redis.crash!();
    // Let every connection notice and fall into its reconnect loop.
    await new Promise((r) => setTimeout(r, 3000));
    bot.child.kill('SIGTERM');
    await finishesWithin(20_000, bot.exited, 'stopping the bot while Redis is down');
    assert.equal(await bot.exited, 0);
    assert.match(bot.output(), /"msg":"stopped"/);
  } finally {
    bot.child.kill('SIGKILL');
    await redis.restart!();
    await Promise.all([zoom.close(), slack.close(), redis.stop()]);
  }
});
