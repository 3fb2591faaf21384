/**
 * Signed Zoom webhook requests into the running bot (fake Slack, fake Zoom, real Redis): what the
 * channel shows, what is stored, and what is left after a deauthorization.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import type { SlackCall } from '../support/fake-slack.js';
import { type ZoomWebhookSender, zoomEvents, zoomWebhookSender } from '../support/zoom-webhook-signing.js';

const SECRET = 'e2e-zoom-webhook-secret';
let h: Harness;
let zoom: ZoomWebhookSender;

before(async () => {
  h = await startHarness({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  zoom = zoomWebhookSender(h.baseUrl, SECRET);
  h.slack.setUser('U0001', { locale: 'en-US', tz: 'Asia/Tokyo', name: 'alice' });
  await h.connect({ userId: 'U0001' });
});
after(() => h.stop());

async function deliver(body: unknown, opts?: Parameters<ZoomWebhookSender['send']>[1]) {
  const res = await zoom.send(body, opts);
  await h.settle();
  return res;
}

/** Slack calls made by `action`. */
async function slackCallsDuring(action: () => Promise<unknown>): Promise<SlackCall[]> {
  await h.settle();
  const mark = h.slack.calls.length;
  await action();
  return h.slack.calls.slice(mark);
}

const stored = async (id: string) => (await h.services.meetings.get(id)) as MeetingRecord;
const rendered = (call: SlackCall | undefined) =>
  JSON.stringify(call?.args.blocks ?? []) + String(call?.args.text);

/** Every key of the bot with its serialized value, to prove nothing was written. */
async function redisSnapshot(): Promise<[string, string | null][]> {
  const prefix = h.config.redis.keyPrefix.replace(/[*?[\]\\{}]/g, '\\$&');
  const keys = (await h.services.redis.keys(`${prefix}*`)).sort();
  return Promise.all(
    keys.map(async (k) => [k, (await h.services.redis.dumpBuffer(k))?.toString('hex') ?? null]),
  );
}

describe('Zoom webhooks end to end', () => {
  test('started, then ended: the channel message shows live, then how long it ran', async () => {
    const meeting = await h.scheduleMeeting({ topic: 'Design review', durationMinutes: 30 });
    const started = await slackCallsDuring(() =>
      deliver(zoomEvents.started(meeting.meetingId, '2026-11-29T06:01:10Z')),
    );
    const update = started.find((c) => c.method === 'chat.update');
    assert.equal(update?.args.channel, meeting.channelId);
    assert.equal(update?.args.ts, meeting.messageTs);
    assert.match(rendered(update), /Live now/);
    assert.equal((await stored(meeting.meetingId)).status, 'started');

    const ended = await slackCallsDuring(() =>
      deliver(zoomEvents.ended(meeting.meetingId, '2026-11-29T06:01:10Z', '2026-11-29T06:48:40Z')),
    );
    const record = await stored(meeting.meetingId);
    assert.equal(record.status, 'ended');
    assert.equal(record.durationRanMinutes, 48);
    assert.match(rendered(ended.find((c) => c.method === 'chat.update')), /Ended \(ran 48/);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('updated in Zoom: new time in the message and one thread note, even when Zoom says it twice', async () => {
    const meeting = await h.scheduleMeeting({ topic: 'Planning' });
    const newStart = new Date(Date.parse(meeting.startInstant as string) + 24 * 3600_000).toISOString();
    const body = zoomEvents.updated(
      meeting.meetingId,
      { start_time: newStart.replace('.000Z', 'Z'), topic: 'Planning (moved)' },
      { start_time: meeting.startInstant, topic: 'Planning' },
    );
    const calls = await slackCallsDuring(async () => {
      assert.equal((await deliver(body)).status, 200);
      // The same change again in a new delivery: already shown.
      const again = { ...body, event_ts: body.event_ts + 5 };
      assert.equal((await deliver(again)).status, 200);
    });
    const record = await stored(meeting.meetingId);
    assert.equal(record.startInstant, newStart);
    assert.equal(record.topic, 'Planning (moved)');
    const updates = calls.filter((c) => c.method === 'chat.update');
    assert.equal(updates.length, 1);
    assert.match(rendered(updates[0]), /Planning \(moved\)/);
    const notes = calls.filter((c) => c.method === 'chat.postMessage');
    assert.equal(notes.length, 1);
    assert.equal(notes[0]?.args.thread_ts, meeting.messageTs);
    assert.match(String(notes[0]?.args.text), /^Moved from /);
  });

  test("the update Zoom sends after the bot's own reschedule adds no second note", async () => {
    const meeting = await h.scheduleMeeting({ topic: 'Moved by the bot', when: '2030-03-04 10:00' });
    await h.interact(h.buttonClick('reschedule_meeting', meeting.meetingId));
    await h.settle();
    await h.interact(h.submission(h.openedView(), { when: '2030-03-05 14:30', durationMinutes: 90 }));
    await h.settle();
    const atZoom = h.zoom.meetings.get(meeting.meetingId);
    assert.equal((await stored(meeting.meetingId)).startInstant, '2030-03-05T05:30:00.000Z');
    const notesBefore = h.slack.callsTo('chat.postMessage').filter((a) => a.thread_ts === meeting.messageTs);
    assert.equal(notesBefore.length, 1, "the reschedule's own note");

    const calls = await slackCallsDuring(() =>
      deliver(
        zoomEvents.updated(
          meeting.meetingId,
          { start_time: atZoom?.start_time, timezone: atZoom?.timezone, duration: atZoom?.duration },
          { start_time: '2030-03-04T01:00:00Z', duration: 30 },
        ),
      ),
    );
    assert.deepEqual(calls, []);
  });

  test('deleted in Zoom: shown as cancelled with its buttons gone', async () => {
    const meeting = await h.scheduleMeeting({ topic: 'Retro' });
    const calls = await slackCallsDuring(() => deliver(zoomEvents.deleted(Number(meeting.meetingId))));
    assert.equal((await stored(meeting.meetingId)).status, 'cancelled');
    const update = calls.find((c) => c.method === 'chat.update');
    assert.match(rendered(update), /Cancelled/);
    assert.doesNotMatch(rendered(update), /reschedule_meeting|cancel_meeting/);
  });

  test('recording.completed: sign-in applied at Zoom as the host, one thread reply with link and passcode', async () => {
    const meeting = await h.scheduleMeeting({
      topic: 'All hands',
      recording: 'cloud',
      recordingAuthentication: true,
    });
    const share = 'https://zoom.us/rec/share/AbCdEf-123.xyz';
    const body = zoomEvents.recordingCompleted(meeting.meetingId, share, 'W3t!$00v');
    const zoomMark = h.zoom.requests.length;
    const calls = await slackCallsDuring(async () => {
      await deliver(body);
      await deliver(body, { timestamp: Math.floor(Date.now() / 1000) + 2 }); // Zoom's retry
    });
    const settings = h.zoom.requests
      .slice(zoomMark)
      .filter(
        (r) => r.method === 'PATCH' && r.path.endsWith(`/meetings/${meeting.meetingId}/recordings/settings`),
      );
    assert.equal(settings.length, 1);
    assert.deepEqual(settings[0]?.body, { recording_authentication: true });
    assert.deepEqual(h.zoom.schemaErrors, []);
    const replies = calls.filter((c) => c.method === 'chat.postMessage');
    assert.equal(replies.length, 1);
    assert.equal(replies[0]?.args.thread_ts, meeting.messageTs);
    assert.match(String(replies[0]?.args.text), /AbCdEf-123\.xyz\|watch it> \(passcode W3t!\$00v\)/);
    const leaked = h.logs.filter((l) => l.includes('W3t!$00v') || l.includes(SECRET));
    assert.deepEqual(leaked, [], 'neither the passcode nor the webhook secret is logged');
  });

  test('bad signature and stale timestamp: 401, no Slack call, nothing written', async () => {
    const meeting = await h.scheduleMeeting({ topic: 'Secret' });
    await h.settle();
    const before = await redisSnapshot();
    const calls = await slackCallsDuring(async () => {
      const forged = await deliver(zoomEvents.deleted(meeting.meetingId), { secret: 'forged' });
      assert.equal(forged.status, 401);
      const stale = await deliver(zoomEvents.deleted(meeting.meetingId), {
        timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
      });
      assert.equal(stale.status, 401);
    });
    assert.deepEqual(calls, []);
    assert.deepEqual(await redisSnapshot(), before);
  });

  test('a meeting the bot did not post: 200, no Slack call, nothing written', async () => {
    await h.settle();
    const before = await redisSnapshot();
    const calls = await slackCallsDuring(async () => {
      for (const body of [
        zoomEvents.started('81234567890', '2026-11-29T06:01:10Z'),
        zoomEvents.deleted(81234567890),
        zoomEvents.recordingCompleted('81234567890', 'https://zoom.us/rec/share/zz'),
      ]) {
        assert.equal((await deliver(body)).status, 200);
      }
    });
    assert.deepEqual(calls, []);
    assert.deepEqual(await redisSnapshot(), before);
  });

  test('app_deauthorized: both Slack users linked to the Zoom user lose everything and are told once', async () => {
    const first = { teamId: 'T0001', userId: 'U0101' };
    const second = { teamId: 'T0002', userId: 'U0202' };
    const { zoomUserId } = await h.connect(first, { id: 'zu-shared', email: 'shared@example.com' });
    await h.connect(second, { id: zoomUserId, email: 'shared@example.com' });
    const meeting = await h.scheduleMeeting({ user: first, topic: 'Mine' });
    const revokesBefore = h.zoom.stats.revokes;

    const calls = await slackCallsDuring(async () => {
      await deliver(zoomEvents.deauthorized(zoomUserId));
      await deliver(zoomEvents.deauthorized(zoomUserId)); // a later redelivery
    });

    const left = (await redisSnapshot()).map(([k]) => k);
    const theirs = left.filter(
      (k) =>
        k.includes('{T0001:U0101}') ||
        k.includes('{T0002:U0202}') ||
        k.includes(zoomUserId) ||
        k === h.services.keys.meeting(meeting.meetingId),
    );
    assert.deepEqual(theirs, []);
    assert.equal(await h.services.tokens.load(first), null);
    assert.equal(await h.services.tokens.load(second), null);
    const dmsOpened = calls
      .filter((c) => c.method === 'conversations.open')
      .map((c) => String(c.args.users))
      .sort();
    assert.deepEqual(dmsOpened, ['U0101', 'U0202']);
    assert.equal(calls.filter((c) => c.method === 'chat.postMessage').length, 2);
    assert.equal(
      h.zoom.stats.revokes,
      revokesBefore,
      'nothing is revoked at Zoom: the app is already removed',
    );
    // The connected user from the other tests is untouched.
    assert.notEqual(await h.services.tokens.load({ teamId: 'T0001', userId: 'U0001' }), null);
  });
});
