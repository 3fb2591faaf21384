import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatMeetingTime, parseMeetingText } from '../../src/time/index.js';

test('shows the start in Japanese and English, in the given zone', () => {
  const instant = '2026-11-29T06:00:00.000Z';
  assert.equal(formatMeetingTime(instant, 'Asia/Tokyo', 'ja'), '11月29日(日) 15:00');
  assert.equal(formatMeetingTime(instant, 'Asia/Tokyo', 'en'), 'Sun, Nov 29 15:00');
  assert.equal(formatMeetingTime(new Date(instant), 'America/New_York', 'en'), 'Sun, Nov 29 01:00');
  assert.equal(formatMeetingTime(instant, 'Europe/London', 'ja'), '11月29日(日) 06:00');
});

test('adds the year only when it differs from the year of now', () => {
  const now = new Date('2026-12-28T01:00:00Z');
  assert.equal(
    formatMeetingTime('2027-01-05T01:00:00Z', 'Asia/Tokyo', 'ja', { now }),
    '2027年1月5日(火) 10:00',
  );
  assert.equal(
    formatMeetingTime('2027-01-05T01:00:00Z', 'Asia/Tokyo', 'en', { now }),
    'Tue, Jan 5, 2027 10:00',
  );
  assert.equal(formatMeetingTime('2026-12-30T01:00:00Z', 'Asia/Tokyo', 'en', { now }), 'Wed, Dec 30 10:00');
  // New Year in Tokyo while it is still the old year in UTC: the user's year counts.
  assert.equal(
    formatMeetingTime('2026-12-31T16:00:00Z', 'Asia/Tokyo', 'ja', { now }),
    '2027年1月1日(金) 01:00',
  );
});

test('previews what the parser understood, midnight printed as 00:00', () => {
  const result = parseMeetingText('midnight', {
    now: new Date('2026-11-30T14:00:00Z'),
    timeZone: 'America/New_York',
  });
  assert.ok(result.ok);
  assert.equal(formatMeetingTime(result.start.instant, 'America/New_York', 'en'), 'Tue, Dec 1 00:00');
  assert.equal(formatMeetingTime(result.start.instant, 'America/New_York', 'ja'), '12月1日(火) 00:00');
});

test('an unreadable instant or zone is a RangeError naming it', () => {
  assert.throws(() => formatMeetingTime('not a date', 'Asia/Tokyo', 'ja'), /not a valid instant: not a date/);
  assert.throws(() => formatMeetingTime('2026-11-29T06:00:00Z', 'Mars/Olympus', 'en'), RangeError);
});
