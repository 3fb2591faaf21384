/**
 * Starts a real redis-server for a test file on a free loopback port, or uses TEST_REDIS_URL when
 * that is set. Each call gets its own key prefix, so tests never see each other's keys.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { RedisClient } from '../../src/redis.js';

export interface TestRedis {
  url: string;
  /** A fresh key prefix for one test or suite. */
  prefix(): string;
  /** A new client (closed by stop()); a cluster client when `clusterNodes` is set. */
  client(): RedisClient;
  /** Set for a Redis Cluster: the seed nodes as REDIS_CLUSTER_NODES takes them. */
  clusterNodes?: string;
  stop(): Promise<void>;
  /** The server process, for tests that stop Redis on purpose (undefined with TEST_REDIS_URL). */
  process?: ChildProcess;
  /** SIGKILLs the server (no shutdown save) and waits for it to die; only with a server started here. */
  crash?(): Promise<void>;
  /** Starts the server again on the same port and data dir (it reloads its append-only file). */
  restart?(): Promise<void>;
}

export interface StartRedisOptions {
  /** `appendonly yes` with `appendfsync always`: every acknowledged write survives a SIGKILL. */
  appendOnly?: boolean;
}

/**
 * Runs `work` while the redis-server is stopped (SIGSTOP): connections stay open and nothing
 * answers, the worst case for a client. Resumes it afterwards, whatever `work` did.
 */
export async function withRedisStopped<T>(redis: TestRedis, work: () => Promise<T>): Promise<T> {
  const server = redis.process;
  assert.ok(server, 'these tests need the redis-server they start');
  server.kill('SIGSTOP');
  try {
    return await work();
  } finally {
    server.kill('SIGCONT');
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export async function startRedis(options: StartRedisOptions = {}): Promise<TestRedis> {
  const clients: Redis[] = [];
  const base = {
    prefix: () => `test:${randomBytes(4).toString('hex')}:`,
    client(this: TestRedis) {
      const c = new Redis(this.url, { maxRetriesPerRequest: 1 });
      clients.push(c);
      return c;
    },
  };
  const closeClients = async () => {
    await Promise.all(clients.map((c) => c.quit().catch(() => c.disconnect())));
  };

  const external = process.env.TEST_REDIS_URL;
  if (external) return { ...base, url: external, stop: closeClients };

  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'zoombot-redis-'));
  // Later arguments win in redis-server, so these override spawnRedisServer's `--appendonly no`.
  const durability = options.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'always'] : [];
  let child = await spawnRedisServer(port, dir, durability);
  return {
    ...base,
    url: `redis://127.0.0.1:${port}`,
    get process() {
      return child;
    },
    async crash() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    async restart() {
      child = await spawnRedisServer(port, dir, durability);
    },
    async stop() {
      await closeClients();
      await stopRedisServer(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts `redis-server` on `port` (data in `dir`) and resolves once it accepts connections;
 * `configFile` (Sentinel needs one) goes first, where redis-server expects it.
 */
export async function spawnRedisServer(
  port: number,
  dir: string,
  extra: string[] = [],
  configFile?: string,
): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    [
      ...(configFile ? [configFile] : []),
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      ...extra,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output}`)), 10_000);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run redis-server (apt-get install -y redis-server): ${err.message}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // A Sentinel says it is up by naming the master it watches.
      if (output.includes('Ready to accept connections') || output.includes('+monitor master')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  return child;
}

/** Stops a redis-server started by `spawnRedisServer` and waits for it to exit. */
export async function stopRedisServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
