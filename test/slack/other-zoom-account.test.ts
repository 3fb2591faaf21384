/**
 * A meeting keeps the Zoom account that created it. After its host reconnects to another Zoom
 * account, Reschedule and Cancel on it name that account and change nothing: no call reaches Zoom
 * (which would answer the new account 404, read as "deleted").
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
let record: MeetingRecord;
before(async () => {
  h = await startHarness();
  h.slack.setUser('USWITCH', { locale: 'en-US', tz: 'Asia/Tokyo' });
  await h.connect({ userId: 'USWITCH' }, { id: 'zu-old-account', email: 'old.account@example.com' });
  record = await h.scheduleMeeting({
    user: { userId: 'USWITCH' },
    topic: 'Old account',
    when: '2030-05-01 10:00',
  });
  await h.connect({ userId: 'USWITCH' }, { id: 'zu-new-account', email: 'new.account@example.com' });
});
after(() => h.stop());

const answersOn = (id: string) => h.slack.responses.filter((r) => r.id === id).map((r) => r.body);
const zoomCallsFor = (meetingId: string) =>
  h.zoom.requests.filter((r) => r.path.includes(`/meetings/${meetingId}`));

async function click(action: string, responseId: string) {
  const res = await h.interact(
    h.buttonClick(action, record.meetingId, {
      user: { userId: 'USWITCH' },
      responseUrl: h.slack.responseUrl(responseId),
    }),
  );
  assert.equal(res.status, 200);
  await h.settle();
}

describe('a meeting of the Zoom account the user was connected to before', () => {
  test('the record keeps the Zoom account that created it', () => {
    assert.deepEqual(record.zoomAccount, { id: 'zu-old-account', email: 'old.account@example.com' });
  });

  test('Cancel names that account, calls no Zoom API and leaves the meeting as it was', async () => {
    const before = zoomCallsFor(record.meetingId).length;
    await click('cancel_meeting', 'switch-cancel');
    const told = answersOn('switch-cancel').find((b) => b.response_type === 'ephemeral');
    assert.match(String(told?.text), /belongs to the Zoom account old\.account@example\.com/);
    assert.match(String(told?.text), /nothing was changed/);
    assert.equal(zoomCallsFor(record.meetingId).length, before, 'no Zoom call for the meeting');
    assert.ok(h.zoom.meetings.has(record.meetingId), 'still at Zoom');
    const stored = await h.services.meetings.get(record.meetingId);
    assert.equal(stored?.status, 'scheduled');
    assert.doesNotMatch(
      JSON.stringify(h.slack.messages.get(`${record.channelId}:${record.messageTs}`)),
      /Cancelled/,
    );
  });

  const toldWhichAccount = (responseId: string) => {
    const notices = [
      ...answersOn(responseId).map((b) => String(b.text)),
      ...h.slack
        .callsTo('chat.postEphemeral')
        .filter((a) => a.user === 'USWITCH')
        .map((a) => String(a.text)),
    ];
    assert.ok(
      notices.some((t) => /Old account\* belongs to the Zoom account old\.account@example\.com/.test(t)),
      `told which account: ${notices.join(' | ')}`,
    );
  };

  test('Reschedule clicked names that account at once: no form opens, no Zoom call', async () => {
    const opens = h.slack.callsTo('views.open').length;
    const before = zoomCallsFor(record.meetingId).length;
    await click('reschedule_meeting', 'switch-click');
    assert.equal(h.slack.callsTo('views.open').length, opens, 'no form opens only to be refused');
    assert.equal(zoomCallsFor(record.meetingId).length, before, 'no Zoom call for the meeting');
    toldWhichAccount('switch-click');
  });

  test('a Reschedule form opened before the switch and submitted after it names that account and keeps the time', async () => {
    await h.connect({ userId: 'USWITCH' }, { id: 'zu-old-account', email: 'old.account@example.com' });
    await click('reschedule_meeting', 'switch-resched');
    const form = h.openedView() as { callback_id: string };
    assert.equal(form.callback_id, 'reschedule_meeting');
    await h.connect({ userId: 'USWITCH' }, { id: 'zu-new-account', email: 'new.account@example.com' });
    const before = zoomCallsFor(record.meetingId).length;
    const res = await h.interact(
      h.submission(form, { when: '2030-05-02 11:00' }, { user: { userId: 'USWITCH' } }),
    );
    assert.equal(res.status, 200);
    await h.settle();
    assert.equal(zoomCallsFor(record.meetingId).length, before, 'no Zoom call for the meeting');
    const stored = await h.services.meetings.get(record.meetingId);
    assert.equal(stored?.startInstant, record.startInstant);
    toldWhichAccount('switch-resched');
  });

  test('every message passed validation', () => {
    assert.deepEqual(h.slack.schemaErrors, []);
    assert.deepEqual(h.zoom.schemaErrors, []);
  });
});
