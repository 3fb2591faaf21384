/**
 * Redis SIGKILLed and started again from its append-only file on the same port: the bot reconnects
 * by itself, no token pair is lost, `/zoom` opens the modal again within 15 s, /readyz follows.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';
import { startRedis } from '../support/redis.js';

let h: Harness;
before(async () => {
  h = await startHarness({}, { redis: () => startRedis({ appendOnly: true }) });
});
after(() => h.stop());

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

test('Redis killed and restarted: tokens kept, /zoom works again within 15 s, /readyz follows', async () => {
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
});
