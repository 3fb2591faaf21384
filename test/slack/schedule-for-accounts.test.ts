// A meeting scheduled for someone else when Zoom connections change, through the real Bolt
// receiver: a recording not shared reaches the host and the scheduler, and is shared with the
// host's own token when only that one fits; a host clicking a meeting made from a Zoom account the
// scheduler no longer uses reads why, or the host's own token does the change.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { SCHED, type ScheduleForContext, startScheduleFor } from '../support/schedule-for-setup.js';
import { zoomEvents } from '../support/zoom-webhook-signing.js';

let c: ScheduleForContext;
before(async () => {
  c = await startScheduleFor();
});
after(() => c.h.stop());

/** Reschedule clicked by `userId` and refused there: no form opens; what they were told. */
async function refusedAtClick(record: MeetingRecord, userId: string): Promise<string[]> {
  const opens = c.h.slack.callsTo('views.open').length;
  const answer = await c.click('reschedule_meeting', record.meetingId, userId);
  assert.equal(c.h.slack.callsTo('views.open').length, opens, 'no form opens only to be refused');
  return [
    ...c.answersOn(answer),
    ...c.h.slack.callsTo('chat.postEphemeral').filter((a) => a.user === userId),
    ...c.dmsTo(userId),
  ].map((a) => (typeof a === 'string' ? a : String(a.text)));
}

describe('a cloud recording whose sign-in could not be applied', () => {
  test('the host and the scheduler each learn by DM why its link is not posted; the channel gets no link', async () => {
    const record = await c.scheduleFor('2030-09-20 10:00 Recorded review', {
      values: { recording: 'cloud', recordingAuthentication: true },
    });
    assert.equal(record.recordingAuthentication, true);
    c.h.zoom.failNext(
      { method: 'PATCH', path: /\/recordings\/settings$/ },
      { status: 400, body: { code: 300, message: 'Invalid request' } },
    );
    const shareUrl = 'https://zoom.us/rec/share/notice-test';
    const res = await c.webhook.send(zoomEvents.recordingCompleted(record.meetingId, shareUrl));
    assert.equal(res.status, 200);
    await c.h.settle();
    const alice = c.dmsTo('UALICE').filter((a) => String(a.text).includes('Recorded review'));
    const sched = c.dmsTo(SCHED).filter((a) => /cloud recording of \*Recorded review\*/.test(String(a.text)));
    assert.equal(alice.filter((a) => /クラウド録画ができました/.test(String(a.text))).length, 1);
    assert.equal(sched.length, 1);
    assert.ok(
      c.h.slack.callsTo('chat.postMessage').every((a) => !JSON.stringify(a).includes(shareUrl)),
      'the link is posted nowhere',
    );
  });

  test("the scheduler disconnected, the host connected: the host's own token applies the sign-in and the link is posted", async () => {
    const record = await c.scheduleFor('2030-09-21 10:00 Own recording', {
      values: { recording: 'cloud', recordingAuthentication: true },
    });
    await c.h.connect({ userId: 'UALICE' }, { id: 'zu-alice', email: 'alice@example.com' });
    await c.h.services.tokens.remove({ teamId: 'T0001', userId: SCHED });
    try {
      const shareUrl = 'https://zoom.us/rec/share/own-token-test';
      const res = await c.webhook.send(zoomEvents.recordingCompleted(record.meetingId, shareUrl));
      assert.equal(res.status, 200);
      await c.h.settle();
      const patch = c.h.zoom.requests
        .filter(
          (r) => r.method === 'PATCH' && r.path === `/v2/meetings/${record.meetingId}/recordings/settings`,
        )
        .at(-1);
      assert.deepEqual(patch?.body, { recording_authentication: true });
      assert.equal(c.bearerOf(patch), await c.tokenOf('UALICE'));
      const note = c.h.slack.callsTo('chat.postMessage').find((a) => a.thread_ts === record.messageTs);
      assert.ok(String(note?.text).includes(shareUrl), 'the link is posted in the thread');
    } finally {
      await c.h.connect({ userId: SCHED }, { id: 'zu-sched', email: 'sched@example.com' });
      await c.h.services.tokens.remove({ teamId: 'T0001', userId: 'UALICE' });
    }
  });
});

describe('the scheduler now connected to another Zoom account', () => {
  async function withSchedulerMoved<T>(run: () => Promise<T>): Promise<T> {
    await c.h.connect({ userId: SCHED }, { id: 'zu-sched-new', email: 'sched-new@example.com' });
    try {
      return await run();
    } finally {
      await c.h.connect({ userId: SCHED }, { id: 'zu-sched', email: 'sched@example.com' });
      for (const userId of ['UALICE', 'UBOB']) await c.h.services.tokens.remove({ teamId: 'T0001', userId });
    }
  }

  test('the host, not connected, clicks Cancel: told who made it and how to change it (ja); nothing changes', async () => {
    const record = await c.scheduleFor('2030-09-25 10:00 Moved account');
    await withSchedulerMoved(async () => {
      const deletes = c.h.zoom.requests.filter((r) => r.method === 'DELETE').length;
      const answer = await c.click('cancel_meeting', record.meetingId, 'UALICE');
      assert.deepEqual(c.answersOn(answer), [
        '*Moved account* は <@USCHED> さんが、いまボットと連携していない Zoom アカウントから予約したため、Slack からは変更できません。何も変更していません。Zoom で変更してください。または `/zoom connect` でご自身の Zoom アカウントを連携してから、もう一度お試しください。',
      ]);
      assert.equal(c.h.zoom.requests.filter((r) => r.method === 'DELETE').length, deletes);
      assert.ok(c.h.zoom.meetings.has(record.meetingId));
      assert.equal((await c.h.services.meetings.get(record.meetingId))?.status, 'scheduled');
    });
  });

  test('the host, connected to another Zoom account, clicks Reschedule (en): told to change it in Zoom, and no form opens', async () => {
    const record = await c.scheduleFor('2030-09-26 10:00 Elsewhere', { host: 'zu-bob' });
    await withSchedulerMoved(async () => {
      await c.h.connect({ userId: 'UBOB' }, { id: 'zu-bob-other', email: 'bob-private@example.com' });
      const patches = c.h.zoom.requests.filter((r) => r.method === 'PATCH').length;
      const told = await refusedAtClick(record, 'UBOB');
      assert.ok(
        told.includes(
          '<@USCHED> scheduled *Elsewhere* from a Zoom account the bot is no longer connected with, so it cannot be changed from Slack and nothing was changed. Change it in Zoom.',
        ),
        told.join('\n'),
      );
      assert.equal(c.h.zoom.requests.filter((r) => r.method === 'PATCH').length, patches);
      assert.equal(
        (await c.h.services.meetings.get(record.meetingId))?.startInstant,
        record.startInstant,
        'the record keeps its time',
      );
    });
  });

  test("the host connected as themself: the host's own token cancels it", async () => {
    const record = await c.scheduleFor('2030-09-28 10:00 Own token');
    await withSchedulerMoved(async () => {
      await c.h.connect({ userId: 'UALICE' }, { id: 'zu-alice', email: 'alice@example.com' });
      await c.click('cancel_meeting', record.meetingId, 'UALICE');
      assert.equal(c.bearerOf(c.lastCall('DELETE', record.meetingId)), await c.tokenOf('UALICE'));
      assert.equal(c.h.zoom.meetings.has(record.meetingId), false);
      assert.equal((await c.h.services.meetings.get(record.meetingId))?.status, 'cancelled');
    });
  });

  test('the scheduler clicks: told which account made it (the scheduler’s wording)', async () => {
    const record = await c.scheduleFor('2030-09-29 10:00 Mine before');
    await withSchedulerMoved(async () => {
      const answer = await c.click('cancel_meeting', record.meetingId, SCHED);
      assert.match(c.answersOn(answer).join(), /belongs to the Zoom account sched@example.com/);
      assert.equal((await c.h.services.meetings.get(record.meetingId))?.status, 'scheduled');
    });
    assert.deepEqual(c.h.slack.schemaErrors, []);
    assert.deepEqual(c.h.zoom.schemaErrors, []);
  });
});

describe('the scheduler no longer connected to Zoom at all', () => {
  test('the host, not connected either, reschedules (en): told who made it and that they may connect; nothing changes', async () => {
    const record = await c.scheduleFor('2030-10-01 10:00 Nobody connected', { host: 'zu-bob' });
    await c.h.services.tokens.remove({ teamId: 'T0001', userId: SCHED });
    try {
      const zoomCalls = c.h.zoom.requests.length;
      const told = await refusedAtClick(record, 'UBOB');
      assert.ok(
        told.includes(
          '<@USCHED> scheduled *Nobody connected* from a Zoom account the bot is no longer connected with, so it cannot be changed from Slack and nothing was changed. Change it in Zoom, or connect your own Zoom account with `/zoom connect` and try again.',
        ),
        told.join('\n'),
      );
      assert.equal(c.h.zoom.requests.length, zoomCalls, 'Zoom was not asked');
      const stored = await c.h.services.meetings.get(record.meetingId);
      assert.equal(stored?.startInstant, record.startInstant);
      assert.equal(stored?.status, 'scheduled');
    } finally {
      await c.h.connect({ userId: SCHED }, { id: 'zu-sched', email: 'sched@example.com' });
    }
  });
});
