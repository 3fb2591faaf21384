// A series' record after Zoom's meeting.ended: the next occurrence is shown, once per end.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { planMeetingChange } from '../../src/scheduling/meeting-events.js';
import { meetingRecord } from './support/event-deps.js';

// Every Tue and Thu at 15:00 Tokyo, three meetings: Dec 1, Dec 3, Dec 8 2026 (06:00Z).
const series = meetingRecord({
  startInstant: '2026-12-01T06:00:00.000Z',
  series: {
    rule: { pattern: { kind: 'weekly', interval: 1, weekdays: [2, 4] }, end: { kind: 'count', count: 3 } },
    firstLocal: '2026-12-01T15:00:00',
  },
});
const ended = (startedAt: string, endedAt: string) =>
  ({ kind: 'meeting_ended', meetingId: series.meetingId, startedAt, endedAt }) as const;

test('an ended occurrence gives way to the next one, scheduled again, and the same end again changes nothing', () => {
  const first = planMeetingChange(series, ended('2026-12-01T06:00:00.000Z', '2026-12-01T06:40:00.000Z'));
  assert.equal(first?.next.status, 'scheduled');
  assert.equal(first?.next.startInstant, '2026-12-03T06:00:00.000Z');
  assert.equal(first?.next.durationRanMinutes, 40);
  assert.equal(
    planMeetingChange(first!.next, ended('2026-12-01T06:00:00.000Z', '2026-12-01T06:40:00.000Z')),
    null,
  );
});

test('a meeting held early still moves on to the occurrence after the one shown', () => {
  const early = planMeetingChange(series, ended('2026-12-01T05:00:00.000Z', '2026-12-01T05:30:00.000Z'));
  assert.equal(early?.next.startInstant, '2026-12-03T06:00:00.000Z');
});

test('after the last occurrence the series has ended', () => {
  const last = { ...series, startInstant: '2026-12-08T06:00:00.000Z' };
  const plan = planMeetingChange(last, ended('2026-12-08T06:00:00.000Z', '2026-12-08T06:30:00.000Z'));
  assert.equal(plan?.next.status, 'ended');
  assert.equal(plan?.next.startInstant, '2026-12-08T06:00:00.000Z');
});
