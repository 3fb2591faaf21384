// The reschedule form also edits topic, duration and description: prefilled from the meeting, only
// what changed goes to Zoom (checked against the strict fake Zoom), the message and a thread note follow.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import type { FormValues } from '../support/slack-payloads.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await h.connect({ userId: 'UEDIT' });
  h.slack.setUser('UEDIT', { tz: 'Asia/Tokyo', locale: 'en-US' });
  await h.connect({ userId: 'UJAEDIT' });
  h.slack.setUser('UJAEDIT', { tz: 'Asia/Tokyo', locale: 'ja-JP' });
});
after(() => h.stop());

type Block = { block_id?: string; type?: string; element?: Record<string, unknown> };

const patches = (id: string) =>
  h.zoom.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/meetings/${id}`));
const messageOf = (r: MeetingRecord) => JSON.stringify(h.slack.messages.get(`${r.channelId}:${r.messageTs}`));
const threadNotes = (r: MeetingRecord) =>
  h.slack.callsTo('chat.postMessage').filter((a) => a.thread_ts === r.messageTs);

async function openEdit(record: MeetingRecord, userId: string) {
  await h.interact(h.buttonClick('reschedule_meeting', record.meetingId, { user: { userId } }));
  await h.settle();
  return h.openedView() as { callback_id: string; blocks: Block[] };
}

async function submitEdit(view: Record<string, unknown>, userId: string, values: FormValues) {
  const res = await h.interact(h.submission(view, values, { user: { userId } }));
  assert.equal(res.status, 200);
  const body = await res.text();
  await h.settle();
  return body;
}

/** Schedules a meeting with a description (through the real modal), then reads its record. */
async function scheduleWithAgenda(userId: string, topic: string, when: string, agenda: string) {
  const record = await h.scheduleMeeting({ user: { userId }, topic, when });
  if (!agenda) return record;
  const view = await openEdit(record, userId);
  await submitEdit(view, userId, { agenda });
  return (await h.services.meetings.get(record.meetingId)) as MeetingRecord;
}

describe('editing through the reschedule form', () => {
  test('the form is prefilled; a new topic and description alone are patched, message and thread follow', async () => {
    const record = await scheduleWithAgenda('UEDIT', 'Design review', '2030-05-01 10:00', 'Old notes');
    assert.equal(record.agenda, 'Old notes');
    const view = await openEdit(record, 'UEDIT');
    const element = (id: string) => view.blocks.find((b) => b.block_id === id)?.element;
    assert.equal(view.blocks.find((b) => b.block_id === 'topic')?.type, 'input');
    assert.equal(element('topic')?.initial_value, 'Design review');
    assert.equal(element('agenda')?.initial_value, 'Old notes');
    assert.equal((element('duration')?.initial_option as { value: string } | undefined)?.value, '30');

    const before = patches(record.meetingId).length;
    const notesBefore = threadNotes(record).length;
    assert.equal(await submitEdit(view, 'UEDIT', { topic: 'Design review v2', agenda: 'New notes' }), '');
    const sent = patches(record.meetingId).slice(before);
    assert.equal(sent.length, 1);
    assert.deepEqual(sent[0]?.body, { topic: 'Design review v2', agenda: 'New notes' });
    const zoomMeeting = h.zoom.meetings.get(record.meetingId)!;
    assert.equal(zoomMeeting.topic, 'Design review v2');
    assert.equal(zoomMeeting.agenda, 'New notes');

    const stored = (await h.services.meetings.get(record.meetingId)) as MeetingRecord;
    assert.equal(stored.topic, 'Design review v2');
    assert.equal(stored.startInstant, record.startInstant, 'the time stays');
    const message = messageOf(record);
    assert.match(message, /Design review v2/);
    assert.match(message, /New notes/);
    assert.ok(!message.includes('Old notes'));
    const notes = threadNotes(record).slice(notesBefore);
    assert.equal(notes.length, 1);
    assert.match(String(notes[0]?.text), /Topic changed from \*Design review\* to \*Design review v2\*/);
    assert.match(String(notes[0]?.text), /The description was updated/);
    assert.ok(!String(notes[0]?.text).includes('Moved'));
    const told = h.slack
      .callsTo('chat.postEphemeral')
      .filter((a) => a.user === 'UEDIT')
      .at(-1);
    assert.match(String(told?.text), /\*Design review v2\* is updated in Zoom/);
    assert.deepEqual(h.zoom.schemaErrors, []);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('a new duration alone sends only the duration; a cleared description is sent empty', async () => {
    const record = await scheduleWithAgenda('UEDIT', 'Length only', '2030-05-02 10:00', 'Remove me');
    const view = await openEdit(record, 'UEDIT');
    const before = patches(record.meetingId).length;
    const notesBefore = threadNotes(record).length;
    await submitEdit(view, 'UEDIT', { durationMinutes: 60, agenda: '' });
    assert.deepEqual(
      patches(record.meetingId)
        .slice(before)
        .map((p) => p.body),
      [{ duration: 60, agenda: '' }],
    );
    const stored = (await h.services.meetings.get(record.meetingId)) as MeetingRecord;
    assert.equal(stored.durationMinutes, 60);
    assert.equal(stored.agenda, undefined);
    assert.ok(!messageOf(record).includes('Remove me'));
    const note = String(threadNotes(record).slice(notesBefore)[0]?.text);
    assert.match(note, /Duration changed from 30 min to 1 h\./);
    assert.match(note, /The description was updated/);
  });

  test('time and topic together: one PATCH with both, one note with the move and the topic', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'UEDIT' },
      topic: 'Both',
      when: '2030-05-03 10:00',
    });
    const view = await openEdit(record, 'UEDIT');
    const before = patches(record.meetingId).length;
    const notesBefore = threadNotes(record).length;
    await submitEdit(view, 'UEDIT', { when: '2030-05-04 11:00', topic: 'Both, later' });
    assert.deepEqual(
      patches(record.meetingId)
        .slice(before)
        .map((p) => p.body),
      [{ start_time: '2030-05-04T11:00:00', timezone: 'Asia/Tokyo', topic: 'Both, later' }],
    );
    const note = String(threadNotes(record).slice(notesBefore)[0]?.text);
    const unix = Date.parse('2030-05-04T02:00:00Z') / 1000;
    assert.match(note, new RegExp(`Moved from <!date\\^\\d+\\^.*to <!date\\^${unix}\\^`));
    assert.match(note, /Topic changed from \*Both\* to \*Both, later\*/);
  });

  test('submitted as it is: nothing goes to Zoom, no note, and the user is told so', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'UEDIT' },
      topic: 'Same',
      when: '2030-05-05 10:00',
    });
    const view = await openEdit(record, 'UEDIT');
    const zoomCalls = h.zoom.requests.length;
    const notesBefore = threadNotes(record).length;
    await submitEdit(view, 'UEDIT', {});
    assert.equal(h.zoom.requests.length, zoomCalls);
    assert.equal(threadNotes(record).length, notesBefore);
    const told = h.slack
      .callsTo('chat.postEphemeral')
      .filter((a) => a.user === 'UEDIT')
      .at(-1);
    assert.match(String(told?.text), /The form matches \*Same\* as it is, so the bot sent no change to Zoom/);
  });

  test('an empty topic is a field error in the user language and nothing changes', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'UJAEDIT' },
      topic: '定例',
      when: '2030-05-06 10:00',
    });
    const view = await openEdit(record, 'UJAEDIT');
    const zoomCalls = h.zoom.requests.length;
    const body = JSON.parse(await submitEdit(view, 'UJAEDIT', { topic: '   ' })) as {
      response_action: string;
      errors: Record<string, string>;
    };
    assert.equal(body.response_action, 'errors');
    assert.match(String(body.errors.topic), /トピック/);
    assert.equal(h.zoom.requests.length, zoomCalls);
    assert.equal((await h.services.meetings.get(record.meetingId))?.topic, '定例');
  });

  test('Zoom refusing the edit puts the topic back and the host is told', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'UEDIT' },
      topic: 'Keep me',
      when: '2030-05-07 10:00',
    });
    const view = await openEdit(record, 'UEDIT');
    h.zoom.failNext(
      { method: 'PATCH', path: new RegExp(`/meetings/${record.meetingId}$`) },
      { status: 400, body: { code: 300, message: 'Invalid field.' } },
    );
    await submitEdit(view, 'UEDIT', { topic: 'Refused topic' });
    assert.equal((await h.services.meetings.get(record.meetingId))?.topic, 'Keep me');
    assert.equal(h.zoom.meetings.get(record.meetingId)?.topic, 'Keep me');
    assert.match(messageOf(record), /Keep me/);
    const told = h.slack
      .callsTo('chat.postEphemeral')
      .filter((a) => a.user === 'UEDIT')
      .at(-1);
    assert.match(String(told?.text), /Zoom did not accept/);
  });
});

describe('editing a series', () => {
  test('a topic on the occurrence scope is patched on the series; a duration on the occurrence only', async () => {
    await h.command('every Monday at 10 standup', { userId: 'UEDIT', triggerId: 'T-series-edit' });
    await h.settle();
    await h.interact(h.submission(h.openedView('T-series-edit'), {}, { user: { userId: 'UEDIT' } }));
    await h.settle();
    const meeting = [...h.zoom.meetings.values()].at(-1)!;
    const record = (await h.services.meetings.get(String(meeting.id))) as MeetingRecord;
    assert.ok(record.series);
    const view = await openEdit(record, 'UEDIT');
    const before = patches(record.meetingId).length;
    await submitEdit(view, 'UEDIT', { topic: 'Standup (new)', durationMinutes: 15 });
    const sent = patches(record.meetingId).slice(before);
    const first = meeting.occurrences![0]!;
    assert.deepEqual(
      sent.map((p) => ({ occurrence: p.query.occurrence_id, body: p.body })),
      [
        { occurrence: first.occurrence_id, body: { duration: 15 } },
        { occurrence: undefined, body: { topic: 'Standup (new)' } },
      ],
    );
    assert.equal(meeting.topic, 'Standup (new)');
    const stored = (await h.services.meetings.get(record.meetingId)) as MeetingRecord;
    assert.equal(stored.topic, 'Standup (new)');
    assert.equal(stored.startInstant, record.startInstant);
    assert.deepEqual(h.zoom.schemaErrors, []);
  });
});
