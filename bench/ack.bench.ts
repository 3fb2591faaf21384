/**
 * Ack latency of `/zoom` under 100 concurrent signed requests, beside a bare Bolt app that only
 * acknowledges, in the same run and on the same machine; then the process RSS after 10,000 commands.
 * Two loads: bursts (100 commands arrive at once, as when a busy workspace types /zoom together; the
 * next burst comes once the bot has finished opening the modals) and sustained (100 clients sending
 * back to back without pause, which measures throughput more than ack latency: every /zoom also
 * opens a modal through Slack's API, work the bare app never does).
 * Each app runs in its own process (bench/ack-server.ts); the load, Redis, the fake Slack (validation
 * off) and the fake Zoom stay here. Every command opens the scheduling modal, the path users hit most.
 */

import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { botEnv, SIGNING_SECRET, sign } from '../test/support/app-harness.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { startFakeZoom } from '../test/support/fake-zoom.js';
import { startRedis } from '../test/support/redis.js';

const CONCURRENCY = 100;
const REQUESTS_PER_ROUND = 2000;
const ROUNDS = 3;
const BURSTS = 100;
const MEMORY_COMMANDS = 10_000;

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function commandBody(i: number): string {
  return new URLSearchParams({
    team_id: 'T0001',
    user_id: 'UBENCH',
    channel_id: 'C0001',
    command: '/zoom',
    text: 'Weekly sync tomorrow 3pm for 45 minutes',
    response_url: 'http://127.0.0.1:9/none',
    trigger_id: `bench-${i}`,
    api_app_id: 'A0001',
  }).toString();
}

/** One signed POST; resolves with the milliseconds until the answer's status line and body arrived. */
function post(port: number, body: string): Promise<number> {
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

async function load(port: number, count: number, offset: number): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      times.push(await post(port, commandBody(offset + i)));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return times;
}

/** `CONCURRENCY` commands sent at the same moment; resolves with each one's ack time. */
function burst(port: number, offset: number): Promise<number[]> {
  return Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => post(port, commandBody(offset + i))));
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

interface Child {
  port: number;
  ask<T>(type: 'rss' | 'idle'): Promise<T>;
  stop(): Promise<void>;
}

async function startChild(mode: 'bot' | 'bare', env: Record<string, string>): Promise<Child> {
  const child = fork(fileURLToPath(new URL('./ack-server.ts', import.meta.url)), [mode], {
    execArgv: [
      '--import',
      'tsx',
      '--expose-gc',
      // BENCH_CPU_PROF=<dir> writes a CPU profile of each app process there.
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    ],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return {
    port,
    ask: <T>(type: 'rss' | 'idle') =>
      new Promise<T>((resolve) => {
        child.once('message', (m) => resolve(m as T));
        child.send({ type });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

function report(title: string, results: { bare: number[]; bot: number[] }): void {
  const line = (name: string, times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    return { name, p50: percentile(sorted, 50), p99: percentile(sorted, 99), n: sorted.length };
  };
  const b = line('bare Bolt (ack only)', results.bare);
  const z = line('/zoom bot', results.bot);
  process.stdout.write(`ack latency, ${title}\n`);
  for (const r of [b, z]) {
    process.stdout.write(
      `  ${r.name.padEnd(22)} p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms   (n=${r.n})\n`,
    );
  }
  process.stdout.write(
    `  ratio bot/bare          p50 ${(z.p50 / b.p50).toFixed(2)}x   p99 ${(z.p99 / b.p99).toFixed(2)}x\n`,
  );
}

export default async function bench(): Promise<void> {
  const [redis, zoom, slack] = await Promise.all([
    startRedis(),
    startFakeZoom(),
    startFakeSlack({ validate: false }),
  ]);
  zoom.addUser({ id: 'zu-bench', email: 'bench@example.com' });
  const grant = zoom.issueTokens('zu-bench');
  const env: Record<string, string> = {
    ...botEnv(redis, zoom, slack),
    LOG_LEVEL: 'error',
    BENCH_TOKENS: JSON.stringify({
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      expiresAt: Date.now() + grant.expiresInSeconds * 1000,
      scope: grant.scope,
      zoomUserId: 'zu-bench',
      zoomEmail: 'bench@example.com',
    }),
  };
  const [bot, bare] = await Promise.all([startChild('bot', env), startChild('bare', env)]);

  // Warm-up: opens the keep-alive connections and compiles the hot paths of both apps.
  await load(bare.port, 300, 0);
  await load(bot.port, 300, 0);
  await bot.ask('idle');

  const bursts = { bare: [] as number[], bot: [] as number[] };
  for (let i = 0; i < BURSTS; i += 1) {
    bursts.bare.push(...(await burst(bare.port, i * CONCURRENCY)));
    bursts.bot.push(...(await burst(bot.port, i * CONCURRENCY)));
    await bot.ask('idle');
  }
  report(`bursts of ${CONCURRENCY} simultaneous signed requests, ${BURSTS} bursts interleaved`, bursts);
  slack.calls.length = 0;
  zoom.requests.length = 0;

  const sustained = { bare: [] as number[], bot: [] as number[] };
  for (let round = 0; round < ROUNDS; round += 1) {
    sustained.bare.push(...(await load(bare.port, REQUESTS_PER_ROUND, round * REQUESTS_PER_ROUND)));
    sustained.bot.push(...(await load(bot.port, REQUESTS_PER_ROUND, round * REQUESTS_PER_ROUND)));
    await bot.ask('idle');
    slack.calls.length = 0;
    zoom.requests.length = 0;
  }
  report(`sustained: ${CONCURRENCY} clients back to back, ${ROUNDS} rounds interleaved`, sustained);

  type Rss = { rss: number; heapUsed: number };
  const bareRss = await bare.ask<Rss>('rss');
  process.stdout.write(
    `  (bare Bolt process after its ${ROUNDS * REQUESTS_PER_ROUND + BURSTS * CONCURRENCY + 300} acks: RSS ${mb(bareRss.rss)})\n`,
  );
  await bare.stop();

  const before = await bot.ask<Rss>('rss');
  let sent = 0;
  while (sent < MEMORY_COMMANDS) {
    const batch = Math.min(1000, MEMORY_COMMANDS - sent);
    await load(bot.port, batch, 100_000 + sent);
    sent += batch;
    await bot.ask('idle');
    slack.calls.length = 0;
    zoom.requests.length = 0;
  }
  const after = await bot.ask<Rss>('rss');
  process.stdout.write(
    `bot process memory after ${MEMORY_COMMANDS} more /zoom commands (each opening the modal): ` +
      `RSS ${mb(after.rss)} (${mb(before.rss)} before), heap used ${mb(after.heapUsed)} (${mb(before.heapUsed)} before)\n`,
  );

  agent.destroy();
  await bot.stop();
  await Promise.all([zoom.close(), slack.close()]);
  await redis.stop();
}
