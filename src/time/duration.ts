/**
 * Lengths of time, both languages: "30分", "1時間半", "90分間", "for 45 minutes", "for 1.5 hours",
 * "1h30m", "45m"; and offsets from now: "30分後", "2時間後", "in 2 hours", "in half an hour".
 */
import type { Reading } from './reading.js';
import { mask, NUM, readNumber, type Span } from './text.js';

const DECIMAL = '(?:\\d+(?:\\.\\d+)?|[〇一二三四五六七八九十百]+)';
const HOURS_EN = '(?:hours?|hrs?|h)(?![a-z])';
const MINUTES_EN = '(?:minutes?|mins?|m)(?![a-z])';
const AN_HOUR = '(?:an?|one)\\s+hour(?![a-z])';
const COUPLE_OF_HOURS = '(?:a\\s+)?couple\\s+(?:of\\s+)?hours(?![a-z])';
/** Counts said as words in English lengths ("two hours", "ten minutes"). */
const WORD_COUNTS: Record<string, number> = {
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  ten: 10,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  'forty-five': 45,
  forty: 40,
  ninety: 90,
};
const EN_COUNT = `(?:\\d+(?:\\.\\d+)?|${Object.keys(WORD_COUNTS).join('|')})`;
const enCount = (raw: string) => WORD_COUNTS[raw.toLowerCase()] ?? Number(raw);
const HALF_HOUR = '(?:half\\s+an?\\s+hour|an?\\s+half\\s+hour)(?![a-z])';

const JA_LENGTH = `(?:(${DECIMAL})\\s*時間\\s*(?:(半)|(${NUM})\\s*分)?|(${NUM})\\s*分)`;
// English lengths take Arabic digits only: a kanji run before "h" is no English number.
const EN_LENGTH = `(?:(${EN_COUNT})\\s*${HOURS_EN}(?:\\s*(?:and\\s+)?(\\d+)\\s*${MINUTES_EN})?|(${EN_COUNT})\\s*${MINUTES_EN}|(${AN_HOUR}(?:\\s+and\\s+a\\s+half)?)|(${HALF_HOUR})|(${COUPLE_OF_HOURS}))`;

const JA_AFTER = new RegExp(`${JA_LENGTH}\\s*後(?:\\s*(?:に|から))?`);
const EN_AFTER = new RegExp(`(?<![a-z])in\\s+${EN_LENGTH}(?:\\s+from\\s+now)?`, 'i');
// "a couple of hours from now", "half an hour from now".
const EN_FROM_NOW = new RegExp(`(?<![a-z0-9])${EN_LENGTH}\\s+from\\s+now(?![a-z])`, 'i');
const JA_DURATION = new RegExp(
  `${JA_LENGTH}\\s*(?:間)?(?:\\s*(?:ほど|くらい|ぐらい|程度))?(?:\\s*(?:の|で))?`,
);
const EN_DURATION = new RegExp(`(?<![a-z0-9:.])(?:for\\s+)?(?:about\\s+)?${EN_LENGTH}(?:\\s+long)?`, 'i');

function jaMinutes(m: RegExpExecArray): number {
  if (m[4] !== undefined) return readNumber(m[4]);
  const hours = m[1] && /^[\d.]+$/.test(m[1]) ? Number(m[1]) : readNumber(m[1] ?? '');
  return hours * 60 + (m[2] ? 30 : 0) + (m[3] ? readNumber(m[3]) : 0);
}

function enMinutes(m: RegExpExecArray): number {
  if (m[3] !== undefined) return enCount(m[3]);
  if (m[4] !== undefined) return /half/i.test(m[4]) ? 90 : 60;
  if (m[5] !== undefined) return 30;
  if (m[6] !== undefined) return 120;
  return enCount(m[1]!) * 60 + (m[2] ? Number(m[2]) : 0);
}

function take(
  text: string,
  pattern: RegExp,
  reading: Reading,
  duration: boolean,
  minutesOf: (m: RegExpExecArray) => number,
): { text: string; minutes?: number } {
  const match = pattern.exec(text);
  if (!match) return { text };
  const minutes = Math.round(minutesOf(match));
  // A phrase whose number cannot be read ("百百分") is left in the text, never read as NaN minutes.
  if (!Number.isFinite(minutes)) return { text };
  const span: Span = {
    index: match.index,
    end: match.index + match[0].length,
    ...(duration ? { duration } : {}),
  };
  reading.spans.push(span);
  return { text: mask(text, span), minutes };
}

/** Takes the first Japanese, else English, phrase of a pair of patterns; answers its minutes. */
function takeMinutes(
  text: string,
  reading: Reading,
  ja: RegExp,
  en: RegExp,
  duration: boolean,
): { text: string; minutes?: number } {
  const jaFound = take(text, ja, reading, duration, jaMinutes);
  if (jaFound.minutes !== undefined) return jaFound;
  return take(text, en, reading, duration, enMinutes);
}

/** "30分後" / "in 2 hours": sets `afterMinutes`. Runs before the date readers. */
export function readOffsetFromNow(text: string, reading: Reading): string {
  let found = takeMinutes(text, reading, JA_AFTER, EN_AFTER, false);
  if (found.minutes === undefined && /from\s+now/i.test(text))
    found = take(text, EN_FROM_NOW, reading, false, enMinutes);
  if (found.minutes !== undefined) reading.afterMinutes = found.minutes;
  return found.text;
}

/** The meeting length; runs after the time readers so "10時30分" is a time, not 30 minutes. */
export function readDuration(text: string, reading: Reading): string {
  if (reading.durationMinutes !== undefined) return text;
  const found = takeMinutes(text, reading, JA_DURATION, EN_DURATION, true);
  if (found.minutes !== undefined) reading.durationMinutes = found.minutes;
  return found.text;
}
