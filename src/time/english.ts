/**
 * English dates and times through chrono-node. Only what the text itself states is taken from chrono
 * (month, day, year, weekday, hour, minute, zone); days relative to today are worked out in resolve.ts
 * from the words, because chrono computes them with the server's clock.
 */
// Only the English parser: chrono-node's index builds every locale's parsers at import.
import type { ParsedComponents, ParsedResult } from 'chrono-node';
import * as chronoEn from 'chrono-node/en';
import { readEnglishIdioms } from './english-idioms.js';
import {
  bareHour,
  bareStartHour,
  type DayRef,
  hourWithPeriod,
  type Period,
  type Reading,
} from './reading.js';
import { mask, type Span } from './text.js';

const WEEKDAY_NAMES = /\b(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?/i;
const WEEKDAY_INDEX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

// Parts of the day, read here rather than by chrono (which picks its own hours for them). Only after
// a day word or "in the", so that "Morning sync" or "Game night" stay in the topic.
const PERIOD_EN =
  /(?<![a-z])(?:(tonight)|(?:(this|tomorrow|today)\s+|(?<=(?:day|mon|tue|wed|thu|fri|sat|sun)\.?\s+)|in\s+the\s+)(morning|afternoon|evening|night))(?![a-z])/i;
const TOPIC_PERIOD_WORD = /(?<![a-z])(?:morning|afternoon|evening|night)(?![a-z])/gi;
const PERIOD_OF: Record<string, Period> = {
  tonight: 'night',
  morning: 'morning',
  afternoon: 'afternoon',
  evening: 'evening',
  night: 'night',
};
// A fixed reference: only values the text states are used, so chrono's own clock must not matter.
// A leap year, so that chrono does not refuse "Feb 29" against its reference year.
const CHRONO_REFERENCE = { instant: new Date(Date.UTC(2000, 0, 1)), timezone: 0 };
const RELATIVE_DAY = /\b(day\s+after\s+tomorrow|yesterday|today|tonight|tomorrow|tmrw|tmr)\b/i;
const IN_DAYS = /(?<![a-z])in\s+(\d{1,3})\s+(days?|weeks?)(?![a-z])/i;
const NEXT_MONTH_DAY = /(?<![a-z])next\s+month\s+(?:on\s+)?(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?![a-z0-9])/i;
// Read before chrono, which would leave "day after" behind.
const DAY_AFTER_TOMORROW = /(?<![a-z])(?:the\s+)?day\s+after\s+tomorrow(?![a-z])/i;

/** today / tonight / this → 0, tomorrow → 1, the day after tomorrow → 2, yesterday → -1. */
function relativeDays(word: string): number {
  if (/after/i.test(word)) return 2;
  if (/yesterday/i.test(word)) return -1;
  return /^(tomorrow|tmrw|tmr)$/i.test(word) ? 1 : 0;
}

// chrono fills these from its reference clock: their dates are worked out here or left unread.
const DAYS_AGO = /\b(\d{1,3})\s+days?\s+ago\b/i;
const CLOCK_RELATIVE =
  /\b(?:next|last|this|coming)\s+(?:week|month|year)\b|\bago\b|\bin\s+\d+\s+(?:weeks?|months?|years?)\b/i;
const WEEK_WORD = /^(next|this)\s+week$/i;

function weekOffsetOf(text: string, weekdayIndex: number, weekHint: number | undefined): number | undefined {
  const before = text.slice(0, weekdayIndex);
  if (/\bnext\s*$/i.test(before) || /\bnext\s+week\b/i.test(text)) return 1;
  if (/\bthis\s*$/i.test(before) || /\bthis\s+week\b/i.test(text)) return 0;
  if (/\blast\s*$/i.test(before) || /\blast\s+week\b/i.test(text)) return -1;
  return weekHint;
}

function dayFromChrono(result: ParsedResult, weekHint: number | undefined): DayRef | undefined {
  const start = result.start;
  const relative = RELATIVE_DAY.exec(result.text);
  if (relative) return { kind: 'relative', days: relativeDays(relative[1]!) };
  const ago = DAYS_AGO.exec(result.text);
  if (ago) return { kind: 'relative', days: -Number(ago[1]) };
  const clockRelative = CLOCK_RELATIVE.test(result.text);
  // "Mon 12/7": the date wins over the weekday written with it.
  if (!clockRelative && start.isCertain('month') && start.isCertain('day')) {
    return {
      kind: 'date',
      year: start.isCertain('year') ? start.get('year')! : undefined,
      month: start.get('month')!,
      day: start.get('day')!,
    };
  }
  const weekdayName = WEEKDAY_NAMES.exec(result.text);
  if (start.isCertain('weekday') && weekdayName) {
    const weekday = WEEKDAY_INDEX[weekdayName[1]!.toLowerCase()] ?? start.get('weekday')!;
    const weekOffset = weekOffsetOf(result.text, weekdayName.index, weekHint);
    return weekOffset === undefined ? { kind: 'weekday', weekday } : { kind: 'weekday', weekday, weekOffset };
  }
  return undefined;
}

function clockFrom(
  component: ParsedComponents,
  period: Period | undefined,
  text: string,
  rangeStartHour?: number,
  reading?: Reading,
) {
  const hour = component.get('hour')!;
  // "7 tonight": a bare hour with a part of the day; an explicit am/pm wins.
  let read = hourWithPeriod(hour, period);
  if (!component.isCertain('meridiem') && period === undefined) {
    const zeroPadded = new RegExp(`(?<!\\d)0${hour}(?::|\\b)`).test(text);
    read = reading ? bareStartHour(hour, zeroPadded, reading) : bareHour(hour, zeroPadded, rangeStartHour);
  }
  return {
    hour: component.isCertain('meridiem') ? hour : read,
    minute: component.isCertain('minute') ? component.get('minute')! : 0,
    ...(component.isCertain('timezoneOffset') ? { offsetMinutes: component.get('timezoneOffset')! } : {}),
  };
}

/** Reads English phrases of `text` (width-folded, earlier phrases blanked) into `reading`. */
export function readEnglish(text: string, reading: Reading): string {
  let rest = text;
  const period = PERIOD_EN.exec(rest);
  if (period && !reading.period && !reading.time) {
    reading.period = PERIOD_OF[(period[1] ?? period[3])!.toLowerCase()];
    const dayWord = period[1] ?? period[2];
    if (dayWord && !reading.day) reading.day = { kind: 'relative', days: relativeDays(dayWord) };
    rest = cut(rest, { index: period.index, end: period.index + period[0].length }, reading);
  }
  const dayAfter = DAY_AFTER_TOMORROW.exec(rest);
  if (dayAfter && !reading.day) {
    reading.day = { kind: 'relative', days: 2 };
    rest = cut(rest, { index: dayAfter.index, end: dayAfter.index + dayAfter[0].length }, reading);
  }
  const nextMonth = NEXT_MONTH_DAY.exec(rest);
  if (nextMonth && !reading.day) {
    reading.day = { kind: 'monthDay', monthOffset: 1, day: Number(nextMonth[1]), rolls: false };
    rest = cut(rest, { index: nextMonth.index, end: nextMonth.index + nextMonth[0].length }, reading);
  }
  rest = readEnglishIdioms(rest, reading);
  const inDays = IN_DAYS.exec(rest);
  if (inDays && !reading.day) {
    reading.day = { kind: 'relative', days: Number(inDays[1]) * (/week/i.test(inDays[2]!) ? 7 : 1) };
    rest = cut(rest, { index: inDays.index, end: inDays.index + inDays[0].length }, reading);
  }
  if (!/[a-z0-9]/i.test(rest)) return rest;
  // Part-of-day words left here belong to the topic; chrono would read them as times.
  const results = chronoEn.parse(
    rest
      .replace(TOPIC_PERIOD_WORD, (w) => ' '.repeat(w.length))
      // Forms chrono's weekday table lacks, rewritten to ones it has (same length).
      .replace(/(?<![a-z])(tue|wed)s(?![a-z])/gi, '$1 '),
    CHRONO_REFERENCE,
  );
  let weekHint: number | undefined;
  for (const result of results) {
    const week = WEEK_WORD.exec(result.text.trim());
    if (week) {
      // "next week Friday": chrono returns "next week" on its own.
      weekHint = /next/i.test(week[1]!) ? 1 : 0;
      rest = cut(rest, { index: result.index, end: result.index + result.text.length }, reading);
      continue;
    }
    const day = reading.day ? undefined : dayFromChrono(result, weekHint);
    // "next month", "in 3 months": a day named in a way not placed here must not become today.
    if (!day && !reading.day && CLOCK_RELATIVE.test(result.text)) reading.unplacedDay = true;
    const hasClock = result.start.isCertain('hour') && !reading.time;
    if (!day && !hasClock) continue;
    if (day) {
      reading.day = day;
      // "4/5" is read month first, as chrono's English does.
      const slash = /(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/.exec(result.text);
      if (
        day.kind === 'date' &&
        slash &&
        Number(slash[1]) <= 12 &&
        Number(slash[2]) <= 12 &&
        slash[1] !== slash[2]
      ) {
        reading.assumptions.push({ kind: 'monthFirst', month: day.month, day: day.day });
      }
    }
    if (hasClock) {
      reading.time = clockFrom(result.start, reading.period, result.text, undefined, reading);
      if (result.end?.isCertain('hour')) {
        reading.endTime = clockFrom(result.end, reading.period, result.text, reading.time.hour);
      }
    }
    rest = cut(rest, { index: result.index, end: result.index + result.text.length }, reading);
  }
  return rest;
}

function cut(text: string, span: Span, reading: Reading): string {
  reading.spans.push(span);
  return mask(text, span);
}
