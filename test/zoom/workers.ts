/** Starts refresh-worker.ts as separate Node processes (for the multi-process tests and the benchmark). */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { SlackUserRef } from '../../src/zoom/types.js';
import type { FakeZoom } from '../support/fake-zoom.js';

const WORKER = fileURLToPath(new URL('./refresh-worker.ts', import.meta.url));

export interface WorkerResult {
  ok: number;
  failed: number;
  /** Distinct access tokens received (as short hashes). */
  tokens: string[];
  errors: string[];
}

export interface Worker {
  child: ChildProcess;
  ready: Promise<void>;
  go(): void;
  result: Promise<WorkerResult>;
}

export function startWorker(opts: {
  redisUrl: string;
  /** Set: the worker connects to this Redis Cluster (REDIS_CLUSTER_NODES). */
  clusterNodes?: string;
  prefix: string;
  key: Buffer;
  zoom: FakeZoom;
  user: SlackUserRef;
  calls: number;
  lockTtlMs?: number;
}): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      REDIS_URL: opts.redisUrl,
      ...(opts.clusterNodes ? { REDIS_CLUSTER_NODES: opts.clusterNodes } : {}),
      PREFIX: opts.prefix,
      TOKEN_KEY: opts.key.toString('base64'),
      ZOOM_OAUTH_URL: opts.zoom.oauthUrl,
      ZOOM_API_URL: opts.zoom.apiUrl,
      ZOOM_CLIENT_ID: opts.zoom.clientId,
      ZOOM_CLIENT_SECRET: opts.zoom.clientSecret,
      TEAM: opts.user.teamId,
      USER_ID: opts.user.userId,
      CALLS: String(opts.calls),
      LOCK_TTL_MS: String(opts.lockTtlMs ?? 10_000),
    },
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.startsWith('ready\n')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before ready: ${err}`)));
  });
  const result = new Promise<WorkerResult>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as WorkerResult);
      else reject(new Error(`worker ended (${code ?? signal}) without a result: ${err}`));
    });
  });
  ready.catch(() => {});
  result.catch(() => {});
  return { child, ready, go: () => child.stdin!.write('go\n'), result };
}
