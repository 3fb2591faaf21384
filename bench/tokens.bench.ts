/**
 * Token store figures against a real redis-server and the fake Zoom:
 * - refresh storm: 1000 concurrent calls from 4 processes for one expired user (refreshes must be 1);
 * - 1000 users expiring at once (refreshes must be 1000);
 * - hot path with a valid token: calls/s and Redis commands per call (aim: 1).
 */
import type { RedisClient } from '../src/redis.js';
import { startFakeZoom } from '../test/support/fake-zoom.js';
import { startRedis } from '../test/support/redis.js';
import { buildZoomSide, connectedUser } from '../test/zoom/setup.js';
import { startWorker } from '../test/zoom/workers.js';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** Commands Redis has executed so far (INFO itself excluded). */
async function commandsExecuted(redis: RedisClient): Promise<number> {
  const info = await redis.info('commandstats');
  let total = 0;
  for (const m of info.matchAll(/^cmdstat_(\w+):calls=(\d+)/gm)) if (m[1] !== 'info') total += Number(m[2]);
  return total;
}

export default async function tokensBench(): Promise<void> {
  const redis = await startRedis();
  const zoom = await startFakeZoom();
  try {
    // Zoom's token endpoint is not instant: 50 ms keeps the storm's callers overlapping the refresh.
    zoom.setLatency(50);
    const side = buildZoomSide(redis, zoom);

    // 1. Refresh storm across processes.
    const { user } = await connectedUser(side, zoom, { expiresInSeconds: 0 });
    const workers = Array.from({ length: 4 }, () =>
      startWorker({
        redisUrl: redis.url,
        prefix: side.prefix,
        key: side.encryptionKeys[0]!,
        zoom,
        user,
        calls: 250,
      }),
    );
    await Promise.all(workers.map((w) => w.ready));
    let refreshes = zoom.stats.refreshGrants;
    let started = performance.now();
    for (const w of workers) w.go();
    const results = await Promise.all(workers.map((w) => w.result));
    const stormMs = performance.now() - started;
    const failures = results.reduce((n, r) => n + r.failed, 0);
    const distinct = new Set(results.flatMap((r) => r.tokens)).size;
    print(
      `refresh storm (4 processes x 250 calls, 1 expired user): refreshes at Zoom ${zoom.stats.refreshGrants - refreshes} (must be 1), ` +
        `failures ${failures} (must be 0), distinct tokens ${distinct}, wall ${stormMs.toFixed(0)} ms`,
    );

    // 2. Many users expiring at once, one process.
    const many = await Promise.all(
      Array.from({ length: 1000 }, () => connectedUser(side, zoom, { expiresInSeconds: 0 })),
    );
    refreshes = zoom.stats.refreshGrants;
    started = performance.now();
    const outcomes = await Promise.allSettled(many.map((m) => side.tokens.getAccessToken(m.user)));
    const manyMs = performance.now() - started;
    print(
      `1000 users expiring at once: refreshes at Zoom ${zoom.stats.refreshGrants - refreshes} (must be 1000), ` +
        `failures ${outcomes.filter((o) => o.status === 'rejected').length}, wall ${manyMs.toFixed(0)} ms ` +
        '(Zoom latency 50 ms per call)',
    );

    // 3. Hot path: valid token.
    zoom.setLatency(0);
    const hot = await connectedUser(side, zoom);
    const probe = redis.client();
    const calls = 20_000;
    const before = await commandsExecuted(probe);
    started = performance.now();
    for (let done = 0; done < calls; done += 100) {
      await Promise.all(Array.from({ length: 100 }, () => side.tokens.getAccessToken(hot.user)));
    }
    const hotMs = performance.now() - started;
    const commands = (await commandsExecuted(probe)) - before;
    print(
      `hot path (valid token, 100 concurrent): ${Math.round(calls / (hotMs / 1000))} calls/s, ` +
        `Redis commands per call ${(commands / calls).toFixed(2)} (aim 1)`,
    );
  } finally {
    await zoom.close();
    await redis.stop();
  }
}
