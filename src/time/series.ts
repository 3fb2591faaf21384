/**
 * Places a recurrence rule read from the text on the calendar: the first meeting is the first day on
 * or after the day the text names (today when it names none) that the rule has, at the typed time, in
 * the user's zone, and never in the past. Ends typed relative to it ("for 6 weeks", "3月末まで") become
 * the last date of the series.
 */

import { firstMeetingDate } from './occurrences.js';
import {
  isoDateAfter,
  isWithinZoomLimits,
  type RecurrenceEnd,
  type RecurrencePattern,
  type RecurrenceRule,
} from './recurrence.js';
import type { EndReading, PatternReading, SeriesReading } from './series-reading.js';
import type { ParseResult } from './types.js';
import {
  addDays,
  daysInMonth,
  formatLocal,
  type WallDate,
  wallTimeAt,
  wallTimeToInstant,
  weekdayOf,
} from './zone.js';

function fillPattern(pattern: PatternReading, from: WallDate): RecurrencePattern {
  if (pattern.kind === 'weeklyOnStartDay')
    return { kind: 'weekly', interval: pattern.interval, weekdays: [weekdayOf(from)] };
  if (pattern.kind === 'monthlyOnStartDay')
    return { kind: 'monthlyDay', interval: pattern.interval, day: from.day };
  return pattern;
}

function compare(a: WallDate, b: WallDate): number {
  return Date.UTC(a.year, a.month - 1, a.day) - Date.UTC(b.year, b.month - 1, b.day);
}

function iso(d: WallDate): string {
  return isoDateAfter(d, 0);
}

function lastDayOf(year: number, month: number): WallDate {
  return { year, month, day: daysInMonth(year, month) };
}

/** The last date of the series, or undefined when the end names no real date. */
function endDate(end: EndReading, first: WallDate, today: WallDate): WallDate | undefined {
  switch (end.kind) {
    case 'count':
      return undefined;
    case 'untilMonthEnd': {
      const index = today.month - 1 + end.monthOffset;
      return lastDayOf(today.year + Math.floor(index / 12), (index % 12) + 1);
    }
    case 'for': {
      if (end.unit === 'day') return addDays(first, end.amount - 1);
      if (end.unit === 'week') return addDays(first, end.amount * 7 - 1);
      const index = first.month - 1 + end.amount;
      const year = first.year + Math.floor(index / 12);
      const month = (index % 12) + 1;
      return addDays({ year, month, day: Math.min(first.day, daysInMonth(year, month)) }, -1);
    }
    case 'until': {
      if (!(end.month >= 1 && end.month <= 12)) return undefined;
      const at = (year: number) =>
        end.day === undefined ? lastDayOf(year, end.month) : { year, month: end.month, day: end.day };
      if (end.year !== undefined) return at(end.year);
      const thisYear = at(first.year);
      return compare(thisYear, first) >= 0 ? thisYear : at(first.year + 1);
    }
  }
}

function isRealDate(d: WallDate): boolean {
  return d.day >= 1 && d.month >= 1 && d.month <= 12 && d.day <= daysInMonth(d.year, d.month);
}

type Built = { rule: RecurrenceRule } | { reason: 'invalid_date' | 'series_out_of_range' };

function buildRule(
  pattern: RecurrencePattern,
  end: EndReading | undefined,
  first: WallDate,
  today: WallDate,
): Built {
  let ruleEnd: RecurrenceEnd | undefined;
  if (end?.kind === 'count') ruleEnd = { kind: 'count', count: end.count };
  else if (end) {
    const last = endDate(end, first, today);
    if (!last || !isRealDate(last)) return { reason: 'invalid_date' };
    if (compare(last, first) < 0) return { reason: 'series_out_of_range' };
    ruleEnd = { kind: 'until', date: iso(last) };
  }
  const rule: RecurrenceRule = ruleEnd ? { pattern, end: ruleEnd } : { pattern };
  return isWithinZoomLimits(rule) ? { rule } : { reason: 'series_out_of_range' };
}

function dateOf(local: string): WallDate & { hour: number; minute: number } {
  const [year, month, day, hour, minute] = local.split(/[-T:]/).map(Number) as number[];
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute! };
}

/** Turns a one-off result into the first meeting of the series the text asks for. */
export function resolveSeries(
  result: ParseResult,
  series: SeriesReading,
  now: Date,
  timeZone: string,
): ParseResult {
  const typed = series.pattern;
  if (!typed) return result;
  const today = wallTimeAt(now.getTime(), timeZone);
  const fail = (reason: 'invalid_date' | 'series_out_of_range'): ParseResult => {
    const { topic, durationMinutes, matchedText, timeText, durationText } = result;
    return {
      ok: false,
      reason,
      topic,
      ...(durationMinutes !== undefined ? { durationMinutes } : {}),
      ...(matchedText ? { matchedText } : {}),
      ...(timeText ? { timeText } : {}),
      ...(durationText ? { durationText } : {}),
    };
  };
  // 毎月35日 names no day at all.
  if (typed.kind === 'monthlyDay' && !(typed.day >= 1 && typed.day <= 31)) return fail('invalid_date');
  if (!result.ok) {
    // A rule names the days: what is missing is the hour.
    const reason = result.reason === 'no_time' ? 'no_hour' : result.reason;
    const pattern = fillPattern(typed, today);
    const first = firstMeetingDate(pattern, today);
    const built = first ? buildRule(pattern, series.end, first, today) : undefined;
    return { ...result, reason, ...(built && 'rule' in built ? { recurrence: built.rule } : {}) };
  }
  const typedStart = dateOf(result.start.local);
  const pattern = fillPattern(typed, typedStart);
  let first = firstMeetingDate(pattern, typedStart);
  if (!first) return fail('invalid_date');
  let placed = wallTimeToInstant({ ...first, hour: typedStart.hour, minute: typedStart.minute }, timeZone);
  if (placed.instant <= now.getTime()) {
    first = firstMeetingDate(pattern, addDays(first, 1));
    if (!first) return fail('invalid_date');
    placed = wallTimeToInstant({ ...first, hour: typedStart.hour, minute: typedStart.minute }, timeZone);
  }
  const built = buildRule(pattern, series.end, first, today);
  if ('reason' in built) return fail(built.reason);
  const local = placed.exact
    ? formatLocal({ ...first, hour: typedStart.hour, minute: typedStart.minute, second: 0, weekday: 0 })
    : formatLocal(wallTimeAt(placed.instant, timeZone));
  return {
    ...result,
    start: { local, timeZone, instant: new Date(placed.instant).toISOString() },
    recurrence: built.rule,
  };
}
