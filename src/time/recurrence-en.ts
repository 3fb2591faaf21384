/**
 * Reads English recurrence phrases: "every Monday", "every Tue and Thu", "every other Wednesday",
 * "every 2 weeks on Fri", "weekly", "every weekday", "daily", "every other day", "first Tuesday of
 * every month", "last Friday of the month", "monthly on the 15th", "the 15th of every month"; and the
 * end: "10 times", "for 6 weeks", "until Mar 31", "through the end of March".
 */
import type { Period, Reading } from './reading.js';
import type { EndReading, PatternReading, SeriesReading } from './series-reading.js';
import { mask } from './text.js';

const B = '(?![a-z])';
const WEEKDAY = `(sun(?:day)?|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?)s?\\.?${B}`;
const WEEKDAY_NC = WEEKDAY.replace('(sun', '(?:sun');
const LIST_SEPARATOR = '\\s*(?:,\\s*(?:and\\s+)?|\\band\\b|&|/|\\+)\\s*';
const DAY_LIST = `(${WEEKDAY_NC}(?:${LIST_SEPARATOR}${WEEKDAY_NC})*)`;
const PLURAL_LIST = `((?:sun|mon|tues|wednes|thurs|fri|satur)days${B}(?:${LIST_SEPARATOR}(?:sun|mon|tues|wednes|thurs|fri|satur)days${B})*)`;
const NUMBER = '(\\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)';
const ORDINAL = '(first|1st|second|2nd|third|3rd|fourth|4th|last)';

const MONTH_HEAD = `(monthly|bimonthly|bi-monthly|(?:every|each)\\s+(?:other\\s+)?month|every\\s+${NUMBER}\\s+months)${B}`;
const NTH_OF_MONTH = new RegExp(
  `(?:on\\s+)?(?:the\\s+|every\\s+)?${ORDINAL}\\s+${WEEKDAY}\\s+of\\s+(?:every|each|the)\\s+(other\\s+)?month${B}`,
  'i',
);
const MONTH_THEN_NTH = new RegExp(
  `${MONTH_HEAD}\\s*,?\\s*(?:on\\s+)?(?:the\\s+)?${ORDINAL}\\s+${WEEKDAY}`,
  'i',
);
const EVERY_NTH = new RegExp(`(?:every|each)\\s+${ORDINAL}\\s+${WEEKDAY}`, 'i');
const DAY_OF_MONTH = new RegExp(
  `(?:on\\s+)?(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+of\\s+(?:every|each|the)\\s+(other\\s+)?month${B}`,
  'i',
);
const MONTH_THEN_DAY = new RegExp(
  `${MONTH_HEAD}\\s*,?\\s*(?:on\\s+)?(?:the\\s+(\\d{1,2})(?:st|nd|rd|th)?|(\\d{1,2})(?:st|nd|rd|th))(?![0-9:])`,
  'i',
);
const MONTH_ALONE = new RegExp(`(?<![a-z])${MONTH_HEAD}`, 'i');
const WEEKDAYS_ONLY = new RegExp(
  `(?<![a-z])(?:(?:every|each|on)\\s+)?(?:week\\s*days?|work\\s*days?|business\\s+days?)${B}|(?<![a-z])(?:every\\s+day\\s+)?mon(?:day)?\\s*(?:-|–|to|through|thru)\\s*fri(?:day)?${B}`,
  'i',
);
const WEEK_HEAD = `(every\\s+other\\s+week|(?:every|each)\\s+${NUMBER}\\s+weeks|(?:every|each)\\s+week|weekly|bi-?weekly|fortnightly)${B}`;
const WEEK_THEN_DAYS = new RegExp(`(?<![a-z])${WEEK_HEAD}(?:\\s*,?\\s*(?:on\\s+)?${DAY_LIST})?`, 'i');
const EVERY_DAYS = new RegExp(`(?<![a-z])(?:every|each)\\s+(other\\s+)?${DAY_LIST}`, 'i');
const PLURAL_DAYS = new RegExp(`(?<![a-z])(?:on\\s+)?${PLURAL_LIST}`, 'i');
const DAILY = new RegExp(
  `(?<![a-z])(daily|every\\s+day|each\\s+day|every\\s+other\\s+day|every\\s+${NUMBER}\\s+days|every\\s+(morning|evening|night))${B}`,
  'i',
);

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME =
  '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const UNTIL_WORD = '(?:until|till|til|through|thru|ending(?:\\s+on)?|ends?(?:\\s+on)?)\\s+';
const UNTIL_MONTH_DAY = new RegExp(
  `(?<![a-z])${UNTIL_WORD}${MONTH_NAME}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?${B}`,
  'i',
);
const UNTIL_DAY_MONTH = new RegExp(
  `(?<![a-z])${UNTIL_WORD}(?:the\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH_NAME}(?:,?\\s+(\\d{4}))?${B}`,
  'i',
);
const UNTIL_NUMERIC = new RegExp(
  `(?<![a-z])${UNTIL_WORD}(?:(\\d{4})-(\\d{1,2})-(\\d{1,2})|(\\d{1,2})/(\\d{1,2})(?:/(\\d{4}))?)(?![0-9])`,
  'i',
);
const UNTIL_END_OF = new RegExp(
  `(?<![a-z])${UNTIL_WORD}(?:the\\s+)?end\\s+of\\s+(?:${MONTH_NAME}|(this\\s+month|the\\s+month|next\\s+month|the\\s+year|this\\s+year))${B}`,
  'i',
);
const COUNT = new RegExp(
  `(?<![a-z])(?:for\\s+)?${NUMBER}\\s+(?:times|occurrences|sessions|meetings)${B}`,
  'i',
);
const FOR_SPAN = new RegExp(
  `(?<![a-z])for\\s+(?:the\\s+next\\s+)?(?:${NUMBER}|(a|one))\\s+(days?|weeks?|months?)${B}`,
  'i',
);

/**
 * "Weekly sync", "Daily standup", "tomorrow 3pm weekly" are topics: the bare adjective is a rule only
 * when a time or a day follows it ("daily at 8:45", "weekly on Monday", "monthly, Dec 3").
 */
const AFTER_BARE_ADJECTIVE = /^\s*(?:,|\d|(?:at|on|from|starting|until|till|through|for)(?![a-z]))/i;
const BARE_ADJECTIVE = /^(?:daily|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly)$/i;

function isBareTopicWord(m: RegExpExecArray, text: string): boolean {
  return BARE_ADJECTIVE.test(m[0].trim()) && !AFTER_BARE_ADJECTIVE.test(text.slice(m.index + m[0].length));
}

const NUMBER_WORDS = [
  '',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
];
const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const PERIODS: Record<string, Period> = { morning: 'morning', evening: 'evening', night: 'night' };

function numberOf(word: string): number {
  const lower = word.toLowerCase();
  return /^\d+$/.test(lower) ? Number(lower) : NUMBER_WORDS.indexOf(lower);
}

function ordinalOf(word: string): number {
  const w = word.toLowerCase();
  if (w === 'last') return -1;
  return w.startsWith('f') || w === '1st'
    ? 1
    : w.startsWith('s') || w === '2nd'
      ? 2
      : w.startsWith('th') || w === '3rd'
        ? 3
        : 4;
}

function weekdayOf(word: string): number {
  return WEEKDAY_KEYS.indexOf(word.slice(0, 3).toLowerCase());
}

function weekdaysIn(list: string): number[] {
  const days: number[] = [];
  for (const m of list.matchAll(new RegExp(WEEKDAY, 'gi'))) days.push(weekdayOf(m[1]!));
  return [...new Set(days)].sort((a, b) => a - b);
}

function monthInterval(head: string | undefined, count: string | undefined, other?: string): number {
  if (other) return 2;
  if (!head) return 1;
  if (/bi-?monthly|other/i.test(head)) return 2;
  return count ? numberOf(count) : 1;
}

function weekInterval(head: string): number {
  if (/other|bi-?weekly|fortnightly/i.test(head)) return 2;
  const n = new RegExp(NUMBER, 'i').exec(head.replace(/^(?:every|each)\s+/i, ''));
  return /weeks/i.test(head) && n ? numberOf(n[1]!) : 1;
}

type Found = { pattern: PatternReading; period?: Period; match: RegExpExecArray };

function findPattern(text: string): Found | undefined {
  let m = NTH_OF_MONTH.exec(text);
  if (m) {
    return {
      pattern: {
        kind: 'monthlyWeekday',
        interval: m[3] ? 2 : 1,
        week: ordinalOf(m[1]!),
        weekday: weekdayOf(m[2]!),
      },
      match: m,
    };
  }
  m = MONTH_THEN_NTH.exec(text);
  if (m) {
    return {
      pattern: {
        kind: 'monthlyWeekday',
        interval: monthInterval(m[1], m[2]),
        week: ordinalOf(m[3]!),
        weekday: weekdayOf(m[4]!),
      },
      match: m,
    };
  }
  m = EVERY_NTH.exec(text);
  if (m) {
    return {
      pattern: { kind: 'monthlyWeekday', interval: 1, week: ordinalOf(m[1]!), weekday: weekdayOf(m[2]!) },
      match: m,
    };
  }
  m = DAY_OF_MONTH.exec(text);
  if (m) return { pattern: { kind: 'monthlyDay', interval: m[2] ? 2 : 1, day: Number(m[1]) }, match: m };
  m = MONTH_THEN_DAY.exec(text);
  if (m) {
    return {
      pattern: { kind: 'monthlyDay', interval: monthInterval(m[1], m[2]), day: Number(m[3] ?? m[4]) },
      match: m,
    };
  }
  m = WEEKDAYS_ONLY.exec(text);
  if (m) return { pattern: { kind: 'weekly', interval: 1, weekdays: [1, 2, 3, 4, 5] }, match: m };
  m = WEEK_THEN_DAYS.exec(text);
  if (m && !isBareTopicWord(m, text)) {
    const interval = weekInterval(m[1]!);
    const pattern: PatternReading = m[3]
      ? { kind: 'weekly', interval, weekdays: weekdaysIn(m[3]) }
      : { kind: 'weeklyOnStartDay', interval };
    return { pattern, match: m };
  }
  m = EVERY_DAYS.exec(text);
  if (m)
    return { pattern: { kind: 'weekly', interval: m[1] ? 2 : 1, weekdays: weekdaysIn(m[2]!) }, match: m };
  m = MONTH_ALONE.exec(text);
  if (m && !isBareTopicWord(m, text))
    return { pattern: { kind: 'monthlyOnStartDay', interval: monthInterval(m[1], m[2]) }, match: m };
  m = DAILY.exec(text);
  if (m && !isBareTopicWord(m, text)) {
    const word = m[1]!.toLowerCase();
    const interval = /other/.test(word) ? 2 : m[2] ? numberOf(m[2]) : 1;
    return {
      pattern: { kind: 'daily', interval },
      period: m[3] ? PERIODS[m[3].toLowerCase()] : undefined,
      match: m,
    };
  }
  m = PLURAL_DAYS.exec(text);
  if (m) return { pattern: { kind: 'weekly', interval: 1, weekdays: weekdaysIn(m[1]!) }, match: m };
  return undefined;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function findEnd(text: string): { end: EndReading; match: RegExpExecArray } | undefined {
  let m = UNTIL_END_OF.exec(text);
  if (m) {
    if (m[1]) return { end: { kind: 'until', month: monthNumber(m[1]) }, match: m };
    const which = m[2]!.toLowerCase();
    if (/year/.test(which)) return { end: { kind: 'until', month: 12, day: 31 }, match: m };
    return { end: { kind: 'untilMonthEnd', monthOffset: /next/.test(which) ? 1 : 0 }, match: m };
  }
  m = UNTIL_MONTH_DAY.exec(text);
  if (m) {
    const year = m[3] ? { year: Number(m[3]) } : {};
    return { end: { kind: 'until', month: monthNumber(m[1]!), day: Number(m[2]), ...year }, match: m };
  }
  m = UNTIL_DAY_MONTH.exec(text);
  if (m) {
    const year = m[3] ? { year: Number(m[3]) } : {};
    return { end: { kind: 'until', month: monthNumber(m[2]!), day: Number(m[1]), ...year }, match: m };
  }
  m = UNTIL_NUMERIC.exec(text);
  if (m) {
    const end: EndReading = m[1]
      ? { kind: 'until', year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
      : { kind: 'until', month: Number(m[4]), day: Number(m[5]), ...(m[6] ? { year: Number(m[6]) } : {}) };
    return { end, match: m };
  }
  m = COUNT.exec(text);
  if (m) return { end: { kind: 'count', count: numberOf(m[1]!) }, match: m };
  m = FOR_SPAN.exec(text);
  if (m) {
    const unit = m[3]!.toLowerCase().startsWith('d')
      ? 'day'
      : m[3]!.toLowerCase().startsWith('w')
        ? 'week'
        : 'month';
    return { end: { kind: 'for', amount: m[2] ? 1 : numberOf(m[1]!), unit }, match: m };
  }
  return undefined;
}

/** Reads an English recurrence rule and its end out of `text` into `series`; blanks what it read. */
export function readSeriesEnglish(text: string, reading: Reading, series: SeriesReading): string {
  const found = findPattern(text);
  if (!found) return text;
  series.pattern = found.pattern;
  if (found.period) series.period = found.period;
  const span = { index: found.match.index, end: found.match.index + found.match[0].length };
  reading.spans.push(span);
  let rest = mask(text, span);
  const end = findEnd(rest);
  if (end) {
    series.end = end.end;
    const endSpan = { index: end.match.index, end: end.match.index + end.match[0].length };
    reading.spans.push(endSpan);
    rest = mask(rest, endSpan);
  }
  return rest;
}
