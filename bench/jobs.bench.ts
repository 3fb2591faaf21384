/**
 * Durable jobs (issue 14), against a fake Zoom answering every call after 100 ms:
 * - Throughput: N modal submissions acked by 1, then 3 bot processes sharing one Redis; meetings
 *   created per second from the first submission until all N are posted in their channels.
 * - The enqueue's cost on the ack path: p50/p99 of schedule-modal submission acks from a bot that
 *   stores the create job and from the same bot with the enqueue replaced by nothing (a bench-only
 *   variant, BENCH_NO_QUEUE), requests to the two interleaved in the same run.
 * Each submission names its own channel: the bot paces posts at about one per second per channel
 * (as Slack limits them), which is not what is measured here.
 */
import { Agent } from 'node:http';
import { type FakeSlack, startFakeSlack } from '../test/support/fake-slack.js';
import { type FakeZoom, startFakeZoom } from '../test/support/fake-zoom.js';
import { startRedis } from '../test/support/redis.js';
import { stateValues } from '../test/support/slack-payloads.js';
import { type BenchBot, benchBotEnv, postSigned, startBenchBot } from './bench-bot.js';

const SUBMISSIONS = Number(process.env.BENCH_JOBS ?? 120);
const ZOOM_LATENCY_MS = 100;
const ACK_SAMPLES = 200;
const GIVE_UP_MS = 60_000;
const HOST = { teamId: 'T0001', userId: 'UBENCH' };

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(xs.length * q) - 1)] ?? Number.NaN;
const out = (s: string) => process.stdout.write(`${s}\n`);

/** The scheduling modal as the bot opens it for `/zoom` (its blocks give the submission's state). */
async function openModal(slack: FakeSlack, bot: BenchBot): Promise<Record<string, unknown>> {
  const trigger = `bench-modal-${bot.port}`;
  const body = new URLSearchParams({
    team_id: HOST.teamId,
    user_id: HOST.userId,
    channel_id: 'C0001',
    command: '/zoom',
    text: '',
    response_url: slack.responseUrl(trigger),
    trigger_id: trigger,
    api_app_id: 'A0001',
  }).toString();
  await postSigned(agent, bot.port, body);
  const giveUpAt = Date.now() + 20_000;
  for (;;) {
    const opened = slack.callsTo('views.open').find((a) => a.trigger_id === trigger);
    if (opened) return opened.view as Record<string, unknown>;
    if (Date.now() > giveUpAt) throw new Error('the bot opened no modal');
    await sleep(50);
  }
}

let submitted = 0;
/** A signed view_submission of the modal: its own view id, topic and channel. */
function submission(
  view: Record<string, unknown>,
  tag: string,
): { body: string; topic: string; channel: string } {
  const i = submitted++;
  const topic = `Bench ${tag} ${i}`;
  const channel = `CJOB${String(i).padStart(5, '0')}`;
  const payload = {
    type: 'view_submission',
    team: { id: HOST.teamId },
    user: { id: HOST.userId, team_id: HOST.teamId },
    api_app_id: 'A0001',
    view: {
      ...view,
      id: `VBENCH${i}`,
      team_id: HOST.teamId,
      hash: `h${i}`,
      state: { values: stateValues(view, { topic, when: 'tomorrow 15:00', channelId: channel }) },
    },
  };
  return { body: `payload=${encodeURIComponent(JSON.stringify(payload))}`, topic, channel };
}

/** Meetings per second: SUBMISSIONS submissions spread over `bots`, until every meeting is posted. */
async function throughput(
  zoom: FakeZoom,
  slack: FakeSlack,
  bots: BenchBot[],
  view: Record<string, unknown>,
): Promise<{ perSecond?: number; posted: number; creates: number }> {
  const tag = `${bots.length}p`;
  const creates = zoom.stats.creates;
  const channels = new Set<string>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: SUBMISSIONS }, (_, i) => {
      const s = submission(view, tag);
      channels.add(s.channel);
      return postSigned(agent, (bots[i % bots.length] as BenchBot).port, s.body);
    }),
  );
  const postedCount = () =>
    new Set(
      slack
        .callsTo('chat.postMessage')
        .filter((a) => !a.thread_ts && channels.has(a.channel as string))
        .map((a) => a.channel),
    ).size;
  while (performance.now() - started < GIVE_UP_MS && postedCount() < SUBMISSIONS) await sleep(20);
  const elapsedS = (performance.now() - started) / 1000;
  const posted = postedCount();
  return {
    ...(posted === SUBMISSIONS ? { perSecond: SUBMISSIONS / elapsedS } : {}),
    posted,
    creates: zoom.stats.creates - creates,
  };
}

function forget(zoom: FakeZoom, slack: FakeSlack): void {
  slack.calls.length = 0;
  slack.responses.length = 0;
  zoom.requests.length = 0;
}

export default async function bench(): Promise<void> {
  const [redis, zoom, slack] = await Promise.all([
    startRedis(),
    startFakeZoom(),
    startFakeSlack({ validate: false }),
  ]);
  const env = benchBotEnv(redis, zoom, slack);
  zoom.setLatency(ZOOM_LATENCY_MS);

  out(`create jobs, ${SUBMISSIONS} modal submissions, fake Zoom answering after ${ZOOM_LATENCY_MS} ms:`);
  const bots = [await startBenchBot(env)];
  const view = await openModal(slack, bots[0] as BenchBot);
  for (const count of [1, 3]) {
    while (bots.length < count) bots.push(await startBenchBot(env));
    const r = await throughput(zoom, slack, bots, view);
    out(
      r.perSecond === undefined
        ? `  ${count} process(es): NOT all posted within ${GIVE_UP_MS / 1000} s (${r.posted}/${SUBMISSIONS}, ${r.creates} created at Zoom)`
        : `  ${count} process(es): ${r.perSecond.toFixed(1)} meetings/s (${r.creates} created at Zoom, ${r.posted} posted)`,
    );
    forget(zoom, slack);
  }
  await Promise.all(bots.map((b) => b.stop()));

  // Ack cost: one bot storing the job, one with the enqueue replaced by nothing, one request at a
  // time to each in turn. Zoom answers at once here, so the queued bot's worker stays light.
  zoom.setLatency(0);
  const [queued, bare] = await Promise.all([
    startBenchBot(env),
    startBenchBot({ ...env, BENCH_NO_QUEUE: '1' }),
  ]);
  const acks = { queued: [] as number[], bare: [] as number[] };
  for (let i = 0; i < ACK_SAMPLES + 20; i++) {
    for (const [name, bot] of [
      ['queued', queued],
      ['bare', bare],
    ] as const) {
      const ms = await postSigned(agent, bot.port, submission(view, 'ack').body);
      if (i >= 20) acks[name].push(ms); // the first 20: warm-up
    }
    if (i % 50 === 49) forget(zoom, slack);
  }
  const line = (xs: number[]) =>
    `p50 ${quantile(xs, 0.5).toFixed(1)} ms, p99 ${quantile(xs, 0.99).toFixed(1)} ms`;
  out(`schedule-modal submission ack, ${ACK_SAMPLES} each, interleaved:`);
  out(`  with the create job stored:  ${line(acks.queued)}`);
  out(`  enqueue replaced by nothing: ${line(acks.bare)}`);
  out(
    `  added by the enqueue: p50 ${(quantile(acks.queued, 0.5) - quantile(acks.bare, 0.5)).toFixed(1)} ms, ` +
      `p99 ${(quantile(acks.queued, 0.99) - quantile(acks.bare, 0.99)).toFixed(1)} ms`,
  );

  agent.destroy();
  await Promise.all([queued.stop(), bare.stop()]);
  await Promise.all([zoom.close(), slack.close()]);
  await redis.stop();
}
