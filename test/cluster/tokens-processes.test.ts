/** The cross-process refresh race on a real 3-master Redis Cluster: still exactly one refresh at Zoom. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Cluster } from 'ioredis';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';
import type { TestRedis } from '../support/redis.js';
import { startRedisCluster } from '../support/redis-cluster.js';
import { assertOneRefreshAcrossProcesses } from '../zoom/refresh-race.js';
import { buildZoomSide } from '../zoom/setup.js';

let cluster: TestRedis;
let zoom: FakeZoom;
before(async () => {
  [cluster, zoom] = await Promise.all([startRedisCluster(), startFakeZoom()]);
});
after(async () => {
  await zoom.close();
  await cluster.stop();
});

test('two processes on a cluster refreshing one expired user at once: one refresh, both get the new token', async () => {
  const side = buildZoomSide(cluster, zoom);
  assert.ok(side.redis instanceof Cluster);
  await assertOneRefreshAcrossProcesses(side, cluster, zoom, 2);
});
