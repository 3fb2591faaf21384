// A meeting scheduled for someone else, through the real Bolt receiver: its host and its scheduler
// may both reschedule and cancel it, anyone else is refused; Zoom is asked with the scheduler's
// token (the privilege covers edits), or with the host's own when only the host is connected.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import { homeOpened, postEvent } from '../support/surface-payloads.js';

const SCHED = 'USCHED';
let h: Harness;
before(async () => {
  h = await startHarness();
  await h.connect({ userId: SCHED }, { id: 'zu-sched', email: 'sched@example.com' });
  h.zoom.addUser({ id: 'zu-alice', email: 'alice@example.com' });
  h.zoom.grantSchedulingPrivilege({ host: 'zu-alice', scheduler: 'zu-sched' });
  h.slack.setUser(SCHED, { tz: 'Asia/Tokyo', locale: 'en-US', email: 'sched@example.com' });
  h.slack.setUser('UALICE', { tz: 'Asia/Tokyo', locale: 'en-US', email: 'alice@example.com' });
  h.slack.setUser('UOTHER', { tz: 'Asia/Tokyo', locale: 'en-US', email: 'other@example.com' });
});
after(() => h.stop());

let n = 0;
async function scheduleForAlice(topic: string, when: string): Promise<MeetingRecord> {
  const triggerId = `T-chg-${++n}`;
  await h.command(`${when} ${topic}`, { userId: SCHED, triggerId });
  await h.settle();
  const before = new Set(h.zoom.meetings.keys());
  const res = await h.interact(
    h.submission(h.openedView(triggerId), { host: 'zu-alice' }, { user: { userId: SCHED } }),
  );
  assert.equal(await res.text(), '');
  await h.settle();
  const id = [...h.zoom.meetings.keys()].find((k) => !before.has(k))!;
  const record = (await h.services.meetings.get(id)) as MeetingRecord;
  assert.equal(record.scheduledFor?.slackUserId, 'UALICE');
  return record;
}

async function click(action: string, meetingId: string, userId: string): Promise<string> {
  const responseId = `chg-${++n}`;
  await h.interact(
    h.buttonClick(action, meetingId, { user: { userId }, responseUrl: h.slack.responseUrl(responseId) }),
  );
  await h.settle();
  return responseId;
}

async function reschedule(record: MeetingRecord, userId: string, when: string) {
  await click('reschedule_meeting', record.meetingId, userId);
  const view = h.openedView() as { callback_id: string };
  assert.equal(view.callback_id, 'reschedule_meeting');
  await h.interact(h.submission(view, { when }, { user: { userId } }));
  await h.settle();
}

const lastCall = (method: string, meetingId: string) =>
  h.zoom.requests.filter((r) => r.method === method && r.path === `/v2/meetings/${meetingId}`).at(-1);
const bearerOf = (r: { headers: Record<string, string> } | undefined) =>
  r?.headers.authorization?.replace(/^Bearer /, '');
const tokenOf = async (userId: string) =>
  (await h.services.tokens.load({ teamId: 'T0001', userId }))?.accessToken;
const answersOn = (id: string) =>
  h.slack.responses.filter((r) => r.id === id).map((r) => String(r.body.text));

describe('who may change a meeting scheduled for someone else', () => {
  test("the host reschedules it: Zoom is patched with the scheduler's token", async () => {
    const record = await scheduleForAlice('Host moves', '2030-08-01 10:00');
    await reschedule(record, 'UALICE', '2030-08-02 11:00');
    const patch = lastCall('PATCH', record.meetingId);
    assert.deepEqual(patch?.body, { start_time: '2030-08-02T11:00:00', timezone: 'Asia/Tokyo' });
    assert.equal(bearerOf(patch), await tokenOf(SCHED));
    assert.equal((await h.services.meetings.get(record.meetingId))?.startInstant, '2030-08-02T02:00:00.000Z');
    const note = h.slack.callsTo('chat.postMessage').find((a) => a.thread_ts === record.messageTs);
    assert.match(String(note?.text), /Moved from/);
  });

  test('the scheduler reschedules and the host cancels', async () => {
    const record = await scheduleForAlice('Both act', '2030-08-03 10:00');
    await reschedule(record, SCHED, '2030-08-04 10:00');
    assert.equal(bearerOf(lastCall('PATCH', record.meetingId)), await tokenOf(SCHED));
    await click('cancel_meeting', record.meetingId, 'UALICE');
    const del = lastCall('DELETE', record.meetingId);
    assert.ok(del, 'Zoom was asked to delete it');
    assert.equal(bearerOf(del), await tokenOf(SCHED));
    assert.equal(h.zoom.meetings.has(record.meetingId), false);
    assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'cancelled');
  });

  test('anyone else is refused, naming the host and the scheduler, and Zoom is not asked', async () => {
    const record = await scheduleForAlice('Not yours', '2030-08-05 10:00');
    const zoomCalls = h.zoom.requests.length;
    const opens = h.slack.callsTo('views.open').length;
    const r1 = await click('reschedule_meeting', record.meetingId, 'UOTHER');
    assert.match(
      answersOn(r1).join(),
      /Only <@UALICE> \(the host\) or <@USCHED> \(who scheduled it\) can reschedule/,
    );
    assert.equal(h.slack.callsTo('views.open').length, opens);
    const r2 = await click('cancel_meeting', record.meetingId, 'UOTHER');
    assert.match(
      answersOn(r2).join(),
      /Only <@UALICE> \(the host\) or <@USCHED> \(who scheduled it\) can cancel/,
    );
    assert.equal(h.zoom.requests.length, zoomCalls);
    assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'scheduled');
  });

  test('the scheduler now connected to another Zoom account and the host not connected: nothing is changed', async () => {
    const record = await scheduleForAlice('Other account', '2030-08-05 15:00');
    await h.connect({ userId: SCHED }, { id: 'zu-sched-new', email: 'sched-new@example.com' });
    try {
      const deletesBefore = h.zoom.requests.filter((r) => r.method === 'DELETE').length;
      const answer = await click('cancel_meeting', record.meetingId, 'UALICE');
      // The host reads whose Zoom account made it (the scheduler's wording names the account).
      assert.match(
        answersOn(answer).join(),
        /^<@USCHED> scheduled \*Other account\* from a Zoom account the bot is no longer connected with/,
      );
      assert.equal(h.zoom.requests.filter((r) => r.method === 'DELETE').length, deletesBefore);
      assert.ok(h.zoom.meetings.has(record.meetingId));
      assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'scheduled');
    } finally {
      await h.connect({ userId: SCHED }, { id: 'zu-sched', email: 'sched@example.com' });
    }
  });

  test("the scheduler disconnected, the host connected: the host's own token moves and cancels it", async () => {
    const record = await scheduleForAlice('Own token', '2030-08-06 10:00');
    await h.connect({ userId: 'UALICE' }, { id: 'zu-alice', email: 'alice@example.com' });
    await h.services.tokens.remove({ teamId: 'T0001', userId: SCHED });
    try {
      await reschedule(record, 'UALICE', '2030-08-07 10:00');
      const patch = lastCall('PATCH', record.meetingId);
      assert.equal(bearerOf(patch), await tokenOf('UALICE'));
      assert.equal(
        (await h.services.meetings.get(record.meetingId))?.startInstant,
        '2030-08-07T01:00:00.000Z',
      );
      await click('cancel_meeting', record.meetingId, 'UALICE');
      assert.equal(bearerOf(lastCall('DELETE', record.meetingId)), await tokenOf('UALICE'));
      assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'cancelled');
    } finally {
      await h.connect({ userId: SCHED }, { id: 'zu-sched', email: 'sched@example.com' });
    }
  });

  test("both connected: the scheduler's token is used even when the host clicks", async () => {
    const record = await scheduleForAlice('Scheduler token', '2030-08-08 10:00');
    await click('cancel_meeting', record.meetingId, 'UALICE');
    assert.equal(bearerOf(lastCall('DELETE', record.meetingId)), await tokenOf(SCHED));
    assert.deepEqual(h.zoom.schemaErrors, []);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test("the host's App Home offers Reschedule and Cancel for the meeting scheduled for them", async () => {
    const record = await scheduleForAlice('On her Home', '2030-08-09 10:00');
    // Alice is connected since the test above: her Zoom list holds the meeting.
    const res = await postEvent(h, homeOpened('UALICE'));
    assert.equal(res.status, 200);
    await h.settle();
    const blocks = (h.slack.homes.get('UALICE')?.blocks ?? []) as {
      block_id?: string;
      elements?: { action_id?: string }[];
    }[];
    const actions = blocks.find((b) => b.block_id === `home_meeting_actions:${record.meetingId}`);
    assert.deepEqual(
      actions?.elements?.map((e) => e.action_id),
      ['join_meeting', 'fresh_start_link', 'reschedule_meeting', 'cancel_meeting'],
    );
  });
});
