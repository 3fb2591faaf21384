import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
  await h.connect({ userId: 'UHOST' });
  h.slack.setUser('UHOST', { tz: 'Asia/Tokyo', locale: 'en-US' });
  h.slack.setUser('UOTHER', { tz: 'Asia/Tokyo', locale: 'en-US' });
});
after(() => h.stop());

const answersOn = (id: string) => h.slack.responses.filter((r) => r.id === id).map((r) => r.body);
const messageOf = (channel: string, ts: string | undefined) =>
  JSON.stringify(h.slack.messages.get(`${channel}:${ts}`));

async function click(action: string, meetingId: string, userId: string, responseId: string) {
  const res = await h.interact(
    h.buttonClick(action, meetingId, { user: { userId }, responseUrl: h.slack.responseUrl(responseId) }),
  );
  assert.equal(res.status, 200);
  await h.settle();
}

describe('reschedule', () => {
  test('the host moves the meeting: Zoom is patched, the message updated, a thread reply says from and to', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'UHOST' },
      topic: 'Move me',
      when: '2030-03-04 10:00',
    });
    await click('reschedule_meeting', record.meetingId, 'UHOST', 'resched-1');
    const view = h.openedView() as { callback_id: string; blocks: Record<string, unknown>[] };
    assert.equal(view.callback_id, 'reschedule_meeting');
    const whenInput = view.blocks.find((b) => b.block_id === 'when')?.element as { initial_value: string };
    assert.equal(whenInput.initial_value, '2030-03-04 10:00');

    const res = await h.interact(
      h.submission(view, { when: '2030-03-05 14:30', durationMinutes: 90 }, { user: { userId: 'UHOST' } }),
    );
    assert.equal(res.status, 200);
    await h.settle();
    const patch = h.zoom.requests
      .filter((r) => r.method === 'PATCH' && r.path.endsWith(`/meetings/${record.meetingId}`))
      .at(-1);
    assert.deepEqual(patch?.body, {
      start_time: '2030-03-05T14:30:00',
      timezone: 'Asia/Tokyo',
      duration: 90,
    });
    const stored = await h.services.meetings.get(record.meetingId);
    assert.equal(stored?.startInstant, '2030-03-05T05:30:00.000Z');
    assert.equal(stored?.durationMinutes, 90);
    const unix = Date.parse('2030-03-05T05:30:00Z') / 1000;
    assert.match(messageOf('C0001', record.messageTs), new RegExp(`<!date\\^${unix}\\^`));
    const reply = h.slack.callsTo('chat.postMessage').find((a) => a.thread_ts === record.messageTs);
    const oldUnix = Date.parse('2030-03-04T01:00:00Z') / 1000;
    assert.match(
      String(reply?.text),
      new RegExp(`Moved from <!date\\^${oldUnix}\\^.*to <!date\\^${unix}\\^`),
    );
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('someone else gets "only @host can reschedule" and nothing changes', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'UHOST' },
      topic: 'Not yours',
      when: '2030-03-06 10:00',
    });
    const opens = h.slack.callsTo('views.open').length;
    const zoomCalls = h.zoom.requests.length;
    await click('reschedule_meeting', record.meetingId, 'UOTHER', 'resched-other');
    const [answer] = answersOn('resched-other');
    assert.equal(answer?.response_type, 'ephemeral');
    assert.match(String(answer?.text), /Only <@UHOST> can reschedule this meeting/);
    assert.equal(h.slack.callsTo('views.open').length, opens);
    assert.equal(h.zoom.requests.length, zoomCalls);
  });

  test('a reschedule submitted by someone else (forged modal) is refused by the core too', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'UHOST' },
      topic: 'Forged',
      when: '2030-03-07 10:00',
    });
    await click('reschedule_meeting', record.meetingId, 'UHOST', 'resched-forge');
    const view = h.openedView();
    const zoomCalls = h.zoom.requests.length;
    await h.interact(h.submission(view, { when: '2030-03-08 10:00' }, { user: { userId: 'UOTHER' } }));
    await h.settle();
    assert.equal(h.zoom.requests.length, zoomCalls);
    assert.equal((await h.services.meetings.get(record.meetingId))?.startInstant, record.startInstant);
  });
});

describe('reschedule of a meeting deleted in Zoom', () => {
  test('Zoom answers 404: the message shows it cancelled and the host is told', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'UHOST' },
      topic: 'Vanished',
      when: '2030-03-09 10:00',
    });
    await click('reschedule_meeting', record.meetingId, 'UHOST', 'resched-404');
    const view = h.openedView();
    h.zoom.meetings.delete(record.meetingId);
    await h.interact(h.submission(view, { when: '2030-03-10 10:00' }, { user: { userId: 'UHOST' } }));
    await h.settle();
    assert.match(messageOf('C0001', record.messageTs), /Cancelled/);
    assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'cancelled');
    const told = h.slack
      .callsTo('chat.postEphemeral')
      .filter((a) => a.user === 'UHOST')
      .at(-1);
    assert.match(String(told?.text), /already been deleted in Zoom/);
  });
});

describe('cancel', () => {
  test('the host cancels: Zoom deletes it, the message shows cancelled without buttons', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'UHOST' },
      topic: 'Cancel me',
      when: '2030-04-01 10:00',
    });
    await click('cancel_meeting', record.meetingId, 'UHOST', 'cancel-1');
    assert.equal(h.zoom.meetings.has(record.meetingId), false);
    const message = messageOf('C0001', record.messageTs);
    assert.match(message, /Cancelled/);
    assert.match(message, /~Cancel me~/);
    assert.ok(!message.includes('reschedule_meeting'));
    assert.ok(!message.includes('cancel_meeting'));
    assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'cancelled');
    assert.match(String(answersOn('cancel-1')[0]?.text), /\*Cancel me\* is cancelled/);
  });

  test('someone else cannot cancel', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'UHOST' },
      topic: 'Keep me',
      when: '2030-04-02 10:00',
    });
    await click('cancel_meeting', record.meetingId, 'UOTHER', 'cancel-other');
    assert.match(String(answersOn('cancel-other')[0]?.text), /Only <@UHOST> can cancel this meeting/);
    assert.equal(h.zoom.meetings.has(record.meetingId), true);
    assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'scheduled');
  });

  test('a meeting already deleted in Zoom (404) is shown cancelled and the user is told', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'UHOST' },
      topic: 'Gone already',
      when: '2030-04-03 10:00',
    });
    h.zoom.meetings.delete(record.meetingId);
    await click('cancel_meeting', record.meetingId, 'UHOST', 'cancel-404');
    assert.match(messageOf('C0001', record.messageTs), /Cancelled/);
    assert.match(String(answersOn('cancel-404')[0]?.text), /already been deleted in Zoom/);
  });

  test('a click on a meeting the bot has no record of changes nothing', async () => {
    await click('cancel_meeting', '99999999999', 'UHOST', 'cancel-unknown');
    assert.match(
      String(answersOn('cancel-unknown')[0]?.text),
      /^The bot no longer has a record of this meeting, so it cannot be changed here\. Use the Zoom app instead\.$/,
    );
  });

  test('every view and message passed Slack validation', () => {
    assert.deepEqual(h.slack.schemaErrors, []);
    assert.deepEqual(h.zoom.schemaErrors, []);
  });
});
