/**
 * Top of the hour: 40 meetings in 5 channels start and end within seconds, the Zoom webhooks
 * spread over 3 bot processes sharing one Redis, against a fake Slack that enforces Slack's
 * limits (chat.postMessage per channel, chat.update Tier 3 per workspace; 429 + Retry-After).
 * Prints the time until every channel message shows "Ended", the 429s seen, whether any message
 * was refused twice in a row, and chat.update calls per message.
 */
import { Keys } from '../src/redis.js';
import type { MeetingRecord } from '../src/scheduling/types.js';
import { MeetingStore } from '../src/storage/meeting-store.js';
import { startFakeSlack } from '../test/support/fake-slack.js';
import { startFakeZoom } from '../test/support/fake-zoom.js';
import { startRedis } from '../test/support/redis.js';
import { zoomEvents, zoomWebhookSender } from '../test/support/zoom-webhook-signing.js';
import { benchBotEnv, startBenchBot } from './bench-bot.js';

const MEETINGS = 40;
const CHANNELS = ['CBURST1', 'CBURST2', 'CBURST3', 'CBURST4', 'CBURST5'];
const PROCESSES = 3;
const GIVE_UP_MS = 120_000;
const SECRET = 'burst-webhook-secret';

export default async function bench(): Promise<void> {
  const [redis, zoom, slack] = await Promise.all([
    startRedis(),
    startFakeZoom(),
    startFakeSlack({ validate: false, rateLimits: true }),
  ]);
  const env = benchBotEnv(redis, zoom, slack, { ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  const bots = await Promise.all(Array.from({ length: PROCESSES }, () => startBenchBot(env)));

  // 40 meetings already posted (as the bot posts them), 8 per channel.
  const store = new MeetingStore(redis.client(), new Keys(env.REDIS_KEY_PREFIX as string));
  const meetings: MeetingRecord[] = [];
  for (let i = 0; i < MEETINGS; i++) {
    const channelId = CHANNELS[i % CHANNELS.length] as string;
    const messageTs = `1764300000.${String(100 + i).padStart(6, '0')}`;
    const record: MeetingRecord = {
      meetingId: String(85_000_000_000 + i),
      host: { teamId: 'T0001', userId: 'UBENCH' },
      zoomUserId: 'zu-bench',
      topic: `Meeting ${i}`,
      startInstant: '2026-12-01T06:00:00.000Z',
      timeZone: 'Asia/Tokyo',
      durationMinutes: 30,
      joinUrl: `https://zoom.us/j/${85_000_000_000 + i}`,
      locale: 'en',
      recording: 'none',
      recordingAuthentication: false,
      status: 'scheduled',
      channelId,
      messageTs,
      createdAt: '2026-11-30T00:00:00.000Z',
    };
    await store.save(record);
    slack.messages.set(`${channelId}:${messageTs}`, {
      channel: channelId,
      ts: messageTs,
      text: record.topic,
    });
    meetings.push(record);
  }

  const senders = bots.map((b) => zoomWebhookSender(`http://127.0.0.1:${b.port}`, SECRET));
  const started = performance.now();
  // Each meeting starts on one process and ends, a moment later, on another.
  await Promise.all(
    meetings.map((m, i) =>
      senders[i % PROCESSES]!.send(zoomEvents.started(m.meetingId, '2026-12-01T06:00:05Z', 'zu-bench')),
    ),
  );
  await new Promise((r) => setTimeout(r, 500));
  await Promise.all(
    meetings.map((m, i) =>
      senders[(i + 1) % PROCESSES]!.send(
        zoomEvents.ended(m.meetingId, '2026-12-01T06:00:05Z', '2026-12-01T06:01:05Z', 'zu-bench'),
      ),
    ),
  );
  const ended = (m: MeetingRecord) =>
    /Ended/.test(JSON.stringify(slack.messages.get(`${m.channelId}:${m.messageTs}`)?.blocks ?? []));
  let allRightMs: number | undefined;
  while (performance.now() - started < GIVE_UP_MS) {
    if (meetings.every(ended)) {
      allRightMs = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const updates = slack.calls.filter((c) => c.method === 'chat.update');
  // A message refused twice in a row: two refusals of its update with no accepted update between.
  const refusedTwice = new Set<string>();
  const lastWasRefused = new Map<string, boolean>();
  let refusalIndex = 0;
  const refusedCalls = new Set(slack.refusals.map((r) => r.call));
  for (const call of updates) {
    const key = `${call.args.channel}:${call.args.ts}`;
    const refused = refusedCalls.has(call);
    if (refused && lastWasRefused.get(key)) refusedTwice.add(key);
    lastWasRefused.set(key, refused);
    if (refused) refusalIndex++;
  }
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out(`${MEETINGS} meetings in ${CHANNELS.length} channels, started and ended over ${PROCESSES} processes:`);
  out(
    allRightMs === undefined
      ? `  NOT all messages showed "Ended" within ${GIVE_UP_MS / 1000} s (${meetings.filter(ended).length}/${MEETINGS})`
      : `  every message shows "Ended" after ${(allRightMs / 1000).toFixed(1)} s (aim ≤ 90 s)`,
  );
  out(
    `  429s seen: ${slack.refusals.length} (${refusalIndex} on chat.update); messages refused twice in a row: ${refusedTwice.size}`,
  );
  out(
    `  chat.update calls per message: ${(updates.length / MEETINGS).toFixed(2)} (${updates.length} in all)`,
  );

  await Promise.all(bots.map((b) => b.stop()));
  await Promise.all([zoom.close(), slack.close()]);
  await redis.stop();
}
