import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { nextOccurrence, seriesOccurrences } from '../../src/time/occurrences.js';
import {
  type RecurrenceRule,
  repeatChoiceOf,
  ruleFromRepeatFields,
  toZoomRecurrence,
} from '../../src/time/recurrence.js';
import { describeRecurrence, describeRecurrenceEnd } from '../../src/time/recurrence-words.js';

const TOKYO = 'Asia/Tokyo';
const tueThu: RecurrenceRule = { pattern: { kind: 'weekly', interval: 1, weekdays: [2, 4] } };
const monday: RecurrenceRule = { pattern: { kind: 'weekly', interval: 1, weekdays: [1] } };
const lastFriday: RecurrenceRule = { pattern: { kind: 'monthlyWeekday', interval: 1, week: -1, weekday: 5 } };
const locals = (rule: RecurrenceRule, local: string, timeZone = TOKYO, limit?: number) =>
  seriesOccurrences(rule, { local, timeZone }, limit).map((o) => o.local.slice(0, 16));

describe('meetings of a series, as Zoom expands them', () => {
  test('several weekdays a week, from the first meeting on; ten when no end is given', () => {
    const all = locals(tueThu, '2026-11-26T09:30:00');
    assert.equal(all.length, 10);
    assert.deepEqual(all.slice(0, 4), [
      '2026-11-26T09:30',
      '2026-12-01T09:30',
      '2026-12-03T09:30',
      '2026-12-08T09:30',
    ]);
  });

  test('every other week counts weeks from the first meeting, for each of its days', () => {
    const rule: RecurrenceRule = {
      pattern: { kind: 'weekly', interval: 2, weekdays: [2, 4] },
      end: { kind: 'count', count: 5 },
    };
    assert.deepEqual(locals(rule, '2026-11-26T15:00:00'), [
      '2026-11-26T15:00',
      '2026-12-08T15:00',
      '2026-12-10T15:00',
      '2026-12-22T15:00',
      '2026-12-24T15:00',
    ]);
  });

  test('the wall time stays across a DST change (New York, March 8, 2026)', () => {
    const daily: RecurrenceRule = {
      pattern: { kind: 'daily', interval: 1 },
      end: { kind: 'count', count: 3 },
    };
    const instants = seriesOccurrences(daily, {
      local: '2026-03-06T10:00:00',
      timeZone: 'America/New_York',
    }).map((o) => o.instant);
    assert.deepEqual(instants, [
      '2026-03-06T15:00:00.000Z',
      '2026-03-07T15:00:00.000Z',
      '2026-03-08T14:00:00.000Z',
    ]);
  });

  test('a monthly day a month lacks is skipped; the last Friday is the last one of each month', () => {
    const the31st: RecurrenceRule = {
      pattern: { kind: 'monthlyDay', interval: 1, day: 31 },
      end: { kind: 'count', count: 3 },
    };
    assert.deepEqual(locals(the31st, '2027-01-31T10:00:00'), [
      '2027-01-31T10:00',
      '2027-03-31T10:00',
      '2027-05-31T10:00',
    ]);
    assert.deepEqual(locals(lastFriday, '2026-11-27T17:00:00', TOKYO, 3), [
      '2026-11-27T17:00',
      '2026-12-25T17:00',
      '2027-01-29T17:00',
    ]);
  });

  test("an until-date includes a meeting that day; a far one stops at Zoom's 60", () => {
    const until: RecurrenceRule = { ...monday, end: { kind: 'until', date: '2026-12-14' } };
    assert.deepEqual(locals(until, '2026-11-30T10:00:00'), [
      '2026-11-30T10:00',
      '2026-12-07T10:00',
      '2026-12-14T10:00',
    ]);
    const far: RecurrenceRule = {
      pattern: { kind: 'daily', interval: 1 },
      end: { kind: 'until', date: '2030-01-01' },
    };
    assert.equal(locals(far, '2026-11-30T10:00:00').length, 60);
  });

  test('the next meeting after an instant, and none once the series is over', () => {
    const rule: RecurrenceRule = { ...monday, end: { kind: 'count', count: 2 } };
    const start = { local: '2026-11-30T10:00:00', timeZone: TOKYO };
    assert.equal(nextOccurrence(rule, start, new Date('2026-11-30T00:59:00Z'))?.local, '2026-11-30T10:00:00');
    assert.equal(nextOccurrence(rule, start, new Date('2026-11-30T01:00:00Z'))?.local, '2026-12-07T10:00:00');
    assert.equal(nextOccurrence(rule, start, new Date('2026-12-07T01:00:00Z')), undefined);
  });
});

describe("Zoom's recurrence object", () => {
  test('an until-date ends at 23:59 that day in the user zone, in UTC, without end_times', () => {
    const z = toZoomRecurrence({ ...tueThu, end: { kind: 'until', date: '2027-03-31' } }, 'America/New_York');
    assert.deepEqual(z, {
      type: 2,
      repeat_interval: 1,
      weekly_days: '3,5',
      end_date_time: '2027-04-01T03:59:00Z',
    });
  });

  test('no end: 10 meetings; a count: that many', () => {
    assert.equal(toZoomRecurrence(monday, TOKYO).end_times, 10);
    assert.equal(toZoomRecurrence({ ...monday, end: { kind: 'count', count: 6 } }, TOKYO).end_times, 6);
  });
});

describe("the modal's repeat choice", () => {
  test('says the rule when one of its options does, else as_typed', () => {
    assert.equal(repeatChoiceOf(undefined, '2026-11-30T10:00:00'), 'none');
    assert.equal(repeatChoiceOf(monday, '2026-11-30T10:00:00'), 'weekly');
    assert.equal(
      repeatChoiceOf({ pattern: { kind: 'weekly', interval: 2, weekdays: [1] } }, '2026-11-30T10:00:00'),
      'biweekly',
    );
    assert.equal(
      repeatChoiceOf(
        { pattern: { kind: 'weekly', interval: 1, weekdays: [1, 2, 3, 4, 5] } },
        '2026-11-30T09:00:00',
      ),
      'weekdays',
    );
    assert.equal(repeatChoiceOf({ pattern: { kind: 'daily', interval: 1 } }, '2026-11-30T09:00:00'), 'daily');
    assert.equal(
      repeatChoiceOf({ pattern: { kind: 'monthlyDay', interval: 1, day: 15 } }, '2026-12-15T10:00:00'),
      'monthly_day',
    );
    assert.equal(repeatChoiceOf(lastFriday, '2026-11-27T17:00:00'), 'monthly_weekday');
    assert.equal(repeatChoiceOf(tueThu, '2026-11-26T09:30:00'), 'as_typed');
    assert.equal(
      repeatChoiceOf({ pattern: { kind: 'daily', interval: 3 } }, '2026-11-26T09:30:00'),
      'as_typed',
    );
  });

  test('a choice and the first meeting give back the rule; the typed one is kept when the choice says it', () => {
    assert.deepEqual(ruleFromRepeatFields({ choice: 'weekly', startLocal: '2026-12-02T10:00:00' }), {
      pattern: { kind: 'weekly', interval: 1, weekdays: [3] },
    });
    assert.deepEqual(
      ruleFromRepeatFields({ choice: 'monthly_weekday', startLocal: '2026-11-27T17:00:00' })?.pattern,
      {
        kind: 'monthlyWeekday',
        interval: 1,
        week: 4,
        weekday: 5,
      },
    );
    assert.deepEqual(
      ruleFromRepeatFields({
        choice: 'monthly_weekday',
        startLocal: '2026-11-27T17:00:00',
        typed: lastFriday,
      })?.pattern,
      lastFriday.pattern,
    );
    assert.deepEqual(
      ruleFromRepeatFields({ choice: 'monthly_weekday', startLocal: '2026-12-29T10:00:00' })?.pattern,
      {
        kind: 'monthlyWeekday',
        interval: 1,
        week: -1,
        weekday: 2,
      },
    );
    assert.deepEqual(
      ruleFromRepeatFields({ choice: 'as_typed', startLocal: '2026-11-26T09:30:00', typed: tueThu }),
      tueThu,
    );
    // The user moved the first meeting to a Wednesday and chose "weekly": the typed 火・木 no longer applies.
    assert.deepEqual(
      ruleFromRepeatFields({ choice: 'weekly', startLocal: '2026-12-02T09:30:00', typed: tueThu })?.pattern,
      { kind: 'weekly', interval: 1, weekdays: [3] },
    );
    assert.equal(
      ruleFromRepeatFields({ choice: 'none', startLocal: '2026-11-26T09:30:00', typed: tueThu }),
      undefined,
    );
  });

  test('repeat_until wins over repeat_count', () => {
    const rule = ruleFromRepeatFields({
      choice: 'daily',
      startLocal: '2026-11-26T09:00:00',
      count: 5,
      until: '2026-12-31',
    });
    assert.deepEqual(rule?.end, { kind: 'until', date: '2026-12-31' });
    assert.deepEqual(
      ruleFromRepeatFields({ choice: 'daily', startLocal: '2026-11-26T09:00:00', count: 5 })?.end,
      {
        kind: 'count',
        count: 5,
      },
    );
  });
});

describe('the rule in words', () => {
  const cases: [RecurrenceRule, string, string][] = [
    [tueThu, '毎週火・木 9:30', 'Every Tue, Thu 9:30 AM'],
    [monday, '毎週月曜 9:30', 'Every Mon 9:30 AM'],
    [{ pattern: { kind: 'weekly', interval: 2, weekdays: [3] } }, '隔週水曜 9:30', 'Every other Wed 9:30 AM'],
    [
      { pattern: { kind: 'weekly', interval: 1, weekdays: [5, 1, 2, 3, 4] } },
      '平日 9:30',
      'Every weekday 9:30 AM',
    ],
    [{ pattern: { kind: 'daily', interval: 1 } }, '毎日 9:30', 'Every day 9:30 AM'],
    [
      { pattern: { kind: 'monthlyWeekday', interval: 1, week: 2, weekday: 2 } },
      '毎月第2火曜 9:30',
      'Monthly on the 2nd Tue 9:30 AM',
    ],
    [lastFriday, '毎月最終金曜 9:30', 'Monthly on the last Fri 9:30 AM'],
    [
      { pattern: { kind: 'monthlyDay', interval: 1, day: 22 } },
      '毎月22日 9:30',
      'Monthly on the 22nd 9:30 AM',
    ],
    [
      { pattern: { kind: 'monthlyDay', interval: 2, day: 11 } },
      '隔月11日 9:30',
      'Every other month on the 11th 9:30 AM',
    ],
  ];
  for (const [rule, ja, en] of cases) {
    test(`${ja} / ${en}`, () => {
      assert.equal(describeRecurrence(rule, 'ja', { hour: 9, minute: 30 }), ja);
      assert.equal(describeRecurrence(rule, 'en', { hour: 9, minute: 30 }), en);
    });
  }

  test('English times are 12-hour', () => {
    assert.equal(describeRecurrence(monday, 'en', { hour: 15, minute: 0 }), 'Every Mon 3:00 PM');
    assert.equal(describeRecurrence(monday, 'en', { hour: 0, minute: 5 }), 'Every Mon 12:05 AM');
    assert.equal(describeRecurrence(monday, 'en', { hour: 12, minute: 0 }), 'Every Mon 12:00 PM');
    assert.equal(describeRecurrence(monday, 'ja', { hour: 15, minute: 0 }), '毎週月曜 15:00');
  });

  test('the end: the default ten, a count, an until-date', () => {
    assert.equal(describeRecurrenceEnd(monday, 'ja'), '全10回');
    assert.equal(describeRecurrenceEnd({ ...monday, end: { kind: 'count', count: 6 } }, 'en'), '6 times');
    const until: RecurrenceRule = { ...monday, end: { kind: 'until', date: '2027-03-31' } };
    assert.equal(describeRecurrenceEnd(until, 'ja'), '2027年3月31日まで');
    assert.equal(describeRecurrenceEnd(until, 'en'), 'until Mar 31, 2027');
  });
});
