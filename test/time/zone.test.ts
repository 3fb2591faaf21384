import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMeetingText } from '../../src/time/index.js';
import { instantOfWallTime, offsetMinutesAt, wallTimeAt } from '../../src/time/zone.js';

const iso = (ms: number) => new Date(ms).toISOString();

test('wall times resolve to the right instant on both sides of a DST change', () => {
  const ny = (day: number, hour: number, minute = 0) =>
    iso(instantOfWallTime({ year: 2026, month: 3, day, hour, minute }, 'America/New_York'));
  assert.equal(ny(7, 12), '2026-03-07T17:00:00.000Z'); // EST
  assert.equal(ny(9, 12), '2026-03-09T16:00:00.000Z'); // EDT
  // 02:30 is skipped on 2026-03-08: it moves forward by the jump to 03:30 EDT.
  assert.equal(ny(8, 2, 30), '2026-03-08T07:30:00.000Z');
  // 01:30 happens twice on 2026-11-01 in New York: the first one (EDT) is taken.
  assert.equal(
    iso(instantOfWallTime({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')),
    '2026-11-01T05:30:00.000Z',
  );
  assert.equal(
    iso(instantOfWallTime({ year: 2026, month: 10, day: 25, hour: 1, minute: 30 }, 'Europe/London')),
    '2026-10-25T00:30:00.000Z',
  );
});

test('offsets on the day of a change stay exact however often that day is asked about', () => {
  const at = (iso: string) => offsetMinutesAt(Date.parse(iso), 'Europe/London');
  for (let round = 0; round < 3; round++) {
    assert.equal(at('2026-03-29T00:00:00Z'), 0);
    assert.equal(at('2026-03-29T00:59:59Z'), 0);
    assert.equal(at('2026-03-29T01:00:00Z'), 60);
    assert.equal(at('2026-03-29T23:59:59Z'), 60);
    assert.equal(at('2026-03-28T23:59:59Z'), 0);
    assert.equal(at('2026-03-30T00:00:00Z'), 60);
  }
  // Lord Howe changes by 30 minutes at 02:00 local (15:30 UTC the day before).
  const lordHowe = (iso: string) => offsetMinutesAt(Date.parse(iso), 'Australia/Lord_Howe');
  assert.equal(lordHowe('2026-10-03T15:29:00Z'), 630);
  assert.equal(lordHowe('2026-10-03T15:30:00Z'), 660);
  assert.equal(lordHowe('2026-10-03T15:29:00Z'), 630);
});

test('offsets and wall times come from the zone, not the server', () => {
  assert.equal(offsetMinutesAt(Date.parse('2026-03-27T12:00:00Z'), 'Europe/London'), 0);
  assert.equal(offsetMinutesAt(Date.parse('2026-03-30T12:00:00Z'), 'Europe/London'), 60);
  assert.equal(offsetMinutesAt(Date.parse('2026-03-30T12:00:00Z'), 'Asia/Kolkata'), 330);
  const wall = wallTimeAt(Date.parse('2026-11-28T15:00:00Z'), 'Asia/Tokyo');
  assert.deepEqual(wall, { year: 2026, month: 11, day: 29, hour: 0, minute: 0, second: 0, weekday: 0 });
});

test('Europe/London across its spring change: the instant uses the offset of the target day', () => {
  const now = new Date('2026-03-27T12:00:00Z'); // Friday 12:00 GMT
  const monday = parseMeetingText('Monday 10:00 planning', { now, timeZone: 'Europe/London' });
  assert.ok(monday.ok);
  assert.equal(monday.start.local, '2026-03-30T10:00:00');
  assert.equal(monday.start.instant, '2026-03-30T09:00:00.000Z');
  const friday = parseMeetingText('今日 15時', { now, timeZone: 'Europe/London' });
  assert.ok(friday.ok);
  assert.equal(friday.start.instant, '2026-03-27T15:00:00.000Z');
  // 48 hours later is 13:00 on the clock, not 12:00.
  const later = parseMeetingText('in 48 hours', { now, timeZone: 'Europe/London' });
  assert.ok(later.ok);
  assert.equal(later.start.instant, '2026-03-29T12:00:00.000Z');
  assert.equal(later.start.local, '2026-03-29T13:00:00');
});

test('an explicit zone in the text is converted into the user zone', () => {
  const now = new Date('2026-11-25T00:30:00Z');
  const est = parseMeetingText('3pm EST sync', { now, timeZone: 'Asia/Tokyo' });
  assert.ok(est.ok);
  assert.equal(est.start.instant, '2026-11-25T20:00:00.000Z');
  assert.equal(est.start.local, '2026-11-26T05:00:00');
  assert.equal(est.topic, 'sync');
});

test('an unknown zone or an invalid now is a RangeError, not a wrong time', () => {
  const now = new Date('2026-11-25T00:30:00Z');
  assert.throws(
    () => parseMeetingText('明日10時', { now, timeZone: 'Asia/Tokio' }),
    /unknown time zone: Asia\/Tokio/,
  );
  assert.throws(
    () => parseMeetingText('明日10時', { now: new Date(Number.NaN), timeZone: 'Asia/Tokyo' }),
    /now is not a valid date/,
  );
});
