/** The cross-process refresh race, shared by the single-node and the cluster test: one expired user, N processes, one refresh at Zoom. */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { FakeZoom } from '../support/fake-zoom.js';
import type { TestRedis } from '../support/redis.js';
import { connectedUser, type ZoomSide } from './setup.js';
import { startWorker } from './workers.js';

const CALLS = 20;
const hash = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);

/** `processes` workers each make CALLS token calls at once; asserts exactly one refresh and that all saw only the new token. */
export async function assertOneRefreshAcrossProcesses(
  side: ZoomSide,
  redis: TestRedis,
  zoom: FakeZoom,
  processes: number,
): Promise<void> {
  const { user } = await connectedUser(side, zoom, { expiresInSeconds: 0 });
  const before = zoom.stats.refreshGrants;
  const workers = Array.from({ length: processes }, () =>
    startWorker({
      redisUrl: redis.url,
      clusterNodes: redis.clusterNodes,
      prefix: side.prefix,
      key: side.encryptionKeys[0]!,
      zoom,
      user,
      calls: CALLS,
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
      assert.equal(r.ok, CALLS);
      assert.deepEqual(r.tokens, [hash(stored.accessToken)]);
    }
  } finally {
    zoom.setLatency(0);
  }
}
