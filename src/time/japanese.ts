/**
 * Reads Japanese dates and times, including the everyday forms chrono.ja misses: 明後日, 来週X曜,
 * 来月N日, 夕方/朝/夜 with or without an hour, kanji numerals, full-width digits, ranges.
 * Works on width-folded text; each phrase found is blanked so it is read once.
 */

import {
  ERA_START,
  IDIOM_HOURS,
  MONTH_OFFSETS,
  MONTH_WORD,
  RELATIVE_DAYS,
  WEEK_OFFSETS,
} from './japanese-words.js';
import {
  bareHour,
  bareStartHour,
  type DayRef,
  hourWithPeriod,
  type Period,
  type Reading,
} from './reading.js';
import { mask, NUM, readNumber, type Span } from './text.js';

const WEEKDAYS = '日月火水木金土';

const PERIOD_WORDS: Record<string, Period> = {
  午前: 'forenoon',
  朝: 'morning',
  昼: 'noon',
  お昼: 'noon',
  午後: 'afternoon',
  夕方: 'evening',
  夕: 'evening',
  夜: 'night',
  晩: 'night',
  深夜: 'lateNight',
};
const PERIOD = '(午前|午後|夕方|深夜|お昼|朝|昼|夕|夜|晩)';
const TAIL = '(?:\\s*(?:の|に))?';
// A weekday in brackets after a date, "12月5日(金)": read as decoration.
const WEEKDAY_NOTE = `(?:\\s*\\([${WEEKDAYS}](?:曜日?)?\\))?`;

const IDIOM = new RegExp(
  `(${Object.keys(IDIOM_HOURS)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?:\\s*(?:に|から|より|ごろ|頃))?`,
);

interface Found {
  match: RegExpExecArray;
  span: Span;
}

/** Finds the first match of `pattern` in `text`, or undefined. */
function find(text: string, pattern: RegExp): Found | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  return { match, span: { index: match.index, end: match.index + match[0].length } };
}

const DATE_PATTERNS: { pattern: RegExp; read: (m: RegExpExecArray) => DayRef }[] = [
  {
    pattern: new RegExp(
      `(\\d{4}|[〇一二三四五六七八九]{4})\\s*[年/.-]\\s*(${NUM})\\s*[月/.-]\\s*(${NUM})\\s*日?${WEEKDAY_NOTE}${TAIL}`,
    ),
    read: (m) => ({
      kind: 'date',
      year: readNumber(m[1]!),
      month: readNumber(m[2]!),
      day: readNumber(m[3]!),
    }),
  },
  {
    pattern: new RegExp(
      `(令和|平成|昭和)\\s*(元|${NUM})\\s*年(?:\\s*(${NUM})\\s*月\\s*(${NUM})\\s*日${WEEKDAY_NOTE})?${TAIL}`,
    ),
    read: (m) => {
      const year = ERA_START[m[1]!]! + (m[2] === '元' ? 1 : readNumber(m[2]!)) - 1;
      if (m[3] === undefined) return { kind: 'year', year };
      return { kind: 'date', year, month: readNumber(m[3]), day: readNumber(m[4]!) };
    },
  },
  {
    // A year alone, "2025年": no month follows.
    pattern: new RegExp(
      `(\\d{4}|[〇一二三四五六七八九]{4})\\s*年(?![\\s0-9〇一二三四五六七八九十]*月)${TAIL}`,
    ),
    read: (m) => ({ kind: 'year', year: readNumber(m[1]!) }),
  },
  {
    pattern: new RegExp(
      `(?:(?:${MONTH_WORD}|(${NUM})\\s*月)\\s*の?\\s*)?(?:第\\s*([1-5一二三四五])|(最終|最後の))\\s*([${WEEKDAYS}])\\s*曜日?${TAIL}`,
    ),
    read: (m) => ({
      kind: 'nthWeekday',
      nth: m[4] ? -1 : readNumber(m[3]!),
      weekday: WEEKDAYS.indexOf(m[5]!),
      ...(m[1] ? { monthOffset: MONTH_OFFSETS[m[1]] ?? 0 } : {}),
      ...(m[2] ? { month: readNumber(m[2]) } : {}),
    }),
  },
  {
    pattern: new RegExp(`${MONTH_WORD}\\s*の?\\s*(${NUM})\\s*日${WEEKDAY_NOTE}${TAIL}`),
    read: (m) => ({
      kind: 'monthDay',
      monthOffset: MONTH_OFFSETS[m[1]!] ?? 0,
      day: readNumber(m[2]!),
      rolls: false,
    }),
  },
  {
    pattern: new RegExp(`(${NUM})\\s*月\\s*(${NUM})\\s*日${WEEKDAY_NOTE}${TAIL}`),
    read: (m) => ({ kind: 'date', month: readNumber(m[1]!), day: readNumber(m[2]!) }),
  },
  {
    pattern: new RegExp(`(?<![\\d/:.])(\\d{1,2})/(\\d{1,2})(?![\\d/])${WEEKDAY_NOTE}${TAIL}`),
    read: (m) => ({ kind: 'date', month: Number(m[1]), day: Number(m[2]) }),
  },
  {
    pattern: new RegExp(`(${NUM})\\s*日\\s*後${TAIL}`),
    read: (m) => ({ kind: 'relative', days: readNumber(m[1]!) }),
  },
  {
    pattern: new RegExp(`(${NUM})\\s*週間?\\s*後${TAIL}`),
    read: (m) => ({ kind: 'relative', days: readNumber(m[1]!) * 7 }),
  },
  {
    pattern: new RegExp(
      `(${Object.keys(RELATIVE_DAYS)
        .sort((a, b) => b.length - a.length)
        .join('|')})${TAIL}`,
    ),
    read: (m) => ({ kind: 'relative', days: RELATIVE_DAYS[m[1]!] ?? 0 }),
  },
  {
    pattern: new RegExp(`(先週|今週|来週|再来週)?\\s*の?\\s*([${WEEKDAYS}])\\s*曜日?${TAIL}`),
    read: (m) => {
      const weekday = WEEKDAYS.indexOf(m[2]!);
      if (m[1] === undefined) return { kind: 'weekday', weekday };
      return { kind: 'weekday', weekday, weekOffset: WEEK_OFFSETS[m[1]] ?? 0 };
    },
  },
  {
    // A day of the month alone, "5日 15時": not 5日後 / 5日間 / 日曜.
    pattern: new RegExp(`(?<![\\d月〇一二三四五六七八九十])(${NUM})\\s*日(?![後間曜本])${TAIL}`),
    read: (m) => ({ kind: 'monthDay', monthOffset: 0, day: readNumber(m[1]!), rolls: true }),
  },
];

// Words that fix the day and the part of it at once.
const DAY_AND_PERIOD: Record<string, [number, Period]> = {
  今朝: [0, 'morning'],
  今夜: [0, 'night'],
  今晩: [0, 'night'],
  今夕: [0, 'evening'],
};

const DAY_AND_PERIOD_WORD = new RegExp(`(${Object.keys(DAY_AND_PERIOD).join('|')})${TAIL}`);

// Minutes written apart from the hour ("14時 15分" is 14:15) only when they can be minutes: "10時 90分"
// and "15時 45分くらい" stay lengths.
const SPACED_MINUTE =
  '[0-5]?[0-9](?![0-9])|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九](?![十百])';
const NOT_LENGTH = '(?![間後]|\\s*(?:くらい|ぐらい|ほど|程度))';

const CLOCK = new RegExp(
  `(?:${PERIOD}\\s*の?\\s*)?(?:(正午)|(${NUM})\\s*時(?!間)(?:\\s*(半)|(${NUM})\\s*分${NOT_LENGTH}|\\s+(${SPACED_MINUTE})\\s*分${NOT_LENGTH})?|(?<![\\d.:])(\\d{1,2})\\s*:\\s*(\\d{2})(?![\\d:]|\\s*[ap]\\.?m))`,
  'i',
);
const CLOCK_AT_START = new RegExp(`^${CLOCK.source}`, 'i');
const RANGE_SEPARATOR = /^\s*(?:から|より|〜|~|-|–|ー|－|to)\s*/;
const RANGE_CLOSE = /^\s*(?:まで(?:の|に|で)?)?/;
const FROM_WORD = /^\s*(?:から|より|〜|~)/;
const PERIOD_ALONE = new RegExp(`${PERIOD}(?=$|[\\s、,。]|に|から|の|で|ごろ|頃)${TAIL}`);

interface Clock {
  hour: number;
  minute: number;
  invalid: boolean;
  period?: Period;
}

/** Reads a clock match; a start (`reading` given) notes an afternoon guess for a bare hour. */
function readClock(
  m: RegExpExecArray,
  inherited?: Period,
  rangeStartHour?: number,
  reading?: Reading,
): Clock {
  const period = m[1] ? PERIOD_WORDS[m[1]] : inherited;
  if (m[2]) return { hour: 12, minute: 0, invalid: false, period };
  const written = (m[3] ?? m[7] ?? '').trim();
  const rawHour = readNumber(written);
  const minute = m[4] ? 30 : readNumber(m[5] ?? m[6] ?? m[8] ?? '0');
  const zeroPadded = /^0\d/.test(written);
  const hour =
    period !== undefined
      ? hourWithPeriod(rawHour, period)
      : reading
        ? bareStartHour(rawHour, zeroPadded, reading)
        : bareHour(rawHour, zeroPadded, rangeStartHour);
  const invalid = !(rawHour >= 0 && rawHour <= 23 && hour <= 23 && minute >= 0 && minute <= 59);
  return { hour, minute, invalid, period };
}

/** Reads the Japanese date and time phrases of `text` (already width-folded) into `reading`. */
export function readJapanese(text: string, reading: Reading): string {
  let rest = text;
  const dayAndPeriod = find(rest, DAY_AND_PERIOD_WORD);
  if (dayAndPeriod) {
    const [days, period] = DAY_AND_PERIOD[dayAndPeriod.match[1]!]!;
    reading.day = { kind: 'relative', days };
    reading.period = period;
    reading.spans.push(dayAndPeriod.span);
    rest = mask(rest, dayAndPeriod.span);
  }
  for (const { pattern, read } of DATE_PATTERNS) {
    if (reading.day) break;
    const found = find(rest, pattern);
    if (!found) continue;
    reading.day = read(found.match);
    const slash = /^(\d{1,2})\/(\d{1,2})/.exec(found.match[0]);
    if (slash && Number(slash[1]) <= 12 && Number(slash[2]) <= 12 && slash[1] !== slash[2]) {
      reading.assumptions.push({ kind: 'monthFirst', month: Number(slash[1]), day: Number(slash[2]) });
    }
    reading.spans.push(found.span);
    rest = mask(rest, found.span);
  }
  rest = readClockAndRange(rest, reading);
  if (!reading.time && !reading.period) {
    const found = find(rest, PERIOD_ALONE);
    if (found) {
      reading.period = PERIOD_WORDS[found.match[1]!];
      reading.spans.push(found.span);
      rest = mask(rest, found.span);
    }
  }
  return rest;
}

function readClockAndRange(text: string, reading: Reading): string {
  if (reading.time) return text;
  const idiom = find(text, IDIOM);
  if (idiom) {
    reading.time = { hour: IDIOM_HOURS[idiom.match[1]!]!, minute: 0 };
    reading.spans.push(idiom.span);
    return mask(text, idiom.span);
  }
  const found = find(text, CLOCK);
  if (!found) return text;
  const start = readClock(found.match, reading.period, undefined, reading);
  if (start.invalid) reading.invalid = true;
  reading.time = { hour: start.hour, minute: start.minute };
  let end = found.span.end;
  const after = text.slice(end);
  const separator = RANGE_SEPARATOR.exec(after);
  if (separator) {
    const close = CLOCK_AT_START.exec(after.slice(separator[0].length));
    if (close) {
      const finish = readClock(close, start.period, start.hour);
      if (finish.invalid) reading.invalid = true;
      reading.endTime = { hour: finish.hour, minute: finish.minute };
      end += separator[0].length + close[0].length;
      end += RANGE_CLOSE.exec(text.slice(end))?.[0].length ?? 0;
    } else {
      // "10時から1時間": keep から with the time so the topic does not start with it.
      end += FROM_WORD.exec(after)?.[0].length ?? 0;
    }
  }
  const trailing = /^(?:\s*(?:ごろ|頃))?(?:\s*(?:に|の))?/.exec(text.slice(end));
  end += trailing?.[0].length ?? 0;
  const span = { index: found.span.index, end };
  reading.spans.push(span);
  return mask(text, span);
}
