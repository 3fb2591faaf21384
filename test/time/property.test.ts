import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseMeetingText } from '../../src/time/index.js';
import type { ParseResult } from '../../src/time/types.js';

const REASONS = new Set(['empty', 'no_time', 'no_hour', 'past', 'invalid_date', 'duration_out_of_range']);
const FRAGMENTS = [
  '<!channel>',
  '<!here>',
  '<@U123|bob>',
  "'; DROP TABLE meetings; --",
  '*bold* _it_ ~x~ `code`',
  '&lt;&gt;&amp;',
  '明日',
  '15時',
  '来週火曜',
  '30分',
  '1時間半後',
  'tomorrow',
  '3pm',
  'for 45 min',
  '2月30日',
  '〜',
  ':',
  '/',
  '🎉',
  '👨‍👩‍👧',
  '\u0000',
  '\u001b[31m',
  '\u200b',
  '\ud800',
  '９９：９９',
  '十百十百十',
  '第2木曜',
  '最終金曜',
  'ET',
  'Paris time',
  '米国東部時間',
  'quarter to six',
  'a week from Friday',
  'two weeks from tomorrow',
  'the 21st',
  '令和4年',
  '午後イチ',
  '14時 15分',
  '2週間後',
  '9'.repeat(30),
];

const text = fc.oneof(
  fc.string({ maxLength: 5000, unit: 'binary' }),
  fc.string({ maxLength: 200, unit: 'grapheme' }),
  fc
    .array(fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 8 })), { maxLength: 40 })
    .map((p) => p.join(' ')),
);
const zone = fc.constantFrom('Asia/Tokyo', 'America/New_York', 'Europe/London', 'UTC', 'Australia/Lord_Howe');
const now = fc.date({
  min: new Date('2000-01-01T00:00:00Z'),
  max: new Date('2090-01-01T00:00:00Z'),
  noInvalidDate: true,
});

function assertWellFormed(result: ParseResult, input: string, nowDate: Date): void {
  assert.equal(typeof result.topic, 'string');
  assert.ok(result.topic.length <= input.length);
  assert.equal(result.topic, result.topic.trim());
  if (result.durationMinutes !== undefined) assert.ok(Number.isFinite(result.durationMinutes));
  if (result.matchedText !== undefined) assert.ok(result.matchedText.length <= input.length);
  if (!result.ok) {
    assert.ok(REASONS.has(result.reason), result.reason);
    return;
  }
  assert.match(result.start.local, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
  assert.ok(!Number.isNaN(Date.parse(result.start.instant)));
  assert.ok(Date.parse(result.start.instant) > nowDate.getTime(), 'a success is in the future');
  if (result.durationMinutes !== undefined) {
    assert.ok(result.durationMinutes >= 1 && result.durationMinutes <= 1440);
  }
}

test('any text gives a well-formed result and never throws', () => {
  fc.assert(
    fc.property(text, zone, now, (input, timeZone, nowDate) => {
      assertWellFormed(parseMeetingText(input, { now: nowDate, timeZone }), input, nowDate);
    }),
    { numRuns: 300 },
  );
});

test('empty and blank input is reported as empty', () => {
  const now = new Date('2026-11-25T00:30:00Z');
  for (const input of ['', '   ', '\n\t', '\u3000']) {
    const result = parseMeetingText(input, { now, timeZone: 'Asia/Tokyo' });
    assert.deepEqual(result, { ok: false, reason: 'empty', topic: '' });
  }
});

test('mrkdwn and SQL fragments stay in the topic untouched, for the UI to escape', () => {
  const now = new Date('2026-11-25T00:30:00Z');
  const result = parseMeetingText("<!channel> '; DROP TABLE x; -- review 明日10時", {
    now,
    timeZone: 'Asia/Tokyo',
  });
  assert.ok(result.ok);
  assert.equal(result.topic, "<!channel> '; DROP TABLE x; -- review");
  assert.equal(result.start.local, '2026-11-26T10:00:00');
});

test('numerals that are not numbers are never read as lengths or times (no NaN anywhere)', () => {
  const now = new Date('2026-11-25T00:30:00Z');
  for (const input of [
    '十百十百十 h',
    '十百十百十 hours',
    '百百分',
    '十十時間',
    '明日 十百時',
    '十百分後',
    '百十百日後 10時',
  ]) {
    for (const timeZone of ['Asia/Tokyo', 'UTC']) {
      const result = parseMeetingText(input, { now, timeZone });
      assertWellFormed(result, input, now);
      assert.equal(result.durationMinutes, undefined, input);
    }
  }
  assert.equal(parseMeetingText('明日10時 百二十分', { now, timeZone: 'Asia/Tokyo' }).durationMinutes, 120);
  assert.equal(parseMeetingText('明日10時 二十五分間', { now, timeZone: 'Asia/Tokyo' }).durationMinutes, 25);
});
