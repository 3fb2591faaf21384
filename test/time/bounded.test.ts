import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adversarialInputs } from '../../bench/adversarial.js';
import { MAX_PARSE_LENGTH, parseMeetingText } from '../../src/time/index.js';

const now = new Date('2026-11-25T00:30:00Z');

test('text longer than the parse limit is refused unread', () => {
  const result = parseMeetingText(`明日15時 ${'x'.repeat(MAX_PARSE_LENGTH)}`, {
    now,
    timeZone: 'Asia/Tokyo',
  });
  assert.deepEqual(result, { ok: false, reason: 'too_long', topic: '' });
  const fits = parseMeetingText(`明日15時 ${'x'.repeat(MAX_PARSE_LENGTH - 6)}`, {
    now,
    timeZone: 'Asia/Tokyo',
  });
  assert.ok(fits.ok);
  assert.equal(fits.start.local, '2026-11-26T15:00:00');
});

test('long runs of digits or blanks do not hide the time around them', () => {
  const result = parseMeetingText(`明日 ${'9'.repeat(40)}${' '.repeat(40)}15時 定例`, {
    now,
    timeZone: 'Asia/Tokyo',
  });
  assert.ok(result.ok);
  assert.equal(result.start.local, '2026-11-26T15:00:00');
  assert.equal(result.topic, `${'9'.repeat(40)} 定例`);
});

// CPU time of the parse itself (median of 5): other test files running beside this one must not count.
test('no adversarial input up to the parse limit holds the event loop for 20 ms (median of 5)', () => {
  for (const { text } of adversarialInputs(50)) parseMeetingText(text, { now, timeZone: 'Asia/Tokyo' });
  for (const length of [200, MAX_PARSE_LENGTH]) {
    for (const { name, text } of adversarialInputs(length)) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = process.cpuUsage();
        parseMeetingText(text, { now, timeZone: 'Asia/Tokyo' });
        const used = process.cpuUsage(started);
        times.push((used.user + used.system) / 1000);
      }
      const median = times.sort((a, b) => a - b)[2]!;
      assert.ok(median < 20, `${name} at ${length} characters: ${median.toFixed(1)} ms`);
    }
  }
});
