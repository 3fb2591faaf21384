/**
 * Bounded input (issue 8): the worst parse time over adversarial inputs (bench/adversarial.ts), and
 * the p99 ack latency of `/zoom help` while 5 users press Enter in the modal's `when` field over and
 * over with those inputs (block_actions `when`: each one parses and updates the preview), beside the
 * same run without them. The bot runs in its own process (bench/ack-server.ts), as in ack.bench.ts.
 */
import { Agent } from 'node:http';
import { buildScheduleModal, WHEN_MAX } from '../src/slack/views/schedule-modal.js';
import { MAX_PARSE_LENGTH, parseMeetingText } from '../src/time/index.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { startFakeZoom } from '../test/support/fake-zoom.js';
import { startRedis } from '../test/support/redis.js';
import { corpus } from '../test/time/corpus.js';
import { adversarialInputs } from './adversarial.js';
import { benchBotEnv, postSigned, startBenchBot } from './bench-bot.js';

const HAMMERING_USERS = 5;
const HELP_REQUESTS = 400;
const RUNS_PER_INPUT = 20;
const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function worstParse(): string[] {
  const now = new Date('2026-11-25T00:30:00Z');
  const lines: string[] = [];
  for (const { text } of adversarialInputs(50)) parseMeetingText(text, { now, timeZone: 'Asia/Tokyo' });
  for (const length of [WHEN_MAX, MAX_PARSE_LENGTH, 10_000]) {
    let worst = { name: '', median: 0 };
    let slowest = { name: '', max: 0 };
    let slowestCpu = { name: '', max: 0 };
    for (const { name, text } of adversarialInputs(length)) {
      const times: number[] = [];
      for (let i = 0; i < RUNS_PER_INPUT; i++) {
        const started = performance.now();
        const cpu = process.cpuUsage();
        parseMeetingText(text, { now, timeZone: 'Asia/Tokyo' });
        times.push(performance.now() - started);
        const used = process.cpuUsage(cpu);
        const cpuMs = (used.user + used.system) / 1000;
        if (cpuMs > slowestCpu.max) slowestCpu = { name, max: cpuMs };
      }
      times.sort((a, b) => a - b);
      const median = times[RUNS_PER_INPUT >> 1]!;
      if (median > worst.median) worst = { name, median };
      if (times.at(-1)! > slowest.max) slowest = { name, max: times.at(-1)! };
    }
    lines.push(
      `  ${String(length).padStart(5)} characters: worst median "${worst.name}" ${worst.median.toFixed(2)} ms; ` +
        `slowest single parse "${slowest.name}" ${slowest.max.toFixed(2)} ms wall, ` +
        `"${slowestCpu.name}" ${slowestCpu.max.toFixed(2)} ms CPU` +
        (length > MAX_PARSE_LENGTH ? ' (refused unread)' : ''),
    );
  }
  return lines;
}

const post = (port: number, body: string) => postSigned(agent, port, body);

const helpBody = (i: number) =>
  new URLSearchParams({
    team_id: 'T0001',
    user_id: 'UBENCH',
    channel_id: 'C0001',
    command: '/zoom',
    text: 'help',
    response_url: 'http://127.0.0.1:9/none',
    trigger_id: `help-${i}`,
    api_app_id: 'A0001',
  }).toString();

const view = buildScheduleModal({
  context: { channelId: 'C0001', locale: 'ja', timeZone: 'Asia/Tokyo' },
  topic: '',
  when: '',
  durationMinutes: 30,
  preview: '',
});

function enterBody(user: number, i: number, value: string): string {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0001', domain: 'example' },
    user: { id: `UHAMMER${user}`, username: `hammer${user}`, team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    trigger_id: `enter-${user}-${i}`,
    container: { type: 'view', view_id: `VHAMMER${user}` },
    view: {
      ...view,
      id: `VHAMMER${user}`,
      hash: `h-${i}`,
      state: { values: { when: { when: { type: 'plain_text_input', value } } } },
    },
    actions: [{ type: 'plain_text_input', action_id: 'when', block_id: 'when', value, action_ts: '1' }],
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// What a hammering user can send: the field's own 200 characters, and the parse limit by a crafted request.
const ADVERSARIAL = [...adversarialInputs(WHEN_MAX), ...adversarialInputs(MAX_PARSE_LENGTH)].map(
  (x) => x.text,
);
const ORDINARY = corpus.map((c) => c.text);

async function helpLatencies(
  port: number,
  inputs: string[],
): Promise<{ p50: number; p99: number; enters: number }> {
  const hammer = inputs.length > 0;
  let running = hammer;
  let enters = 0;
  const hammers = Array.from({ length: hammer ? HAMMERING_USERS : 0 }, async (_, user) => {
    for (let i = 0; running; i++) {
      await post(port, enterBody(user, i, inputs[(i * HAMMERING_USERS + user) % inputs.length]!));
      enters++;
    }
  });
  await new Promise((r) => setTimeout(r, 200));
  const times: number[] = [];
  for (let i = 0; i < HELP_REQUESTS; i++) {
    times.push(await post(port, helpBody(i)));
    await new Promise((r) => setTimeout(r, 2));
  }
  running = false;
  await Promise.all(hammers);
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { p50: at(0.5), p99: at(0.99), enters };
}

export default async function bench(): Promise<void> {
  const lines = [
    "worst-case parse time over adversarial inputs, 20 runs each (wall time includes the machine's other load; CPU time is the parse's own):",
    ...worstParse(),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const [redis, zoom, slack] = await Promise.all([
    startRedis(),
    startFakeZoom(),
    startFakeSlack({ validate: false }),
  ]);
  const { port, stop } = await startBenchBot(benchBotEnv(redis, zoom, slack));
  await helpLatencies(port, ADVERSARIAL); // warm-up of both paths
  const runs = [
    ['alone', await helpLatencies(port, [])],
    [
      `${HAMMERING_USERS} users pressing Enter nonstop, ordinary phrases`,
      await helpLatencies(port, ORDINARY),
    ],
    [
      `${HAMMERING_USERS} users pressing Enter nonstop, adversarial inputs`,
      await helpLatencies(port, ADVERSARIAL),
    ],
  ] as const;
  process.stdout.write(`/zoom help ack latency (${HELP_REQUESTS} sequential commands):\n`);
  for (const [name, r] of runs) {
    process.stdout.write(
      `  ${name.padEnd(58)} p50 ${r.p50.toFixed(2)} ms   p99 ${r.p99.toFixed(2)} ms${r.enters ? `   (${r.enters} previews)` : ''}\n`,
    );
  }
  agent.destroy();
  await stop();
  await Promise.all([zoom.close(), slack.close()]);
  await redis.stop();
}
