import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseMeetingText } from '../../src/time/index.js';

const now = new Date('2027-07-05T01:00:00Z'); // Mon 10:00 in Tokyo, New York on daylight time
const read = (text: string) => parseMeetingText(text, { now, timeZone: 'Asia/Tokyo' });

test('a US zone name follows daylight saving: 9am ET is 13:00 UTC in July, 14:00 UTC in January', () => {
  const july = read('明日 9am ET');
  assert.ok(july.ok);
  assert.equal(july.start.instant, '2027-07-06T13:00:00.000Z');
  const january = parseMeetingText('明日 9am ET', {
    now: new Date('2027-01-11T01:00:00Z'),
    timeZone: 'Asia/Tokyo',
  });
  assert.ok(january.ok);
  assert.equal(january.start.instant, '2027-01-12T14:00:00.000Z');
});

test('an abbreviation of one side of the year is a fixed offset all year', () => {
  const est = read('明日 9am EST');
  assert.ok(est.ok);
  assert.equal(est.start.instant, '2027-07-06T14:00:00.000Z');
  const cet = read('明日 9:00 CET');
  assert.ok(cet.ok);
  assert.equal(cet.start.instant, '2027-07-06T08:00:00.000Z');
});

test('words that only look like zones stay in the topic', () => {
  for (const [text, topic] of [
    ['明日10時 MTG', 'MTG'],
    ['明日10時 CTO面談', 'CTO面談'],
    ['Central planning tomorrow 3pm', 'Central planning'],
    ['Pacific launch tomorrow 3pm', 'Pacific launch'],
    ['tomorrow 10am NY office visit', 'NY office visit'],
    ['PT session tomorrow 3pm', 'PT session'],
  ] as const) {
    const result = read(text);
    assert.ok(result.ok, text);
    assert.equal(result.topic, topic, text);
    assert.equal(result.start.timeZone, 'Asia/Tokyo');
    assert.match(result.start.local, /T(10|15):00:00$/, text);
  }
});
