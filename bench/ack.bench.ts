/**
 * The bot's weight and ack speed beside a bare Bolt app (HTTPReceiver, a /zoom handler that only
 * acks), all under the same load in the same run, each in its own process (bench/ack-server.ts,
 * compiled to JavaScript first, as `npm start` runs the bot). Two baselines: bare Bolt as it is
 * usually run (Node's defaults), the figure the aims are about, and bare Bolt with the bot's own
 * Node flags (how much of the difference is the bot's code rather than the flags).
 * - RSS at start, after 2,000 and after 20,000 commands: each figure the lowest RSS sampled over an
 *   idle window (what the process keeps, not what the last request left for the collector). Each
 *   command goes to every app at once, so every app's idle window starts right after its own
 *   last request (V8 gives memory back some 8-16 s after the last busy collection: an app that
 *   had idled longer before the window would be measured at an advantage).
 * - `/zoom help` ack latency in bursts of 50 simultaneous signed requests: each burst's p99, the
 *   median over 20 bursts (bursts of the apps interleaved).
 * The load alternates `/zoom help` and free text that opens the scheduling modal (users.info,
 * views.open at the fake Slack), the two paths users hit most; the bare apps get the same requests.
 * Aims (issue 13): RSS ≤ 1.3× bare at start and after 2,000; after 20,000 ≤ 10% above the figure
 * after 2,000; ack ≤ 1.3×.
 */
import { execFileSync, fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { fileURLToPath } from 'node:url';
import { type FakeSlack, startFakeSlack } from '../test/support/fake-slack.js';
import { startFakeZoom } from '../test/support/fake-zoom.js';
import { startRedis } from '../test/support/redis.js';
import { benchBotEnv, postSigned } from './bench-bot.js';

const BURST = 50;
const BURSTS = 20;
const CHECKPOINTS = [2_000, 20_000];
const IDLE_WINDOW_MS = Number(process.env.BENCH_IDLE_MS ?? 12_000);
const CONCURRENCY = 50;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The Node flags of `npm start` (package.json), so the bot is measured as it runs. */
const START_FLAGS = (
  JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { scripts: { start: string } }
).scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });

function commandBody(slack: FakeSlack, i: number, text: string): string {
  return new URLSearchParams({
    team_id: 'T0001',
    user_id: 'UBENCH',
    channel_id: 'C0001',
    command: '/zoom',
    text,
    response_url: slack.responseUrl(`bench-${i % 16}`),
    trigger_id: `bench-${i}`,
    api_app_id: 'A0001',
  }).toString();
}

/**
 * A keep-alive socket the server closes (idle past its keep-alive timeout) just as a request goes
 * out ends in ECONNRESET before anything was answered: that request is sent again, once.
 */
const post = (port: number, body: string) =>
  postSigned(agent, port, body).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ECONNRESET') throw err;
    return postSigned(agent, port, body);
  });

interface Child {
  port: number;
  rss(): Promise<number>;
  /** Heap after a full collection (what the process keeps in JavaScript objects). */
  heap(): Promise<{ heapUsed: number; external: number; arrayBuffers: number }>;
  /** Where its RSS is now (bench/ack-server.ts `parts`). */
  parts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

async function startChild(
  mode: 'bot' | 'bare',
  flags: string[],
  env: Record<string, string>,
): Promise<Child> {
  const child = fork(`${ROOT}dist-bench/bench/ack-server.js`, [mode], {
    // --expose-gc only for the heap figures, asked for after the RSS figures.
    execArgv: ['--expose-gc', ...flags],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
  });
  return {
    port,
    rss: () =>
      new Promise<number>((resolve) => {
        child.once('message', (m: { rss: number }) => resolve(m.rss));
        child.send({ type: 'rss' });
      }),
    heap: () =>
      new Promise((resolve) => {
        child.once('message', (m: { heapUsed: number; external: number; arrayBuffers: number }) =>
          resolve(m),
        );
        child.send({ type: 'heap' });
      }),
    parts: () =>
      new Promise((resolve) => {
        child.once('message', ({ type: _t, ...m }: Record<string, number>) => resolve(m));
        child.send({ type: 'parts' });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.99) - 1] ?? Number.NaN;

/** The lowest RSS of each process over one idle window (both sampled at once). */
async function idleRss(children: Child[]): Promise<number[]> {
  const lowest = children.map(() => Number.POSITIVE_INFINITY);
  const until = Date.now() + IDLE_WINDOW_MS;
  while (Date.now() < until) {
    const now = await Promise.all(children.map((c) => c.rss()));
    now.forEach((r, i) => {
      lowest[i] = Math.min(lowest[i] as number, r);
    });
    await sleep(200);
  }
  return lowest;
}

export default async function bench(): Promise<void> {
  process.stdout.write('compiling the bot for the benchmark (tsc -p tsconfig.bench.json)\n');
  execFileSync(process.execPath, [`${ROOT}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.bench.json'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  const [redis, zoom, slack] = await Promise.all([
    startRedis(),
    startFakeZoom(),
    startFakeSlack({ validate: false }),
  ]);
  const env = benchBotEnv(redis, zoom, slack);
  // bare: as bare Bolt is usually run; same: with the bot's flags; bot: as `npm start` runs it.
  const [bare, same, bot] = await Promise.all([
    startChild('bare', [], env),
    startChild('bare', START_FLAGS, env),
    startChild('bot', START_FLAGS, env),
  ]);
  const apps = [bare, same, bot] as const;
  const forget = () => {
    // The fakes keep every call for tests; the benchmark needs none of it.
    slack.calls.length = 0;
    slack.responses.length = 0;
    zoom.requests.length = 0;
  };

  let sent = 0;
  /** `count` more commands (help and free text alternating), each to every app at once, CONCURRENCY at a time. */
  async function load(count: number): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = sent + next++;
        const text = i % 2 ? 'help' : 'Weekly sync tomorrow 3pm for 45 minutes';
        await Promise.all(apps.map((app) => post(app.port, commandBody(slack, i, text))));
        if (i % 1000 === 0) forget();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    sent += count;
    forget();
  }

  type Three = [number, number, number];
  type Parts = Record<string, number>;
  const startRss = (await idleRss([...apps])) as Three;
  const where: [string, Parts[]][] = [['at start', await Promise.all(apps.map((a) => a.parts()))]];

  // Ack latency: 20 bursts of 50 `/zoom help`, the apps' bursts interleaved.
  await load(200); // warm-up: keep-alive sockets, compiled hot paths
  const burstP99 = [[], [], []] as [number[], number[], number[]];
  for (let b = 0; b < BURSTS; b++) {
    for (const [k, app] of apps.entries()) {
      const times = await Promise.all(
        Array.from({ length: BURST }, (_, i) => post(app.port, commandBody(slack, sent + i, 'help'))),
      );
      burstP99[k]?.push(p99(times));
      await sleep(100); // the bot's follow-up (respond) finishes between bursts
    }
    sent += BURST;
  }
  forget();

  const rss: Record<number, Three> = {};
  const heaps: Record<number, { heapUsed: number; external: number }[]> = {};
  for (const checkpoint of CHECKPOINTS) {
    await load(checkpoint - sent);
    rss[checkpoint] = (await idleRss([...apps])) as Three;
    where.push([`after ${checkpoint}`, await Promise.all(apps.map((a) => a.parts()))]);
    heaps[checkpoint] = await Promise.all(apps.map((a) => a.heap()));
  }

  const [ackBare, ackSame, ackBot] = burstP99.map(median) as Three;
  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}x`;
  const out = (s: string) => process.stdout.write(`${s}\n`);
  const flags = START_FLAGS.join(' ');
  out(`bare Bolt:        Node's defaults (as bare Bolt is usually run)`);
  out(`bare, bot flags:  ${flags}`);
  out(`/zoom bot:        ${flags} (npm start, Dockerfile)`);
  out(
    `RSS, lowest over ${IDLE_WINDOW_MS / 1000} s idle   bare Bolt   bare, bot flags   /zoom bot   bot/bare (aim ≤ 1.30x)   bot/bare with bot flags`,
  );
  const row = (label: string, [b, s2, z]: Three) =>
    out(
      `  ${label.padEnd(28)} ${mb(b).padEnd(11)} ${mb(s2).padEnd(17)} ${mb(z).padEnd(11)} ${ratio(z, b).padEnd(24)} ${ratio(z, s2)}`,
    );
  row('at start', startRss);
  row('after 2,000 commands', rss[2_000] as Three);
  row('after 20,000 commands', rss[20_000] as Three);
  for (const checkpoint of CHECKPOINTS) {
    const [b, s2, z] = heaps[checkpoint] as { heapUsed: number; external: number }[];
    const h = (x: { heapUsed: number; external: number } | undefined) =>
      `${mb(x?.heapUsed ?? 0)} (+${mb(x?.external ?? 0)} external)`;
    out(
      `  heap after ${checkpoint} (after a full GC): bare ${h(b)}, bare with bot flags ${h(s2)}, bot ${h(z)}`,
    );
  }
  const split = (p: Parts | undefined) =>
    p
      ? `file ${mb(p.file ?? 0)}, young ${mb(p.young ?? 0)}, old ${mb(p.old ?? 0)}, code ${mb(p.code ?? 0)}, ` +
        `other anonymous ${mb(p.otherAnonymous ?? 0)}, ${p.threads} threads`
      : '';
  out('  where the RSS is (sampled once after each idle window):');
  for (const [when, [b, s2, z]] of where) {
    out(`    ${when.padEnd(12)} bare:       ${split(b)}`);
    out(`    ${''.padEnd(12)} bot flags:  ${split(s2)}`);
    out(`    ${''.padEnd(12)} bot:        ${split(z)}`);
  }
  const growth = (from: number, to: number) => ((to - from) / from) * 100;
  const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
  const rssGrowth = growth((rss[2_000] as Three)[2], (rss[20_000] as Three)[2]);
  // The live heap tells real growth (objects kept per request) from memory V8 has not yet given back.
  const heapGrowth = growth(heaps[2_000]?.[2]?.heapUsed ?? 0, heaps[20_000]?.[2]?.heapUsed ?? 0);
  out(
    `  bot growth 2,000 -> 20,000: RSS ${rssGrowth.toFixed(1)}% (aim ≤ 10%: ${verdict(rssGrowth <= 10)}); ` +
      `live heap after a full GC ${heapGrowth.toFixed(1)}%`,
  );
  out(
    `/zoom help ack, bursts of ${BURST} (median of ${BURSTS} bursts' p99): bare ${ackBare.toFixed(1)} ms, ` +
      `bare with bot flags ${ackSame.toFixed(1)} ms, bot ${ackBot.toFixed(1)} ms; ` +
      `bot/bare ${ratio(ackBot, ackBare)} (aim ≤ 1.30x: ${verdict(ackBot / ackBare <= 1.3)}), ` +
      `bot/bare with bot flags ${ratio(ackBot, ackSame)}`,
  );
  const rssAim = (label: string, [b, , z]: Three) => `${label} ${ratio(z, b)} (${verdict(z / b <= 1.3)})`;
  out(
    `aims (issue 13): RSS ≤ 1.30x bare: ${rssAim('at start', startRss)}, ` +
      `${rssAim('after 2,000', rss[2_000] as Three)}`,
  );

  agent.destroy();
  await Promise.all(apps.map((a) => a.stop()));
  await Promise.all([zoom.close(), slack.close()]);
  await redis.stop();
}
