/**
 * English dates and times through chrono-node. Only what the text itself states is taken from chrono
 * (month, day, year, weekday, hour, minute, zone); days relative to today are worked out in resolve.ts
 * from the words, because chrono computes them with the server's clock.
 */
import * as chrono from 'chrono-node';
import { type DayRef, hourWithPeriod, type Period, type Reading } from './reading.js';
import { mask, type Span } from './text.js';

const WEEKDAY_NAMES = /\b(sun|mon|tue|wed|thu|fri|sat)[a-z]*\.?/i;
const WEEKDAY_INDEX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

// Parts of the day, read here rather than by chrono (which picks its own hours for them).
const PERIOD_EN =
  /(?<![a-z])(?:(tonight)|(?:(this|tomorrow|today)\s+)?(morning|afternoon|evening|night)|(?:in\s+the\s+)(morning|afternoon|evening))(?![a-z])/i;
const PERIOD_OF: Record<string, Period> = {
  tonight: 'night',
  morning: 'morning',
  afternoon: 'afternoon',
  evening: 'evening',
  night: 'night',
};
// A fixed reference: only values the text states are used, so chrono's own clock must not matter.
const CHRONO_REFERENCE = { instant: new Date(0), timezone: 0 };
const RELATIVE_DAY = /\b(today|tonight|tomorrow|tmrw|tmr)\b/i;
const IN_DAYS = /(?<![a-z])in\s+(\d{1,3})\s+days?(?![a-z])/i;

/** today / tonight / this → 0, tomorrow → 1. */
function relativeDays(word: string): number {
  return /^(tomorrow|tmrw|tmr)$/i.test(word) ? 1 : 0;
}

function dayFromChrono(result: chrono.ParsedResult): DayRef | undefined {
  const start = result.start;
  const relative = RELATIVE_DAY.exec(result.text);
  if (relative) return { kind: 'relative', days: relativeDays(relative[1]!) };
  if (start.isCertain('month') && start.isCertain('day')) {
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
    const before = result.text.slice(0, weekdayName.index);
    if (/\bnext\s*$/i.test(before)) return { kind: 'weekday', weekday, weekOffset: 1 };
    if (/\bthis\s*$/i.test(before)) return { kind: 'weekday', weekday, weekOffset: 0 };
    return { kind: 'weekday', weekday };
  }
  return undefined;
}

function clockFrom(component: chrono.ParsedComponents, period: Period | undefined) {
  const hour = component.get('hour')!;
  return {
    // "7 tonight": a bare hour with a part of the day; an explicit am/pm wins.
    hour: component.isCertain('meridiem') ? hour : hourWithPeriod(hour, period),
    minute: component.isCertain('minute') ? component.get('minute')! : 0,
    ...(component.isCertain('timezoneOffset') ? { offsetMinutes: component.get('timezoneOffset')! } : {}),
  };
}

/** Reads English phrases of `text` (width-folded, earlier phrases blanked) into `reading`. */
export function readEnglish(text: string, reading: Reading): string {
  let rest = text;
  const period = PERIOD_EN.exec(rest);
  if (period && !reading.period && !reading.time) {
    reading.period = PERIOD_OF[(period[1] ?? period[3] ?? period[4])!.toLowerCase()];
    const dayWord = period[1] ?? period[2];
    if (dayWord && !reading.day) reading.day = { kind: 'relative', days: relativeDays(dayWord) };
    rest = cut(rest, { index: period.index, end: period.index + period[0].length }, reading);
  }
  const inDays = IN_DAYS.exec(rest);
  if (inDays && !reading.day) {
    reading.day = { kind: 'relative', days: Number(inDays[1]) };
    rest = cut(rest, { index: inDays.index, end: inDays.index + inDays[0].length }, reading);
  }
  if (!/[a-z0-9]/i.test(rest)) return rest;
  const results = chrono.en.parse(rest, CHRONO_REFERENCE);
  for (const result of results) {
    const day = reading.day ? undefined : dayFromChrono(result);
    const hasClock = result.start.isCertain('hour') && !reading.time;
    if (!day && !hasClock) continue;
    if (day) reading.day = day;
    if (hasClock) {
      reading.time = clockFrom(result.start, reading.period);
      if (result.end?.isCertain('hour')) reading.endTime = clockFrom(result.end, reading.period);
    }
    rest = cut(rest, { index: result.index, end: result.index + result.text.length }, reading);
  }
  return rest;
}

function cut(text: string, span: Span, reading: Reading): string {
  reading.spans.push(span);
  return mask(text, span);
}
