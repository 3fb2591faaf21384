/**
 * A real 3-master Redis Cluster on free loopback ports (no replicas), for the tests that run the
 * bot against a cluster: three `redis-server --cluster-enabled yes` joined by
 * `redis-cli --cluster create`, ready once every node reports cluster_state:ok.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Cluster, Redis } from 'ioredis';
import type { RedisClient } from '../../src/redis.js';
import { spawnRedisServer, stopRedisServer, type TestRedis } from './redis.js';

const run = promisify(execFile);
const MASTERS = 3;

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A port whose cluster bus port (port + 10000) is free too. */
async function freeClusterPort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 30_000);
    if (taken.has(port)) continue;
    if ((await canListen(port)) && (await canListen(port + 10_000))) {
      taken.add(port);
      return port;
    }
  }
}

export async function startRedisCluster(): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'zoombot-cluster-'));
  const taken = new Set<number>();
  const ports: number[] = [];
  for (let i = 0; i < MASTERS; i++) ports.push(await freeClusterPort(taken));
  const servers = await Promise.all(
    ports.map((port) => {
      const nodeDir = join(dir, String(port));
      mkdirSync(nodeDir);
      return spawnRedisServer(port, nodeDir, [
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        'nodes.conf',
        '--cluster-node-timeout',
        '2000',
      ]);
    }),
  );
  const seeds = ports.map((p) => `127.0.0.1:${p}`);
  await run('redis-cli', ['--cluster', 'create', ...seeds, '--cluster-replicas', '0', '--cluster-yes'], {
    timeout: 20_000,
  });
  await Promise.all(ports.map((port) => waitForClusterOk(port)));

  const clients: RedisClient[] = [];
  return {
    url: `redis://127.0.0.1:${ports[0]}`,
    clusterNodes: seeds.join(','),
    prefix: () => `test:${randomBytes(4).toString('hex')}:`,
    client() {
      const c = new Cluster(
        ports.map((port) => ({ host: '127.0.0.1', port })),
        { redisOptions: { maxRetriesPerRequest: 1 } },
      );
      clients.push(c);
      return c;
    },
    async stop() {
      await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
      await Promise.all(servers.map(stopRedisServer));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForClusterOk(port: number): Promise<void> {
  const node = new Redis(port, '127.0.0.1', { maxRetriesPerRequest: 1 });
  try {
    const giveUpAt = Date.now() + 20_000;
    for (;;) {
      const info = (await node.call('CLUSTER', 'INFO')) as string;
      if (info.includes('cluster_state:ok')) return;
      if (Date.now() > giveUpAt)
        throw new Error(`cluster node ${port} never reached cluster_state:ok: ${info}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    node.disconnect();
  }
}

/** Every key matching `pattern` on every master (KEYS on a cluster client reaches one node only). */
export async function keysOnEveryNode(client: RedisClient, pattern: string): Promise<string[]> {
  const nodes = client instanceof Cluster ? client.nodes('master') : [client];
  const lists = await Promise.all(nodes.map((n) => n.keys(pattern)));
  return lists.flat().sort();
}
