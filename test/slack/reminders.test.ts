// Reminders through the real Bolt receiver: a Slack scheduled message at start − N in the meeting's
// channel, moved on every kind of move and removed on every cancel, against a fake Slack that
// enforces chat.scheduleMessage's documented limits.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import { type ZoomWebhookSender, zoomEvents, zoomWebhookSender } from '../support/zoom-webhook-signing.js';

const SECRET = 'reminders-webhook-secret';
let h: Harness;
let zoom: ZoomWebhookSender;
before(async () => {
  h = await startHarness({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  zoom = zoomWebhookSender(h.baseUrl, SECRET);
  await h.connect({ userId: 'UREM' });
  h.slack.setUser('UREM', { tz: 'Asia/Tokyo', locale: 'en-US' });
});
after(() => h.stop());

type Block = { block_id?: string; element?: Record<string, unknown> };

/** `yyyy-MM-dd HH:mm` in Tokyo, `days` from now at `hour`. */
function tokyo(days: number, hour: number): { text: string; instant: string } {
  const day = new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
  const instant = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+09:00`).toISOString();
  return { text: `${day} ${String(hour).padStart(2, '0')}:00`, instant };
}
const unix = (instant: string) => Math.floor(Date.parse(instant) / 1000);
const waiting = (channel?: string) =>
  [...h.slack.scheduled.values()].filter(
    (m) => m.post_at > Date.now() / 1000 && (!channel || m.channel === channel),
  );
const stored = async (id: string) => (await h.services.meetings.get(id)) as MeetingRecord;

async function create(when: string, topic: string, extra: Record<string, unknown> = {}, channelId = 'C0001') {
  const triggerId = `T-rem-${Math.random()}`;
  await h.command('', { userId: 'UREM', triggerId, channelId });
  await h.settle();
  const view = h.openedView(triggerId);
  const before = new Set(h.zoom.meetings.keys());
  const res = await h.interact(
    h.submission(view, { topic, when, channelId, ...extra }, { user: { userId: 'UREM' } }),
  );
  assert.equal(await res.text(), '');
  await h.settle();
  const id = [...h.zoom.meetings.keys()].find((k) => !before.has(k)) as string;
  return { record: await stored(id), view: view as { blocks: Block[] } };
}

async function reminderOf(id: string) {
  const record = await stored(id);
  const ids = (record.reminder?.scheduled ?? []).map((s) => s.id);
  return { record, ids, messages: ids.map((i) => h.slack.scheduled.get(i)) };
}

describe('reminders', () => {
  test('by default 10 minutes before, in the channel, with the topic and Join; its id is on the record', async () => {
    const at = tokyo(3, 15);
    const { record, view } = await create(at.text, 'Weekly sync');
    const select = view.blocks.find((b) => b.block_id === 'reminder')?.element as {
      initial_option: { value: string };
      options: { value: string }[];
    };
    assert.deepEqual(
      select.options.map((o) => o.value),
      ['none', '5', '10', '15', '30', '60'],
    );
    assert.equal(select.initial_option.value, '10');
    const { ids, messages } = await reminderOf(record.meetingId);
    assert.equal(ids.length, 1);
    assert.equal(messages[0]?.channel, 'C0001');
    assert.equal(messages[0]?.post_at, unix(at.instant) - 600);
    assert.match(String(messages[0]?.text), /\*Weekly sync\* starts <!date\^/);
    assert.match(JSON.stringify(messages[0]?.blocks), new RegExp(record.joinUrl.replace(/[?.]/g, '\\$&')));
    assert.ok(!JSON.stringify(messages[0]).includes('zak='), 'never the start link');
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test("the App Home default is the form's first choice; none schedules nothing", async () => {
    await h.services.preferences.set({ teamId: 'T0001', userId: 'UREM' }, 'reminder', '30');
    const at = tokyo(4, 11);
    const { record, view } = await create(at.text, 'Half hour ahead');
    const select = view.blocks.find((b) => b.block_id === 'reminder')?.element as {
      initial_option: { value: string };
    };
    assert.equal(select.initial_option.value, '30');
    assert.equal((await reminderOf(record.meetingId)).messages[0]?.post_at, unix(at.instant) - 1800);
    await h.services.preferences.set({ teamId: 'T0001', userId: 'UREM' }, 'reminder', '10');

    const none = await create(tokyo(4, 13).text, 'No nudge', { reminder: 'none' });
    assert.equal((await reminderOf(none.record.meetingId)).ids.length, 0);
  });

  test('a reschedule moves the reminder: the old one is deleted, the new one waits', async () => {
    const { record } = await create(tokyo(5, 10).text, 'Moved in Slack');
    const [oldId] = (await reminderOf(record.meetingId)).ids;
    await h.interact(h.buttonClick('reschedule_meeting', record.meetingId, { user: { userId: 'UREM' } }));
    await h.settle();
    const to = tokyo(6, 16);
    await h.interact(h.submission(h.openedView(), { when: to.text }, { user: { userId: 'UREM' } }));
    await h.settle();
    assert.equal(h.slack.scheduled.has(oldId as string), false);
    const { messages } = await reminderOf(record.meetingId);
    assert.equal(messages.length, 1);
    assert.equal(messages[0]?.post_at, unix(to.instant) - 600);
  });

  test('a move in Zoom (meeting.updated) moves it; meeting.deleted removes it', async () => {
    const { record } = await create(tokyo(7, 10).text, 'Moved in Zoom');
    const to = tokyo(8, 9);
    await zoom.send(
      zoomEvents.updated(
        record.meetingId,
        { start_time: to.instant.replace('.000Z', 'Z') },
        { start_time: record.startInstant },
      ),
    );
    await h.settle();
    const moved = await reminderOf(record.meetingId);
    assert.equal(moved.messages[0]?.post_at, unix(to.instant) - 600);
    await zoom.send(zoomEvents.deleted(record.meetingId));
    await h.settle();
    assert.equal((await stored(record.meetingId)).status, 'cancelled');
    assert.equal((await reminderOf(record.meetingId)).ids.length, 0);
    assert.equal(h.slack.scheduled.has(moved.ids[0] as string), false);
  });

  test('the Cancel button removes the reminder', async () => {
    const { record } = await create(tokyo(9, 10).text, 'Cancelled one');
    const [id] = (await reminderOf(record.meetingId)).ids;
    assert.ok(id);
    await h.interact(h.buttonClick('cancel_meeting', record.meetingId, { user: { userId: 'UREM' } }));
    await h.settle();
    assert.equal(h.slack.scheduled.has(id), false);
    assert.equal((await reminderOf(record.meetingId)).ids.length, 0);
  });

  test('a series gets one for its next meeting; cancelling the series leaves no scheduled message', async () => {
    const triggerId = 'T-rem-series';
    await h.command('every Monday at 10 standup', { userId: 'UREM', triggerId });
    await h.settle();
    const before = new Set(h.zoom.meetings.keys());
    await h.interact(h.submission(h.openedView(triggerId), {}, { user: { userId: 'UREM' } }));
    await h.settle();
    const id = [...h.zoom.meetings.keys()].find((k) => !before.has(k)) as string;
    const first = await reminderOf(id);
    assert.equal(first.messages.length, 1);
    assert.equal(first.messages[0]?.post_at, unix(first.record.startInstant as string) - 600);
    await h.interact(h.buttonClick('cancel_meeting', id, { user: { userId: 'UREM' } }));
    await h.settle();
    await h.interact(h.submission(h.openedView(), { scope: 'series' }, { user: { userId: 'UREM' } }));
    await h.settle();
    assert.equal((await stored(id)).status, 'cancelled');
    assert.equal(
      waiting().filter((m) => first.ids.includes(m.id)).length,
      0,
      'no scheduled message is left for the series',
    );
  });

  test('where the bot cannot post in the channel, the reminder goes by DM to the host and the invitees', async () => {
    h.slack.notInChannel.add('CPRIVATE');
    h.slack.setUser('UREMGUEST', { tz: 'Asia/Tokyo', locale: 'ja-JP' });
    const at = tokyo(10, 10);
    const triggerId = 'T-rem-private';
    await h.command('', { userId: 'UREM', triggerId, channelId: 'CPRIVATE' });
    await h.settle();
    await h.interact(
      h.submission(
        h.openedView(triggerId),
        { topic: 'Private room', when: at.text, channelId: 'CPRIVATE', invitees: ['UREMGUEST'] },
        { user: { userId: 'UREM' } },
      ),
    );
    await h.settle();
    const record = [...(await Promise.all([...h.zoom.meetings.keys()].map((k) => stored(k))))].find(
      (r) => r?.topic === 'Private room',
    ) as MeetingRecord;
    const { messages } = await reminderOf(record.meetingId);
    assert.deepEqual(messages.map((m) => m?.channel).sort(), ['DREM', 'DREMGUEST']);
    assert.ok(messages.every((m) => m?.post_at === unix(at.instant) - 600));
    assert.match(String(messages.find((m) => m?.channel === 'DREMGUEST')?.text), /に始まります/);
  });
});

describe('the fake Slack scheduled messages are as strict as Slack', () => {
  const call = async (method: string, body: Record<string, unknown>) => {
    const res = await fetch(`${h.slack.apiUrl}${method}`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { ok: boolean; error?: string; scheduled_message_id?: string };
  };
  const now = () => Math.floor(Date.now() / 1000);

  test('past, beyond 120 days, not in channel, unknown id, and 30 per 5 minutes per channel', async () => {
    assert.equal(
      (await call('chat.scheduleMessage', { channel: 'C0001', post_at: now() - 5, text: 'x' })).error,
      'time_in_past',
    );
    assert.equal(
      (await call('chat.scheduleMessage', { channel: 'C0001', post_at: now() + 121 * 86_400, text: 'x' }))
        .error,
      'time_too_far',
    );
    h.slack.notInChannel.add('CNOTIN');
    assert.equal(
      (await call('chat.scheduleMessage', { channel: 'CNOTIN', post_at: now() + 600, text: 'x' })).error,
      'not_in_channel',
    );
    assert.equal(
      (await call('chat.deleteScheduledMessage', { channel: 'C0001', scheduled_message_id: 'QNOPE' })).error,
      'invalid_scheduled_message_id',
    );
    const at = now() + 50 * 86_400;
    for (let i = 0; i < 30; i += 1) {
      assert.equal(
        (await call('chat.scheduleMessage', { channel: 'CBURST', post_at: at + i, text: `n${i}` })).ok,
        true,
      );
    }
    assert.equal(
      (await call('chat.scheduleMessage', { channel: 'CBURST', post_at: at + 31, text: 'x' })).error,
      'restricted_too_many',
    );
    assert.equal(
      (await call('chat.scheduleMessage', { channel: 'CBURST', post_at: at + 400, text: 'later' })).ok,
      true,
    );
  });
});
