/**
 * Places a Reading on the calendar of the user's zone and checks it.
 * Rules: a bare time already gone today rolls to tomorrow ("15時" at 22:00); a bare weekday is its
 * next occurrence (today while the time is still ahead); 来週/next = the next Monday-start calendar
 * week; an explicit date or day (明日, 12月5日, 今週金曜) already gone is 'past', never moved.
 * A month and day without a year take the year that puts them closest to today.
 */

import { type ClockTime, PERIOD_DEFAULT_HOURS, type Reading } from './reading.js';
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
} from './zone.js';

const MAX_DURATION = 1440;
/** "N分後" further out than ten years is not a meeting. */
const MAX_OFFSET_MINUTES = 10 * 366 * 1440;

type Roll = 'none' | 'day' | 'week' | 'month';

interface Placed {
  date: WallDate;
  roll: Roll;
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

function closestYear(today: WallDate, month: number, day: number): number {
  const todayMs = Date.UTC(today.year, today.month - 1, today.day);
  let best = today.year;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const year of [today.year - 1, today.year, today.year + 1]) {
    const distance = Math.abs(Date.UTC(year, month - 1, day) - todayMs);
    if (distance < bestDistance) {
      best = year;
      bestDistance = distance;
    }
  }
  return best;
}

function addMonths(date: WallDate, months: number, day: number): WallDate {
  const index = date.month - 1 + months;
  return { year: date.year + Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1, day };
}

/** The day the reading names, or undefined when it names an impossible one. */
function placeDay(reading: Reading, today: WallDate & { weekday: number }): Placed | undefined {
  const day = reading.day;
  if (!day) return { date: today, roll: 'day' };
  switch (day.kind) {
    case 'relative':
      return Number.isInteger(day.days) && day.days <= 3660
        ? { date: addDays(today, day.days), roll: 'none' }
        : undefined;
    case 'weekday': {
      if (day.weekOffset === undefined) {
        return { date: addDays(today, (day.weekday - today.weekday + 7) % 7), roll: 'week' };
      }
      const monday = addDays(today, -((today.weekday + 6) % 7));
      return { date: addDays(monday, day.weekOffset * 7 + ((day.weekday + 6) % 7)), roll: 'none' };
    }
    case 'monthDay': {
      const date = addMonths(today, day.monthOffset, day.day);
      return isRealDate(date) ? { date, roll: day.rolls ? 'month' : 'none' } : undefined;
    }
    case 'date': {
      const year = day.year ?? closestYear(today, day.month, day.day);
      const date = { year, month: day.month, day: day.day };
      // Date.UTC reads years 0-99 as 1900-1999: such years are not meeting dates anyway.
      return year >= 1970 && year <= 9999 && isRealDate(date) ? { date, roll: 'none' } : undefined;
    }
  }
}

interface Resolved {
  instant: number;
  /** The wall time at `instant` when known without asking the zone again. */
  wall?: WallTime;
}

function instantOn(date: WallDate, time: ClockTime, timeZone: string): Resolved {
  if (time.offsetMinutes !== undefined) {
    return {
      instant:
        Date.UTC(date.year, date.month - 1, date.day, time.hour, time.minute) - time.offsetMinutes * 60000,
    };
  }
  const wall = { ...date, hour: time.hour, minute: time.minute };
  const { instant, exact } = wallTimeToInstant(wall, timeZone);
  return exact ? { instant, wall: { ...wall, second: 0, weekday: 0 } } : { instant };
}

function rolled(placed: Placed): WallDate | undefined {
  switch (placed.roll) {
    case 'day':
      return addDays(placed.date, 1);
    case 'week':
      return addDays(placed.date, 7);
    case 'month': {
      const next = addMonths(placed.date, 1, placed.date.day);
      return isRealDate(next) ? next : undefined;
    }
    case 'none':
      return undefined;
  }
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
  const timeText = matchedPhrases(text, reading.spans, 'time');
  const durationText = matchedPhrases(text, reading.spans, 'duration');
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
    if (!time) return fail(reading.day || reading.period ? 'no_hour' : 'no_time');
    const today = wallTimeAt(nowMs, timeZone);
    const placed = placeDay(reading, today);
    if (!placed) return fail('invalid_date');
    resolved = instantOn(placed.date, time, timeZone);
    if (resolved.instant <= nowMs) {
      const next = rolled(placed);
      if (!next) return fail('past');
      resolved = instantOn(next, time, timeZone);
    }
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
  };
}
