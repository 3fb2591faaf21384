/**
 * English forms chrono-node misses or reads with its own clock: "the second Monday of next month",
 * "a week from Friday", "two weeks from tomorrow", "in three weeks", "the 21st", "on the 2nd",
 * "half past ten", "quarter to six", "four o'clock". Read on width-folded text; each phrase is blanked.
 */
import { bareStartHour, type DayRef, type Reading } from './reading.js';
import { mask } from './text.js';

const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const COUNT = `(\\d{1,2}|a\\s+couple\\s+of|couple\\s+of|${Object.keys(WORD_NUMBERS).join('|')})`;
const HOUR_WORD = `(\\d{1,2}|${Object.keys(WORD_NUMBERS)
  .filter((w) => w.length > 2)
  .join('|')})`;
const WEEKDAY = '(sun|mon|tue|wed|thu|fri|sat)[a-z]*\\.?';
const WEEKDAY_INDEX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const ORDINALS: Record<string, number> = {
  first: 1,
  '1st': 1,
  second: 2,
  '2nd': 2,
  third: 3,
  '3rd': 3,
  fourth: 4,
  '4th': 4,
  fifth: 5,
  '5th': 5,
  last: -1,
};

// Each phrase read here has a word without which it cannot be there; most texts have none of them.
const KEY_WORDS = /month|week|day|\d(?:st|nd|rd|th)\b|half|quarter|clock/i;

function countOf(word: string): number {
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  if (/couple/.test(w)) return 2;
  return /^\d+$/.test(w) ? Number(w) : (WORD_NUMBERS[w] ?? Number.NaN);
}

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map(
  (m) => `${m}[a-z]*\\.?`,
);
const monthOf = (written: string) =>
  ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].indexOf(
    written.slice(0, 3).toLowerCase(),
  ) + 1;

// "the second Monday of next month", "the last Thursday of the month", "first Friday in March".
const NTH_WEEKDAY = new RegExp(
  `(?<![a-z0-9])(?:on\\s+)?(?:the\\s+)?(${Object.keys(ORDINALS).join('|')})\\s+${WEEKDAY}\\s+(?:of|in)\\s+(?:(this|next|the)\\s+month|(${MONTH_NAMES.join('|')}))(?![a-z])`,
  'i',
);
// "two weeks from tomorrow", "a week from Friday", "3 days from today".
const FROM_BASE = new RegExp(
  `(?<![a-z0-9])${COUNT}\\s+(weeks?|days?)\\s+from\\s+(today|tomorrow|now|${WEEKDAY})(?![a-z])`,
  'i',
);
// "in three weeks", "in a week", "in two days" (digits "in 3 days" are read in english.ts).
const IN_COUNT = new RegExp(`(?<![a-z])in\\s+${COUNT}\\s+(weeks?|days?)(?![a-z])`, 'i');
// "the 21st", "on the 2nd", "on 3rd": a day of the month; not "the 2nd of May", "the 3rd floor".
const ORDINAL_DAY =
  /(?<![a-z0-9])(?:on\s+the|on|the)\s+(\d{1,2})(?:st|nd|rd|th)(?![a-z0-9])(?!\s+(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|sun|mon|tue|wed|thu|fri|sat|week|day|month|floor|time|place|quarter|round|row))/i;
// "half past ten", "quarter to six", "a quarter after 9 pm".
const QUARTER = new RegExp(
  `(?<![a-z])(half|(?:a\\s+)?quarter)\\s+(past|after|to|before|till?)\\s+${HOUR_WORD}(?![a-z0-9])(?:\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![a-z]))?`,
  'i',
);
const OCLOCK = new RegExp(
  `(?<![a-z0-9])${HOUR_WORD}\\s*o'?clock(?![a-z])(?:\\s*(a\\.?m\\.?|p\\.?m\\.?)(?![a-z]))?`,
  'i',
);

function take(
  text: string,
  pattern: RegExp,
  reading: Reading,
  read: (m: RegExpExecArray) => boolean,
): string {
  const m = pattern.exec(text);
  if (!m || !read(m)) return text;
  const span = { index: m.index, end: m.index + m[0].length };
  reading.spans.push(span);
  return mask(text, span);
}

function hourOf(written: string, meridiem: string | undefined, reading: Reading): number {
  const typed = /^\d+$/.test(written) ? Number(written) : (WORD_NUMBERS[written.toLowerCase()] ?? Number.NaN);
  if (meridiem) {
    const pm = /^p/i.test(meridiem);
    return typed === 12 ? (pm ? 12 : 0) : pm ? typed + 12 : typed;
  }
  return bareStartHour(typed, /^0\d/.test(written), reading);
}

function setDay(reading: Reading, day: DayRef): boolean {
  if (reading.day) return false;
  reading.day = day;
  return true;
}

/** Reads the phrases above into `reading`; answers the text with them blanked. */
export function readEnglishIdioms(text: string, reading: Reading): string {
  if (!KEY_WORDS.test(text)) return text;
  let rest = text;
  rest = take(rest, NTH_WEEKDAY, reading, (m) =>
    setDay(reading, {
      kind: 'nthWeekday',
      nth: ORDINALS[m[1]!.toLowerCase()]!,
      weekday: WEEKDAY_INDEX[m[2]!.toLowerCase()]!,
      ...(m[4] ? { month: monthOf(m[4]) } : {}),
      ...(m[3] && m[3].toLowerCase() !== 'the' ? { monthOffset: m[3].toLowerCase() === 'next' ? 1 : 0 } : {}),
    }),
  );
  rest = take(rest, FROM_BASE, reading, (m) => {
    const days = countOf(m[1]!) * (/week/i.test(m[2]!) ? 7 : 1);
    if (!Number.isFinite(days)) return false;
    const base = m[3]!.toLowerCase();
    if (m[4]) {
      return setDay(reading, {
        kind: 'weekday',
        weekday: WEEKDAY_INDEX[m[4].toLowerCase()]!,
        plusDays: days,
      });
    }
    return setDay(reading, { kind: 'relative', days: days + (base === 'tomorrow' ? 1 : 0) });
  });
  rest = take(rest, IN_COUNT, reading, (m) => {
    const days = countOf(m[1]!) * (/week/i.test(m[2]!) ? 7 : 1);
    return Number.isFinite(days) && setDay(reading, { kind: 'relative', days });
  });
  rest = take(rest, ORDINAL_DAY, reading, (m) =>
    setDay(reading, { kind: 'monthDay', monthOffset: 0, day: Number(m[1]), rolls: true }),
  );
  if (reading.time) return rest;
  rest = take(rest, QUARTER, reading, (m) => {
    const hour = hourOf(m[3]!, m[4], reading);
    const minutes = /half/i.test(m[1]!) ? 30 : 15;
    const before = /^(to|before|til)/i.test(m[2]!);
    const total = hour * 60 + (before ? -minutes : minutes);
    if (!(hour >= 0 && hour <= 23)) return false;
    const wrapped = (total + 1440) % 1440;
    reading.time = { hour: Math.floor(wrapped / 60), minute: wrapped % 60 };
    return true;
  });
  if (reading.time) return rest;
  rest = take(rest, OCLOCK, reading, (m) => {
    const hour = hourOf(m[1]!, m[2], reading);
    if (!(hour >= 0 && hour <= 23)) return false;
    reading.time = { hour, minute: 0 };
    return true;
  });
  return rest;
}
