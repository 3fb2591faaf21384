// Reschedule and cancel on a recurring series through the real Bolt receiver: one occurrence (the
// one the message shows) by occurrence_id, or the whole series; checked against the strict fake Zoom.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import type { FormValues } from '../support/slack-payloads.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

type Block = { block_id?: string; element?: Record<string, unknown>; text?: { text: string } };

async function createSeries(text: string, userId: string, locale = 'ja-JP') {
  await h.connect({ userId });
  h.slack.setUser(userId, { tz: 'Asia/Tokyo', locale });
  const triggerId = `T-${userId}`;
  await h.command(text, { userId, triggerId });
  await h.settle();
  const submitted = await h.interact(h.submission(h.openedView(triggerId), {}, { user: { userId } }));
  assert.equal(await submitted.text(), '');
  await h.settle();
  const meeting = [...h.zoom.meetings.values()].at(-1)!;
  const record = (await h.services.meetings.get(String(meeting.id))) as MeetingRecord;
  assert.ok(record.series, 'stored as a series');
  return { meeting, record };
}

async function clickThenSubmit(action: string, record: MeetingRecord, userId: string, values: FormValues) {
  const opens = h.slack.callsTo('views.open').length;
  await h.interact(h.buttonClick(action, record.meetingId, { user: { userId } }));
  await h.settle();
  assert.equal(h.slack.callsTo('views.open').length, opens + 1, `${action} opens a form`);
  const view = h.openedView();
  const res = await h.interact(h.submission(view, values, { user: { userId } }));
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
  await h.settle();
  return view as { callback_id: string; blocks: Block[] };
}

/** `yyyy-MM-dd` in Tokyo of an instant. */
const tokyoDate = (instant: string) =>
  new Date(Date.parse(instant) + 9 * 3_600_000).toISOString().slice(0, 10);
const stored = async (id: string) => (await h.services.meetings.get(id)) as MeetingRecord;
const zoomCalls = (method: string, id: number) =>
  h.zoom.requests.filter((r) => r.method === method && r.path.endsWith(`/meetings/${id}`));

describe('reschedule on a series', () => {
  test('by default only the occurrence shown moves, by its occurrence_id and in UTC', async () => {
    const { meeting, record } = await createSeries('毎週火・木 9:30 1on1', 'USCHOCC');
    const [first, second] = meeting.occurrences!;
    const day = tokyoDate(first!.start_time);
    const view = await clickThenSubmit('reschedule_meeting', record, 'USCHOCC', { when: `${day} 11:00` });
    const scope = view.blocks.find((b) => b.block_id === 'scope')?.element as {
      initial_option: { value: string };
    };
    assert.equal(scope.initial_option.value, 'occurrence');
    const patch = zoomCalls('PATCH', meeting.id).at(-1);
    assert.equal(patch?.query.occurrence_id, first!.occurrence_id);
    // The duration stayed 30 minutes, so only the start is sent.
    assert.deepEqual(patch?.body, { start_time: `${day}T02:00:00Z` });
    assert.equal(meeting.occurrences![0]!.start_time, `${day}T02:00:00Z`);
    assert.equal(meeting.occurrences![1]!.start_time, second!.start_time, 'the next one stays');
    assert.equal((await stored(record.meetingId)).startInstant, `${day}T02:00:00.000Z`);
    assert.deepEqual(h.zoom.schemaErrors, []);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('the whole series moves to a new first day, and a weekly rule follows that weekday', async () => {
    const { meeting, record } = await createSeries('every Monday at 10 standup', 'USCHSER', 'en-US');
    const tuesday = tokyoDate(
      new Date(Date.parse(meeting.occurrences![0]!.start_time) + 86_400_000).toISOString(),
    );
    await clickThenSubmit('reschedule_meeting', record, 'USCHSER', {
      when: `${tuesday} 11:00`,
      scope: 'series',
    });
    const patch = zoomCalls('PATCH', meeting.id).at(-1);
    assert.equal(patch?.query.occurrence_id, undefined);
    assert.deepEqual(patch?.body, {
      start_time: `${tuesday}T11:00:00`,
      timezone: 'Asia/Tokyo',
      recurrence: { type: 2, repeat_interval: 1, weekly_days: '3', end_times: 10 },
    });
    assert.equal(meeting.occurrences![0]!.start_time, `${tuesday}T02:00:00Z`);
    const after = await stored(record.meetingId);
    assert.deepEqual(after.series?.rule.pattern, { kind: 'weekly', interval: 1, weekdays: [2] });
    assert.deepEqual(h.zoom.schemaErrors, []);
  });
});

describe('Zoom refusing a series change', () => {
  test('the record keeps the occurrence shown, and Zoom was asked once', async () => {
    const { meeting, record } = await createSeries('毎週火・木 9:30 振り返り', 'USCHFAIL');
    const day = tokyoDate(meeting.occurrences![0]!.start_time);
    h.zoom.failNext(
      { method: 'PATCH', path: new RegExp(`/meetings/${meeting.id}$`) },
      { status: 400, body: { code: 300, message: 'Validation Failed.' } },
    );
    const patches = zoomCalls('PATCH', meeting.id).length;
    await clickThenSubmit('reschedule_meeting', record, 'USCHFAIL', { when: `${day} 11:00` });
    assert.equal(zoomCalls('PATCH', meeting.id).length, patches + 1);
    assert.equal((await stored(record.meetingId)).startInstant, record.startInstant);
    assert.equal(meeting.occurrences![0]!.start_time, `${day}T00:30:00Z`);
  });
});

describe('a button whose form does not open in time', () => {
  test("Reschedule and a series' Cancel: told privately to click again, in the user's language; nothing changes", async () => {
    const { record } = await createSeries('毎週月 10:00 遅いフォーム', 'USLOWFORM');
    for (const action of ['reschedule_meeting', 'cancel_meeting']) {
      h.slack.failNext('views.open', { error: 'expired_trigger_id' });
      const responseId = `slow-${action}`;
      await h.interact(
        h.buttonClick(action, record.meetingId, {
          user: { userId: 'USLOWFORM' },
          responseUrl: h.slack.responseUrl(responseId),
        }),
      );
      await h.settle();
      const told = h.slack.responses.filter((r) => r.id === responseId).map((r) => String(r.body.text));
      assert.deepEqual(told, ['フォームを開くのが間に合いませんでした。もう一度ボタンを押してください。']);
    }
    assert.equal((await stored(record.meetingId)).status, 'scheduled');
    assert.equal(zoomCalls('DELETE', Number(record.meetingId)).length, 0);
    assert.equal(zoomCalls('PATCH', Number(record.meetingId)).length, 0);
  });
});

describe('cancel on a series', () => {
  test('the button opens a form; "only this one" removes the occurrence shown and the message shows the next', async () => {
    const { meeting, record } = await createSeries('毎週火・木 9:30 定例', 'USCHCAN');
    const posted = JSON.stringify(h.slack.messages.get(`${record.channelId}:${record.messageTs}`)?.blocks);
    assert.doesNotMatch(posted, /"confirm"/, 'no second confirmation before the form');
    const [first, second] = meeting.occurrences!;
    const view = await clickThenSubmit('cancel_meeting', record, 'USCHCAN', {});
    assert.equal(view.callback_id, 'cancel_meeting');
    const removed = zoomCalls('DELETE', meeting.id).at(-1);
    assert.equal(removed?.query.occurrence_id, first!.occurrence_id);
    assert.equal(meeting.occurrences![0]!.status, 'deleted');
    const after = await stored(record.meetingId);
    assert.equal(after.status, 'scheduled');
    assert.equal(after.startInstant, new Date(second!.start_time).toISOString());
    const shown = JSON.stringify(h.slack.messages.get(`${record.channelId}:${record.messageTs}`)?.blocks);
    assert.ok(shown.includes(`次回: <!date^${Date.parse(second!.start_time) / 1000}^`), shown);
    assert.ok(h.zoom.meetings.has(String(meeting.id)), 'the series is still in Zoom');

    await clickThenSubmit('cancel_meeting', after, 'USCHCAN', { scope: 'series' });
    const all = zoomCalls('DELETE', meeting.id).at(-1);
    assert.equal(all?.query.occurrence_id, undefined);
    assert.equal(h.zoom.meetings.has(String(meeting.id)), false);
    assert.equal((await stored(record.meetingId)).status, 'cancelled');
    assert.deepEqual(h.slack.schemaErrors, []);
  });
});
