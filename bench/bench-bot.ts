/** What the benches that drive a bot process share: its environment, starting it, and signed requests to it. */
import { type ChildProcess, fork } from 'node:child_process';
import { type Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { botEnv, SIGNING_SECRET, sign } from '../test/support/app-harness.js';
import type { FakeSlack } from '../test/support/fake-slack.js';
import type { FakeZoom } from '../test/support/fake-zoom.js';
import type { TestRedis } from '../test/support/redis.js';

/** The bot's environment, with one bench user whose Zoom account is already connected (BENCH_TOKENS). */
export function benchBotEnv(
  redis: TestRedis,
  zoom: FakeZoom,
  slack: FakeSlack,
  extra: Record<string, string> = {},
): Record<string, string> {
  zoom.addUser({ id: 'zu-bench', email: 'bench@example.com' });
  const grant = zoom.issueTokens('zu-bench');
  return {
    ...botEnv(redis, zoom, slack),
    LOG_LEVEL: 'error',
    ...extra,
    BENCH_TOKENS: JSON.stringify({
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      expiresAt: Date.now() + 24 * 3600_000,
      scope: grant.scope,
      zoomUserId: 'zu-bench',
      zoomEmail: 'bench@example.com',
    }),
  };
}

export interface BenchBot {
  child: ChildProcess;
  port: number;
  stop(): Promise<void>;
}

/** bench/ack-server.ts in its own process (through tsx), once it listens. */
export function startBenchBot(env: Record<string, string>): Promise<BenchBot> {
  const child = fork(fileURLToPath(new URL('./ack-server.ts', import.meta.url)), ['bot'], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.send({ type: 'stop' });
    });
  return new Promise((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve({ child, port: m.port, stop }));
    child.once('exit', (code) => reject(new Error(`bot exited with ${code}`)));
  });
}

/** One signed POST to /slack/events; resolves with the milliseconds until the whole answer arrived. */
export function postSigned(agent: Agent, port: number, body: string): Promise<number> {
  const timestamp = Math.floor(Date.now() / 1000);
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/slack/events',
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': sign(SIGNING_SECRET, timestamp, body),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
          else resolve(Number(process.hrtime.bigint() - started) / 1e6);
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
