/**
 * The meetings of a series, expanded the way Zoom does: every occurrence at the first meeting's wall
 * time in the meeting's zone (so 9:30 stays 9:30 across DST), from the first meeting on; weeks of a
 * multi-week interval count from the first meeting's week (Sunday-start, as Zoom's weekly_days);
 * months of a multi-month interval from its month. A monthly day a month lacks (31 in April) is
 * skipped. A series ends after `end_times` meetings or at `end_date_time`, and never exceeds 60.
 */
import {
  DEFAULT_OCCURRENCES,
  MAX_OCCURRENCES,
  type RecurrencePattern,
  type RecurrenceRule,
  untilInstant,
} from './recurrence.js';
import { addDays, daysInMonth, formatLocal, type WallDate, wallTimeToInstant, weekdayOf } from './zone.js';

export interface SeriesStart {
  /** The first meeting, `yyyy-MM-ddTHH:mm:ss` wall time in `timeZone`. */
  local: string;
  timeZone: string;
}

export interface Occurrence {
  /** `yyyy-MM-ddTHH:mm:ss` in the series' zone. */
  local: string;
  /** ISO UTC. */
  instant: string;
}

const DAY_MS = 86_400_000;
/** No series runs further than this (60 meetings every 10 months is 50 years). */
const MAX_YEARS = 60;

function dayNumber(d: WallDate): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / DAY_MS);
}

/** The date of the n-th (1-4, or -1 = last) `weekday` of a month, 0 = Sunday. */
export function nthWeekdayOfMonth(year: number, month: number, week: number, weekday: number): WallDate {
  if (week === -1) {
    const last = daysInMonth(year, month);
    const lastWeekday = weekdayOf({ year, month, day: last });
    return { year, month, day: last - ((lastWeekday - weekday + 7) % 7) };
  }
  const firstWeekday = weekdayOf({ year, month, day: 1 });
  return { year, month, day: 1 + ((weekday - firstWeekday + 7) % 7) + (week - 1) * 7 };
}

/** The pattern's meeting day in that month, if it has one (monthly patterns only). */
function monthlyDate(pattern: RecurrencePattern, year: number, month: number): WallDate | undefined {
  if (pattern.kind === 'monthlyDay') {
    return pattern.day <= daysInMonth(year, month) ? { year, month, day: pattern.day } : undefined;
  }
  if (pattern.kind === 'monthlyWeekday') return nthWeekdayOfMonth(year, month, pattern.week, pattern.weekday);
  return undefined;
}

/** True when the pattern has a meeting on that date, ignoring the interval. */
export function occursOn(pattern: RecurrencePattern, date: WallDate): boolean {
  switch (pattern.kind) {
    case 'daily':
      return true;
    case 'weekly':
      return pattern.weekdays.includes(weekdayOf(date));
    default: {
      const d = monthlyDate(pattern, date.year, date.month);
      return d !== undefined && d.day === date.day;
    }
  }
}

/** The first date on or after `from` with a meeting (interval ignored: the series starts there). */
export function firstMeetingDate(pattern: RecurrencePattern, from: WallDate): WallDate | undefined {
  for (let i = 0; i <= 62; i++) {
    const date = addDays(from, i);
    if (occursOn(pattern, date)) return date;
  }
  return undefined;
}

/** Candidate meeting dates from the first one on, in order (interval applied). */
function* meetingDates(pattern: RecurrencePattern, first: WallDate): Generator<WallDate> {
  const lastYear = first.year + MAX_YEARS;
  if (pattern.kind === 'daily') {
    for (let date = first; date.year <= lastYear; date = addDays(date, pattern.interval)) yield date;
    return;
  }
  if (pattern.kind === 'weekly') {
    const firstSunday = dayNumber(first) - weekdayOf(first);
    for (let date = first; date.year <= lastYear; date = addDays(date, 1)) {
      const week = Math.floor((dayNumber(date) - firstSunday) / 7);
      if (week % pattern.interval === 0 && pattern.weekdays.includes(weekdayOf(date))) yield date;
    }
    return;
  }
  for (
    let index = 0;
    first.year + Math.floor((first.month - 1 + index) / 12) <= lastYear;
    index += pattern.interval
  ) {
    const year = first.year + Math.floor((first.month - 1 + index) / 12);
    const month = ((first.month - 1 + index) % 12) + 1;
    const date = monthlyDate(pattern, year, month);
    if (date && dayNumber(date) >= dayNumber(first)) yield date;
  }
}

/** The series' meetings, first to last (at most `limit`). */
export function seriesOccurrences(
  rule: RecurrenceRule,
  start: SeriesStart,
  limit = MAX_OCCURRENCES,
): Occurrence[] {
  const [datePart, timePart = '00:00'] = start.local.split('T') as [string, string?];
  const [year, month, day] = datePart.split('-').map(Number) as [number, number, number];
  const [hour, minute] = timePart.split(':').map(Number) as [number, number];
  const end = rule.end;
  const count = Math.min(
    end?.kind === 'count' ? end.count : end ? MAX_OCCURRENCES : DEFAULT_OCCURRENCES,
    MAX_OCCURRENCES,
    limit,
  );
  const stop = end?.kind === 'until' ? untilInstant(end.date, start.timeZone) : Number.POSITIVE_INFINITY;
  const out: Occurrence[] = [];
  if (count <= 0) return out;
  for (const date of meetingDates(rule.pattern, { year, month, day })) {
    const { instant } = wallTimeToInstant({ ...date, hour, minute }, start.timeZone);
    if (instant > stop) break;
    out.push({
      local: formatLocal({ ...date, hour, minute, second: 0, weekday: 0 }),
      instant: new Date(instant).toISOString(),
    });
    if (out.length >= count) break;
  }
  return out;
}

/** The first meeting of the series that starts after `after`, if any is left. */
export function nextOccurrence(
  rule: RecurrenceRule,
  start: SeriesStart,
  after: Date,
): Occurrence | undefined {
  const afterMs = after.getTime();
  return seriesOccurrences(rule, start).find((o) => Date.parse(o.instant) > afterMs);
}
