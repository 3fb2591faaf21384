/**
 * A refresh in flight stores its pair only if the pair it read is still there: a disconnect or a
 * reconnect to another Zoom account while Zoom answers is never undone, and the late pair is
 * revoked at Zoom. The fake rotates at once and answers late, as a slow Zoom would.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ZoomNotConnectedError } from '../../src/zoom/errors.js';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { buildZoomSide, connectedUser, dump, type ZoomSide } from './setup.js';

let redis: TestRedis;
let zoom: FakeZoom;
before(async () => {
  redis = await startRedis();
  zoom = await startFakeZoom();
});
after(async () => {
  await zoom.close();
  await redis.stop();
});

/** Starts a refresh for an expired pair and resolves once Zoom has rotated it (the answer still on its way). */
async function refreshInFlight(side: ZoomSide) {
  const connected = await connectedUser(side, zoom, { expiresInSeconds: 0 });
  const grantsBefore = zoom.stats.refreshGrants;
  zoom.setLatency(600);
  const refreshing = side.tokens.getAccessToken(connected.user).then(
    (token) => ({ token }),
    (error: unknown) => ({ error }),
  );
  while (zoom.stats.refreshGrants === grantsBefore) await new Promise((r) => setTimeout(r, 5));
  // Only the refresh answer is late; what follows is answered at once.
  zoom.setLatency(0);
  return { ...connected, refreshing };
}

test('/zoom disconnect during a refresh in flight: nothing of the user in Redis, no pair valid at Zoom', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user, zoomUserId, stored, refreshing } = await refreshInFlight(side);
  assert.equal(await side.connections.disconnect(user), true);
  const outcome = await refreshing;
  assert.ok('error' in outcome && outcome.error instanceof ZoomNotConnectedError, String(outcome));
  assert.equal(await side.tokens.load(user), null);
  const everything = await dump(side.redis, side.prefix);
  // No key of the user's own (tokens, lock, pending pair); the workspace's user index is erased by the command.
  assert.ok(!everything.includes(`{${user.teamId}:${user.userId}}`), everything);
  assert.ok(!everything.includes(zoomUserId), everything);
  assert.ok(!everything.includes(stored.accessToken) && !everything.includes(stored.refreshToken));
  assert.equal(zoom.liveTokens(zoomUserId), 0);
});

test('a reconnect to another Zoom account during a refresh stays; the late pair is revoked', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user, zoomUserId, refreshing } = await refreshInFlight(side);
  const other = await connectedUser(side, zoom);
  await side.tokens.save(user, other.stored);
  const outcome = await refreshing;
  assert.deepEqual(outcome, { token: other.stored.accessToken });
  assert.deepEqual(await side.tokens.load(user), other.stored);
  assert.deepEqual(await side.tokens.slackUsersForZoomUser(zoomUserId), []);
  const linked = await side.tokens.slackUsersForZoomUser(other.zoomUserId);
  assert.ok(linked.some((u) => u.userId === user.userId));
  assert.equal(zoom.liveTokens(zoomUserId), 0);
  // The new account's pair still works at Zoom.
  assert.ok(zoom.liveTokens(other.zoomUserId) >= 2);
});

test('a reconnect to the same Zoom account during a refresh stays and keeps working at Zoom', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user, zoomUserId, stored, refreshing } = await refreshInFlight(side);
  // Revoking the late pair would end this new authorization too (Zoom revokes per user and app).
  const issued = zoom.issueTokens(zoomUserId);
  const again = { ...stored, ...issued, expiresAt: Date.now() + issued.expiresInSeconds * 1000 };
  const { expiresInSeconds: _ttl, ...reconnected } = again;
  await side.tokens.save(user, reconnected);
  assert.deepEqual(await refreshing, { token: reconnected.accessToken });
  assert.deepEqual(await side.tokens.load(user), reconnected);
  assert.deepEqual(await side.client.listUpcomingMeetings(user), []);
});
