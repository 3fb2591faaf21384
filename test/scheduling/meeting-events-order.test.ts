/**
 * Zoom events of one meeting are applied in the order Zoom produced them (`event_ts`), whatever
 * order they arrive in and whichever writer wins the race to Redis (real redis-server).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { handleZoomEvent, planMeetingChange } from '../../src/scheduling/meeting-events.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { eventDeps, meetingRecord } from './support/event-deps.js';

let redis: TestRedis;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

const ID = '85012345678';
const STARTED_AT = '2026-11-29T06:01:10.000Z';
const ENDED_AT = '2026-11-29T06:48:40.000Z';

test('an older meeting.updated after a newer one keeps the newer time', () => {
  const newer = planMeetingChange(meetingRecord(), {
    kind: 'meeting_updated',
    meetingId: ID,
    changes: { startInstant: '2026-12-02T05:00:00.000Z' },
    eventTs: 2000,
  });
  assert.ok(newer);
  const older = {
    kind: 'meeting_updated',
    meetingId: ID,
    changes: { startInstant: '2026-12-01T05:00:00.000Z' },
    eventTs: 1000,
  } as const;
  assert.equal(planMeetingChange(newer.next, older), null);
  // Status and details are ordered apart: an older update still applies after a newer start.
  const live = planMeetingChange(meetingRecord(), {
    kind: 'meeting_started',
    meetingId: ID,
    startedAt: STARTED_AT,
    eventTs: 5000,
  });
  assert.ok(live);
  assert.equal(planMeetingChange(live.next, older)?.next.startInstant, '2026-12-01T05:00:00.000Z');
});

test('meeting.started produced before meeting.ended never reopens it, even with a later start time', () => {
  const ended = planMeetingChange(meetingRecord({ status: 'started', startedAt: STARTED_AT }), {
    kind: 'meeting_ended',
    meetingId: ID,
    startedAt: STARTED_AT,
    endedAt: ENDED_AT,
    eventTs: 2000,
  });
  assert.ok(ended);
  // A start time past the end would reopen it by times alone; event_ts says it came first.
  const late = { kind: 'meeting_started', meetingId: ID, startedAt: '2026-11-29T07:00:00.000Z' } as const;
  assert.equal(planMeetingChange(ended.next, { ...late, eventTs: 1000 }), null);
  assert.equal(planMeetingChange(ended.next, { ...late, eventTs: 3000 })?.next.status, 'started');
});

test('started and ended racing on two writers: the record always ends on ended', async () => {
  for (let round = 0; round < 20; round++) {
    // Two writers with their own connections, as two replicas have.
    const prefix = redis.prefix();
    const a = eventDeps(redis, prefix);
    const b = eventDeps(redis, prefix);
    await a.meetings.save(meetingRecord());
    const started = { kind: 'meeting_started', meetingId: ID, startedAt: STARTED_AT, eventTs: 1000 } as const;
    const ended = {
      kind: 'meeting_ended',
      meetingId: ID,
      startedAt: STARTED_AT,
      endedAt: ENDED_AT,
      eventTs: 2000,
    } as const;
    const order = Math.random() < 0.5;
    await Promise.all([
      handleZoomEvent(order ? a : b, started, `s-${round}`),
      handleZoomEvent(order ? b : a, ended, `e-${round}`),
    ]);
    const stored = await a.meetings.get(ID);
    assert.equal(stored?.status, 'ended', `round ${round}`);
    assert.equal(stored?.endedAt, ENDED_AT);
    assert.deepEqual(stored?.appliedEventTs, { status: 2000 });
  }
});
