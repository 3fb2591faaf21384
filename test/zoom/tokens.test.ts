import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RedisClient } from '../../src/redis.js';
import {
  TokenStoreError,
  ZoomNotConnectedError,
  ZoomResponseError,
  ZoomUnavailableError,
} from '../../src/zoom/errors.js';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { buildZoomSide, connectedUser, dump, newKey, tokenRequests } from './setup.js';

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

/** SET commands Redis has executed (lock attempts and saves). */
async function setCommands(client: RedisClient): Promise<number> {
  const info = await client.info('commandstats');
  return Number(/^cmdstat_set:calls=(\d+)/m.exec(info)?.[1] ?? 0);
}

test('a valid token is returned as stored, without a refresh', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user, stored } = await connectedUser(side, zoom);
  const before = tokenRequests(zoom);
  assert.equal(await side.tokens.getAccessToken(user), stored.accessToken);
  assert.equal(tokenRequests(zoom), before);
  assert.deepEqual(await side.tokens.load(user), stored);
});

test('a token with under 5 minutes left is refreshed, and the new pair is stored and works', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user, stored } = await connectedUser(side, zoom, { expiresInSeconds: 240 });
  const token = await side.tokens.getAccessToken(user);
  assert.notEqual(token, stored.accessToken);
  const now = await side.tokens.load(user);
  assert.equal(now?.accessToken, token);
  assert.notEqual(now?.refreshToken, stored.refreshToken);
  assert.ok(now!.expiresAt > Date.now() + 3000 * 1000);
  assert.equal(now?.zoomUserId, stored.zoomUserId);
  const meetings = await side.client.listUpcomingMeetings(user);
  assert.deepEqual(meetings, []);
});

test('100 concurrent calls for one expired user make exactly one refresh, all get the new token', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user } = await connectedUser(side, zoom, { expiresInSeconds: 0 });
  const before = zoom.stats.refreshGrants;
  const setsBefore = await setCommands(side.redis);
  zoom.setLatency(30);
  try {
    const results = await Promise.all(Array.from({ length: 100 }, () => side.tokens.getAccessToken(user)));
    assert.equal(zoom.stats.refreshGrants - before, 1);
    assert.equal(new Set(results).size, 1);
    assert.equal(results[0], (await side.tokens.load(user))?.accessToken);
    // Single-flight inside the process: one lock attempt and one save, not one per caller.
    assert.equal((await setCommands(side.redis)) - setsBefore, 2);
  } finally {
    zoom.setLatency(0);
  }
});

test('two stores (as two processes) sharing Redis refresh once', async () => {
  const a = buildZoomSide(redis, zoom);
  const b = buildZoomSide(redis, zoom, { prefix: a.prefix, encryptionKeys: a.encryptionKeys });
  const { user } = await connectedUser(a, zoom, { expiresInSeconds: 0 });
  const before = zoom.stats.refreshGrants;
  zoom.setLatency(50);
  try {
    const results = await Promise.all([
      ...Array.from({ length: 20 }, () => a.tokens.getAccessToken(user)),
      ...Array.from({ length: 20 }, () => b.tokens.getAccessToken(user)),
    ]);
    assert.equal(zoom.stats.refreshGrants - before, 1);
    assert.equal(new Set(results).size, 1);
  } finally {
    zoom.setLatency(0);
  }
});

test('invalid_grant: typed error, connection removed, exactly one refresh attempt', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user, zoomUserId } = await connectedUser(side, zoom, { expiresInSeconds: 0 });
  zoom.revokeAll(zoomUserId);
  const before = tokenRequests(zoom, 'refresh_token');
  await assert.rejects(side.tokens.getAccessToken(user), (err: Error) => {
    assert.ok(err instanceof ZoomNotConnectedError);
    assert.match(err.message, /connect Zoom again/);
    return true;
  });
  assert.equal(tokenRequests(zoom, 'refresh_token') - before, 1);
  assert.equal(await side.tokens.load(user), null);
  assert.deepEqual(await side.tokens.slackUsersForZoomUser(zoomUserId), []);
  // Later calls see "not connected" without calling Zoom again.
  await assert.rejects(side.tokens.getAccessToken(user), ZoomNotConnectedError);
  assert.equal(tokenRequests(zoom, 'refresh_token') - before, 1);
});

test('a refresh whose answer is lost reports Zoom unavailable, keeps the pair, and never retries in the same call', async () => {
  const side = buildZoomSide(redis, zoom, { oauthTimeoutMs: 150 });
  const { user, stored } = await connectedUser(side, zoom, { expiresInSeconds: 0 });
  const before = tokenRequests(zoom, 'refresh_token');
  zoom.setLatency(400); // Zoom rotates the pair, but the answer comes too late.
  try {
    await assert.rejects(side.tokens.getAccessToken(user), ZoomUnavailableError);
  } finally {
    zoom.setLatency(0);
  }
  assert.equal(tokenRequests(zoom, 'refresh_token') - before, 1);
  assert.deepEqual(await side.tokens.load(user), stored);
  // The next call tries once, learns the pair is dead, and removes it.
  await assert.rejects(side.tokens.getAccessToken(user), ZoomNotConnectedError);
  assert.equal(tokenRequests(zoom, 'refresh_token') - before, 2);
  assert.equal(await side.tokens.load(user), null);
});

test('a token answer that is not JSON is a ZoomResponseError and nothing is overwritten', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user, stored } = await connectedUser(side, zoom, { expiresInSeconds: 0 });
  zoom.failNext(
    { method: 'POST', path: /^\/oauth\/token$/ },
    { status: 200, body: '<html>maintenance</html>' },
  );
  await assert.rejects(side.tokens.getAccessToken(user), ZoomResponseError);
  assert.deepEqual(await side.tokens.load(user), stored);
  // The pair was not used up: the next call refreshes normally.
  assert.notEqual(await side.tokens.getAccessToken(user), stored.accessToken);
});

test('malformed or tampered stored values: TokenStoreError, nothing overwritten, Zoom not called', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user } = await connectedUser(side, zoom, { expiresInSeconds: 0 });
  const key = side.keys.tokens(user.teamId, user.userId);
  const sealed = (await side.redis.get(key))!;
  const flipped = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`;
  const before = tokenRequests(zoom);
  for (const bad of ['{"access_token":"plain"}', 'zb1.x.y', flipped]) {
    await side.redis.set(key, bad);
    await assert.rejects(side.tokens.getAccessToken(user), (err: Error) => {
      assert.ok(err instanceof TokenStoreError);
      assert.match(err.message, /left unchanged|format|integrity/);
      assert.ok(!err.message.includes(bad));
      return true;
    });
    assert.equal(await side.redis.get(key), bad);
  }
  assert.equal(tokenRequests(zoom), before);
  // Disconnecting still works: the unreadable record is deleted, nothing is returned to revoke.
  assert.equal(await side.tokens.remove(user), null);
  assert.equal(await side.redis.get(key), null);
});

test('a value sealed for one user does not open under another user', async () => {
  const side = buildZoomSide(redis, zoom);
  const a = await connectedUser(side, zoom);
  const b = await connectedUser(side, zoom);
  const sealedA = (await side.redis.get(side.keys.tokens(a.user.teamId, a.user.userId)))!;
  await side.redis.set(side.keys.tokens(b.user.teamId, b.user.userId), sealedA);
  await assert.rejects(side.tokens.getAccessToken(b.user), /integrity/);
});

test('key rotation: a value under the previous key is read, and the next save uses the new key', async () => {
  const oldKey = newKey();
  const before = buildZoomSide(redis, zoom, { encryptionKeys: [oldKey] });
  const { user, stored } = await connectedUser(before, zoom, { expiresInSeconds: 0 });
  const rotated = buildZoomSide(redis, zoom, { prefix: before.prefix, encryptionKeys: [newKey(), oldKey] });
  assert.deepEqual(await rotated.tokens.load(user), stored);
  const token = await rotated.tokens.getAccessToken(user); // refresh -> save with the new key
  assert.notEqual(token, stored.accessToken);
  const onlyNew = buildZoomSide(redis, zoom, {
    prefix: before.prefix,
    encryptionKeys: [rotated.encryptionKeys[0]!],
  });
  assert.equal((await onlyNew.tokens.load(user))?.accessToken, token);
  await assert.rejects(before.tokens.load(user), /neither TOKEN_ENCRYPTION_KEY/);
});

test('a Redis dump shows no token in clear', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user, stored } = await connectedUser(side, zoom, { expiresInSeconds: 0 });
  const refreshed = await side.tokens.getAccessToken(user);
  const now = (await side.tokens.load(user))!;
  const text = await dump(side.redis, side.prefix);
  assert.match(text, /zoom-tokens=zb1\./);
  for (const secret of [stored.accessToken, stored.refreshToken, refreshed, now.refreshToken]) {
    for (const piece of secret.split('.')) assert.ok(!text.includes(piece), 'token piece found in dump');
  }
  assert.ok(!text.includes(stored.zoomEmail));
});

test('refreshAfterRejection refreshes once for the rejected token and not again once it changed', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user, stored } = await connectedUser(side, zoom);
  const before = zoom.stats.refreshGrants;
  const results = await Promise.all(
    Array.from({ length: 10 }, () => side.tokens.refreshAfterRejection(user, stored.accessToken)),
  );
  assert.equal(zoom.stats.refreshGrants - before, 1);
  assert.equal(new Set(results).size, 1);
  assert.notEqual(results[0], stored.accessToken);
  assert.equal(await side.tokens.refreshAfterRejection(user, stored.accessToken), results[0]);
  assert.equal(zoom.stats.refreshGrants - before, 1);
});

test('save links the Zoom user to the Slack user; remove and a reconnect to another account unlink', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user, zoomUserId, stored } = await connectedUser(side, zoom);
  assert.deepEqual(await side.tokens.slackUsersForZoomUser(zoomUserId), [user]);
  await side.tokens.save(user, { ...stored, zoomUserId: 'other-zoom-user' });
  assert.deepEqual(await side.tokens.slackUsersForZoomUser(zoomUserId), []);
  assert.deepEqual(await side.tokens.slackUsersForZoomUser('other-zoom-user'), [user]);
  assert.equal((await side.tokens.remove(user))?.zoomUserId, 'other-zoom-user');
  assert.deepEqual(await side.tokens.slackUsersForZoomUser('other-zoom-user'), []);
  assert.equal(await side.tokens.remove(user), null);
  await assert.rejects(side.tokens.getAccessToken(user), ZoomNotConnectedError);
});
