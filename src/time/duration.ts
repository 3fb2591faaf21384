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
const HALF_HOUR = '(?:half\\s+an?\\s+hour|an?\\s+half\\s+hour)(?![a-z])';

const JA_LENGTH = `(?:(${DECIMAL})\\s*時間\\s*(?:(半)|(${NUM})\\s*分)?|(${NUM})\\s*分)`;
// English lengths take Arabic digits only: a kanji run before "h" is no English number.
const EN_LENGTH = `(?:(\\d+(?:\\.\\d+)?)\\s*${HOURS_EN}(?:\\s*(?:and\\s+)?(\\d+)\\s*${MINUTES_EN})?|(\\d+)\\s*${MINUTES_EN}|(${AN_HOUR}(?:\\s+and\\s+a\\s+half)?)|(${HALF_HOUR}))`;

const JA_AFTER = new RegExp(`${JA_LENGTH}\\s*後(?:\\s*(?:に|から))?`);
const EN_AFTER = new RegExp(`(?<![a-z])in\\s+${EN_LENGTH}(?:\\s+from\\s+now)?`, 'i');
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
  if (m[3] !== undefined) return Number(m[3]);
  if (m[4] !== undefined) return /half/i.test(m[4]) ? 90 : 60;
  if (m[5] !== undefined) return 30;
  return Number(m[1]) * 60 + (m[2] ? Number(m[2]) : 0);
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
  const found = takeMinutes(text, reading, JA_AFTER, EN_AFTER, false);
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
