/**
 * One app under benchmark, in its own process so its latency and memory are its own: `bot` (the real
 * /zoom bot) or `bare` (a Bolt app with HTTPReceiver whose /zoom handler only acks). Compiled to
 * plain JavaScript first (as `npm start` runs the bot), so the figures hold no TypeScript loader.
 * Talks to the benchmark over IPC: `rss` answers the current RSS, `heap` the heap after a full collection, `stop` ends it.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getHeapSpaceStatistics } from 'node:v8';
import { App, HTTPReceiver } from '@slack/bolt';

type Request = { type: 'rss' } | { type: 'heap' } | { type: 'parts' } | { type: 'stop' };

/**
 * Where the RSS is (Linux): file-backed pages (the node binary, shared libraries), V8's heap as
 * committed (young generation, old generation, code), and the rest of the anonymous memory
 * (malloc: native buffers, sockets, compiled-code metadata, thread stacks), plus the thread count.
 */
function parts(): Record<string, number> {
  const kb = (text: string, field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0) * 1024;
  const rollup = readFileSync('/proc/self/smaps_rollup', 'utf8');
  const status = readFileSync('/proc/self/status', 'utf8');
  const spaces = Object.fromEntries(
    getHeapSpaceStatistics().map((s) => [s.space_name, s.physical_space_size]),
  );
  const young = (spaces.new_space ?? 0) + (spaces.new_large_object_space ?? 0);
  const code = (spaces.code_space ?? 0) + (spaces.code_large_object_space ?? 0);
  const heap = Object.values(spaces).reduce((a, b) => a + b, 0);
  const anonymous = kb(rollup, 'Anonymous');
  return {
    rss: kb(rollup, 'Rss'),
    file: kb(rollup, 'Rss') - anonymous,
    young,
    old: heap - young - code,
    code,
    otherAnonymous: anonymous - heap,
    threads: Number(/^Threads:\s+(\d+)/m.exec(status)?.[1] ?? 0),
  };
}

const mode = process.argv[2];
const send = (message: unknown) => process.send?.(message);

async function main(): Promise<void> {
  if (mode === 'bare') {
    const silent = {
      debug() {},
      info() {},
      warn() {},
      error() {},
      setLevel() {},
      getLevel: () => 'error',
      setName() {},
    };
    const app = new App({
      receiver: new HTTPReceiver({ signingSecret: process.env.SLACK_SIGNING_SECRET as string }),
      token: process.env.SLACK_BOT_TOKEN,
      logger: silent as never,
      clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
    });
    app.command('/zoom', async ({ ack }) => {
      await ack();
    });
    const server = (await app.start(0)) as Server;
    listen((server.address() as AddressInfo).port, () => app.stop());
    return;
  }
  // The bot exactly as src/index.ts builds it (imported only here, so the bare app loads none of it).
  const [{ createBot }, { closeServices, createServices }, { loadConfig }, { createLogger }] =
    await Promise.all([
      import('../src/app.js'),
      import('../src/bootstrap.js'),
      import('../src/config.js'),
      import('../src/log.js'),
    ]);
  const config = loadConfig();
  const services = createServices(
    config,
    createLogger('error', () => {}),
  );
  // BENCH_NO_QUEUE: the same request path with the enqueue replaced by nothing (the jobs benchmark's
  // baseline for what storing a job adds to an ack). The bench only; the bot has no such switch.
  if (process.env.BENCH_NO_QUEUE === '1') services.jobs.enqueue = async () => {};
  // The benchmark's user is connected to Zoom, so free text opens the scheduling modal.
  await services.tokens.save(
    { teamId: 'T0001', userId: 'UBENCH' },
    JSON.parse(process.env.BENCH_TOKENS as string),
  );
  const bot = createBot(services, { port: 0 });
  const port = await bot.start(0);
  listen(port, async () => {
    await bot.stop();
    await bot.idle();
    await closeServices(services);
  });
}

function listen(port: number, stop: () => Promise<unknown>): void {
  process.on('message', (req: Request) => {
    if (req.type === 'rss') send({ type: 'rss', rss: process.memoryUsage.rss() });
    else if (req.type === 'parts') send({ type: 'parts', ...parts() });
    else if (req.type === 'heap') {
      (globalThis as { gc?: () => void }).gc?.();
      const { heapUsed, external, arrayBuffers } = process.memoryUsage();
      send({ type: 'heap', heapUsed, external, arrayBuffers });
    } else void stop().finally(() => process.exit(0));
  });
  // The benchmark gone (ended, killed, timed out): no bot is left running.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port });
}

main().catch((err) => {
  process.stderr.write(`bench server failed: ${String(err)}\n`);
  process.exit(1);
});
