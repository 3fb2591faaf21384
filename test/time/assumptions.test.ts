import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMeetingText } from '../../src/time/index.js';

const now = new Date('2027-05-12T04:20:00Z'); // Wed 13:20 in Tokyo
const read = (text: string, timeZone = 'Asia/Tokyo') => {
  const result = parseMeetingText(text, { now, timeZone });
  assert.ok(result.ok, text);
  return result;
};

test('a bare hour 1-6 read as the afternoon is noted, in both languages', () => {
  assert.deepEqual(read('明日3時').assumptions, [{ kind: 'afternoon', typed: 3, hour: 15 }]);
  assert.deepEqual(read('tomorrow at 4').assumptions, [{ kind: 'afternoon', typed: 4, hour: 16 }]);
  assert.deepEqual(read('quarter to six').assumptions, [{ kind: 'afternoon', typed: 6, hour: 18 }]);
});

test('an hour that says its part of the day, or is zero-padded, or over 6, is no guess', () => {
  for (const text of [
    '明日午前3時',
    '明日午後3時',
    'tomorrow 3am',
    'tomorrow 3pm',
    '明日 03:00',
    '明日10時',
    '明日の夜7時',
  ]) {
    assert.deepEqual(read(text).assumptions, [], text);
  }
});

test('a slash date that could be either way round is noted as month first', () => {
  assert.deepEqual(read('6/5 10時').assumptions, [{ kind: 'monthFirst', month: 6, day: 5 }]);
  assert.deepEqual(read('6/7 10am', 'America/New_York').assumptions, [
    { kind: 'monthFirst', month: 6, day: 7 },
  ]);
  // 12/25 cannot be day first, 5/5 reads the same either way.
  assert.deepEqual(read('12/25 10時').assumptions, []);
  assert.deepEqual(read('5/5 10時').assumptions, [{ kind: 'nextYear', year: 2028 }]);
});

test('a date without a year that has passed this year is noted as next year', () => {
  const result = read('3月1日 10時');
  assert.equal(result.start.local, '2028-03-01T10:00:00');
  assert.deepEqual(result.assumptions, [{ kind: 'nextYear', year: 2028 }]);
  assert.deepEqual(read('12月1日 10時').assumptions, []);
});
