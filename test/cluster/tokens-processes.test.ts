/** The cross-process refresh race on a real 3-master Redis Cluster: still exactly one refresh at Zoom. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Cluster } from 'ioredis';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';
import type { TestRedis } from '../support/redis.js';
import { startRedisCluster } from '../support/redis-cluster.js';
import { buildZoomSide, connectedUser } from '../zoom/setup.js';
import { startWorker } from '../zoom/workers.js';

let cluster: TestRedis;
let zoom: FakeZoom;
before(async () => {
  [cluster, zoom] = await Promise.all([startRedisCluster(), startFakeZoom()]);
});
after(async () => {
  await zoom.close();
  await cluster.stop();
});

const hash = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);

test('two processes on a cluster refreshing one expired user at once: one refresh, both get the new token', async () => {
  const side = buildZoomSide(cluster, zoom);
  assert.ok(side.redis instanceof Cluster);
  const { user } = await connectedUser(side, zoom, { expiresInSeconds: 0 });
  const before = zoom.stats.refreshGrants;
  const workers = Array.from({ length: 2 }, () =>
    startWorker({
      redisUrl: cluster.url,
      clusterNodes: cluster.clusterNodes,
      prefix: side.prefix,
      key: side.encryptionKeys[0]!,
      zoom,
      user,
      calls: 20,
    }),
  );
  await Promise.all(workers.map((w) => w.ready));
  zoom.setLatency(50);
  try {
    for (const w of workers) w.go();
    const results = await Promise.all(workers.map((w) => w.result));
    assert.equal(zoom.stats.refreshGrants - before, 1);
    const stored = (await side.tokens.load(user))!;
    for (const r of results) {
      assert.deepEqual(r.errors, []);
      assert.equal(r.ok, 20);
      assert.deepEqual(r.tokens, [hash(stored.accessToken)]);
    }
  } finally {
    zoom.setLatency(0);
  }
});
