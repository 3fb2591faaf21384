import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { assertOneRefreshAcrossProcesses } from './refresh-race.js';
import { buildZoomSide, connectedUser, tokenRequests } from './setup.js';
import { startWorker } from './workers.js';

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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('3 processes refreshing one expired user at once: exactly one refresh, all get the new token', async () => {
  const side = buildZoomSide(redis, zoom);
  await assertOneRefreshAcrossProcesses(side, redis, zoom, 3);
});

test('a process killed while holding the refresh lock: the others recover once the lock expires', async () => {
  const lockTtlMs = 600;
  const side = buildZoomSide(redis, zoom, { store: { lockTtlMs } });
  const { user, stored } = await connectedUser(side, zoom, { expiresInSeconds: 0 });
  const lockKey = side.keys.refreshLock(user.teamId, user.userId);
  // The doomed process's refresh hangs at Zoom, so it is killed with the lock held.
  zoom.failNext({ method: 'POST', path: /^\/oauth\/token$/ }, { status: 503, delayMs: 30_000 });
  const before = tokenRequests(zoom, 'refresh_token');
  const doomed = startWorker({
    redisUrl: redis.url,
    prefix: side.prefix,
    key: side.encryptionKeys[0]!,
    zoom,
    user,
    calls: 1,
    lockTtlMs,
  });
  await doomed.ready;
  doomed.go();
  while (tokenRequests(zoom, 'refresh_token') === before) await sleep(10);
  assert.ok((await side.redis.exists(lockKey)) === 1, 'the worker holds the lock');
  const exited = new Promise((r) => doomed.child.once('exit', r));
  doomed.child.kill('SIGKILL');
  await exited;

  const results = await Promise.all(Array.from({ length: 5 }, () => side.tokens.getAccessToken(user)));
  assert.equal(new Set(results).size, 1);
  assert.notEqual(results[0], stored.accessToken);
  assert.equal((await side.tokens.load(user))?.accessToken, results[0]);
  assert.equal(tokenRequests(zoom, 'refresh_token') - before, 2);
  assert.equal(await side.redis.exists(lockKey), 0);
});
