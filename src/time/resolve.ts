/**
 * Places a Reading on the calendar of the user's zone and checks it.
 * Rules: a bare time already gone today rolls to tomorrow ("15時" at 22:00); a bare weekday is its
 * next occurrence (today while the time is still ahead); 来週/next = the next Monday-start calendar
 * week; an explicit day (明日, 今週金曜, 2026年12月5日, 先月3日) already gone is 'past', never moved.
 * A month and day without a year are their next occurrence: this year while the day is still ahead
 * (today included), else next year; 2/29 is the next Feb 29 that exists. A bare day of the month
 * (5日, "the 5th") and an nth weekday (第2木曜) are this month's while ahead, else the next month's.
 */

import { type ClockTime, type NamedZone, PERIOD_DEFAULT_HOURS, type Reading } from './reading.js';
import { leftoverTopic, matchedPhrases } from './text.js';
import type { ParseFailureReason, ParseResult } from './types.js';
import {
  addDays,
  daysInMonth,
  formatLocal,
  type WallDate,
  type WallTime,
  wallTimeAt,
  wallTimeToInstant,
  weekdayOf,
} from './zone.js';

const MAX_DURATION = 1440;
/** "N分後" further out than ten years is not a meeting. */
const MAX_OFFSET_MINUTES = 10 * 366 * 1440;

interface Placed {
  date: WallDate;
  /** The next candidate day when this one's time has gone; absent = 'past'. */
  next?: () => WallDate | undefined;
}

function isRealDate(d: WallDate): boolean {
  return (
    Number.isInteger(d.year) &&
    d.month >= 1 &&
    d.month <= 12 &&
    Number.isInteger(d.day) &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/** Today's year while the day is still ahead (today included), else the next year it exists in. */
function nextOccurrenceYear(today: WallDate, month: number, day: number): number | undefined {
  const ahead = month > today.month || (month === today.month && day >= today.day);
  const first = ahead ? today.year : today.year + 1;
  for (let year = first; year <= first + 8; year++) {
    if (isRealDate({ year, month, day })) return year;
  }
  return undefined;
}

function addMonths(date: WallDate, months: number, day: number): WallDate {
  const index = date.month - 1 + months;
  return { year: date.year + Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1, day };
}

/** The nth (1-5, or -1 = last) given weekday of the month of `date`, or undefined when it has none. */
function nthWeekdayOf(date: WallDate, nth: number, weekday: number): WallDate | undefined {
  const { year, month } = date;
  if (nth === -1) {
    const last = daysInMonth(year, month);
    const lastWeekday = weekdayOf({ year, month, day: last });
    return { year, month, day: last - ((lastWeekday - weekday + 7) % 7) };
  }
  const first = weekdayOf({ year, month, day: 1 });
  const day = 1 + ((weekday - first + 7) % 7) + (nth - 1) * 7;
  return day <= daysInMonth(year, month) ? { year, month, day } : undefined;
}

/** Candidate days month after month from `from` (offset 0 = its own month), up to a year on. */
function monthByMonth(from: WallDate, pick: (month: WallDate) => WallDate | undefined) {
  let offset = -1;
  const next = (): WallDate | undefined => {
    while (offset < 12) {
      offset++;
      const found = pick(addMonths(from, offset, 1));
      if (found) return found;
    }
    return undefined;
  };
  return next;
}

/** The day the reading names, or undefined when it names an impossible one. */
function placeDay(reading: Reading, today: WallDate & { weekday: number }): Placed | undefined | 'past' {
  const day = reading.day;
  if (!day) return { date: today, next: () => addDays(today, 1) };
  switch (day.kind) {
    case 'relative':
      return Number.isInteger(day.days) && day.days <= 3660 ? { date: addDays(today, day.days) } : undefined;
    case 'weekday': {
      if (day.weekOffset === undefined) {
        const date = addDays(today, (day.weekday - today.weekday + 7) % 7);
        if (day.plusDays !== undefined) return { date: addDays(date, day.plusDays) };
        return { date, next: () => addDays(date, 7) };
      }
      const monday = addDays(today, -((today.weekday + 6) % 7));
      return { date: addDays(monday, day.weekOffset * 7 + ((day.weekday + 6) % 7)) };
    }
    case 'monthDay': {
      if (!day.rolls) {
        const date = addMonths(today, day.monthOffset, day.day);
        return isRealDate(date) ? { date } : undefined;
      }
      if (!(Number.isInteger(day.day) && day.day >= 1 && day.day <= 31)) return undefined;
      const next = monthByMonth(today, (m) => {
        const date = { ...m, day: day.day };
        return isRealDate(date) && !before(date, today) ? date : undefined;
      });
      const date = next();
      return date ? { date, next } : undefined;
    }
    case 'nthWeekday': {
      if (!(day.nth === -1 || (Number.isInteger(day.nth) && day.nth >= 1 && day.nth <= 5))) return undefined;
      if (day.month !== undefined) {
        const { month } = day;
        if (!(Number.isInteger(month) && month >= 1 && month <= 12)) return undefined;
        // This year's while ahead, else the next year's.
        let year = today.year - 1;
        const next = (): WallDate | undefined => {
          while (year < today.year + 8) {
            year++;
            const date = nthWeekdayOf({ year, month, day: 1 }, day.nth, day.weekday);
            if (date && !before(date, today)) return date;
          }
          return undefined;
        };
        const date = next();
        return date ? { date, next } : undefined;
      }
      if (day.monthOffset !== undefined) {
        const date = nthWeekdayOf(addMonths(today, day.monthOffset, 1), day.nth, day.weekday);
        return date ? { date } : undefined;
      }
      const next = monthByMonth(today, (m) => {
        const date = nthWeekdayOf(m, day.nth, day.weekday);
        return date && !before(date, today) ? date : undefined;
      });
      const date = next();
      return date ? { date, next } : undefined;
    }
    case 'year':
      return day.year < today.year ? 'past' : undefined;
    case 'date': {
      const year = day.year ?? nextOccurrenceYear(today, day.month, day.day);
      if (year === undefined) return undefined;
      if (day.year === undefined && year > today.year) reading.assumptions.push({ kind: 'nextYear', year });
      const date = { year, month: day.month, day: day.day };
      // Date.UTC reads years 0-99 as 1900-1999: such years are not meeting dates anyway.
      return year >= 1970 && year <= 9999 && isRealDate(date) ? { date } : undefined;
    }
  }
}

function before(a: WallDate, b: WallDate): boolean {
  return Date.UTC(a.year, a.month - 1, a.day) < Date.UTC(b.year, b.month - 1, b.day);
}

interface Resolved {
  instant: number;
  /** The second occurrence of a wall time repeated when clocks go back. */
  repeated?: number;
  /** The wall time at `instant` when known without asking the zone again. */
  wall?: WallTime;
}

function instantOn(date: WallDate, time: ClockTime, timeZone: string, zone?: NamedZone): Resolved {
  const offsetMinutes = zone && 'offsetMinutes' in zone ? zone.offsetMinutes : time.offsetMinutes;
  if (offsetMinutes !== undefined) {
    return {
      instant: Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute) - offsetMinutes * 60000,
    };
  }
  if (zone && 'iana' in zone && zone.iana !== timeZone) {
    // A zone named in the text keeps its own daylight saving on that date.
    return {
      instant: wallTimeToInstant({ ...date, hour: time.hour, minute: time.minute }, zone.iana).instant,
    };
  }
  const wall = { ...date, hour: time.hour, minute: time.minute };
  const { instant, exact, repeated } = wallTimeToInstant(wall, timeZone);
  if (repeated !== undefined) return { instant, repeated, wall: { ...wall, second: 0, weekday: 0 } };
  return exact ? { instant, wall: { ...wall, second: 0, weekday: 0 } } : { instant };
}

/** A repeated wall time whose first occurrence is gone means its second ("01:30" typed at 01:45 EDT). */
function laterIfGone(resolved: Resolved, nowMs: number): Resolved {
  if (resolved.repeated === undefined || resolved.instant > nowMs) return resolved;
  return { instant: resolved.repeated, ...(resolved.wall ? { wall: resolved.wall } : {}) };
}

function rangeMinutes(start: ClockTime, end: ClockTime): number {
  let minutes = end.hour * 60 + end.minute - (start.hour * 60 + start.minute);
  // 23時〜1時 runs across midnight.
  if (minutes <= 0) minutes += 24 * 60;
  return minutes;
}

/** Turns what was read into the result the form shows. */
export function resolveReading(reading: Reading, text: string, now: Date, timeZone: string): ParseResult {
  const topic = leftoverTopic(text, reading.spans);
  const matchedText = matchedPhrases(text, reading.spans);
  // Most texts hold only one kind of phrase: then the split is the whole.
  const lengths = reading.spans.filter((span) => span.duration).length;
  const timeText =
    lengths === 0
      ? matchedText
      : lengths === reading.spans.length
        ? ''
        : matchedPhrases(text, reading.spans, 'time');
  const durationText =
    lengths === 0
      ? ''
      : lengths === reading.spans.length
        ? matchedText
        : matchedPhrases(text, reading.spans, 'duration');
  const periodHour = reading.period !== undefined ? PERIOD_DEFAULT_HOURS[reading.period] : undefined;
  const time: ClockTime | undefined =
    reading.time ?? (periodHour !== undefined ? { hour: periodHour, minute: 0 } : undefined);
  const duration =
    reading.durationMinutes ??
    (reading.time && reading.endTime ? rangeMinutes(reading.time, reading.endTime) : undefined);
  const fail = (reason: ParseFailureReason): ParseResult => ({
    ok: false,
    reason,
    topic,
    ...(duration !== undefined ? { durationMinutes: duration } : {}),
    ...(matchedText ? { matchedText } : {}),
    ...(timeText ? { timeText } : {}),
    ...(durationText ? { durationText } : {}),
  });

  const nowMs = now.getTime();
  let resolved: Resolved;
  if (reading.afterMinutes !== undefined) {
    if (!(reading.afterMinutes > 0 && reading.afterMinutes <= MAX_OFFSET_MINUTES))
      return fail('invalid_date');
    resolved = { instant: Math.floor(nowMs / 60000) * 60000 + reading.afterMinutes * 60000 };
  } else {
    if (reading.invalid) return fail('invalid_date');
    if (reading.unplacedDay) return fail('no_time');
    const today = wallTimeAt(nowMs, timeZone);
    const placed = placeDay(reading, today);
    if (!time) {
      // A day already gone (先月3日, 令和4年, "March 5, 2025") is past with or without an hour.
      const gone = placed === 'past' || (placed && !placed.next && before(placed.date, today));
      return fail(gone ? 'past' : reading.day || reading.period ? 'no_hour' : 'no_time');
    }
    if (placed === 'past') return fail('past');
    if (!placed) return fail('invalid_date');
    resolved = laterIfGone(instantOn(placed.date, time, timeZone, reading.zone), nowMs);
    // A rolling day (a bare time, weekday, day of the month) moves on until its time is ahead.
    for (let tries = 0; resolved.instant <= nowMs && tries < 14; tries++) {
      const next = placed.next?.();
      if (!next) return fail('past');
      resolved = laterIfGone(instantOn(next, time, timeZone, reading.zone), nowMs);
    }
    if (resolved.instant <= nowMs) return fail('past');
  }
  if (duration !== undefined && !(Number.isInteger(duration) && duration >= 1 && duration <= MAX_DURATION)) {
    return fail('duration_out_of_range');
  }
  const { instant } = resolved;
  if (!Number.isFinite(instant) || Math.abs(instant) > 8.64e15) return fail('invalid_date');
  return {
    ok: true,
    start: {
      local: formatLocal(resolved.wall ?? wallTimeAt(instant, timeZone)),
      timeZone,
      instant: new Date(instant).toISOString(),
    },
    ...(duration !== undefined ? { durationMinutes: duration } : {}),
    topic,
    matchedText,
    timeText,
    durationText,
    // Each convention once, even when two readers noted it.
    assumptions:
      reading.assumptions.length < 2
        ? reading.assumptions
        : reading.assumptions.filter(
            (a, i, all) => all.findIndex((b) => JSON.stringify(b) === JSON.stringify(a)) === i,
          ),
  };
}
