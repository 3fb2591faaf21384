/**
 * Recurring meetings with a fixed time (type 8) in the fake Zoom, written from Zoom's docs and not
 * from the bot's code: the checks Zoom applies to the `recurrence` object beyond its JSON schema, and
 * the `occurrences` Zoom lists for it.
 *
 * Sources (Zoom Meetings API, vendored in /work/shared/reference/zoom/zoom-meetings.openapi.json, and
 * developers.zoom.us "Recurrence Object Definitions"): type 1 daily / 2 weekly / 3 monthly;
 * repeat_interval at most 99 days, 50 weeks, 10 months; weekly_days "1" (Sunday) … "7", comma
 * separated, required for type 2; monthly_day 1-31, or monthly_week (-1 = last, 1-4) with
 * monthly_week_day 1-7, for type 3; end_times (at most 60; 0 = no end) or end_date_time (UTC), never
 * both. Occurrences carry occurrence_id (the start in epoch ms, e.g. "1648194360000"), start_time
 * (`…Z`), duration and status `available` | `deleted` (a deleted one stays listed as `deleted`: see
 * moodle-mod_zoom PR #645). Not documented, taken as the fake's rule: a monthly_day a month lacks is
 * skipped, and weeks of a multi-week interval count from the first meeting's Sunday-start week.
 */
import { toZoomUtc, wallParts, zoomStartToUtc } from './fake-zoom-time.js';

export interface FakeRecurrence {
  type: number;
  repeat_interval?: number;
  weekly_days?: string;
  monthly_day?: number;
  monthly_week?: number;
  monthly_week_day?: number;
  end_times?: number;
  end_date_time?: string;
}

export interface FakeOccurrence {
  occurrence_id: string;
  start_time: string;
  duration: number;
  status: 'available' | 'deleted';
}

const MAX_INTERVAL: Record<number, number> = { 1: 99, 2: 50, 3: 10 };
/** Zoom lists at most this many occurrences (end_times' maximum); "no end" lists as many. */
const MAX_LISTED = 60;

/** What Zoom refuses in a recurrence (each a `field: message`); empty when Zoom takes it. */
export function recurrenceProblems(r: FakeRecurrence, startUtc: string | undefined): string[] {
  const problems: string[] = [];
  const interval = r.repeat_interval ?? 1;
  const max = MAX_INTERVAL[r.type];
  if (max !== undefined && !(interval >= 1 && interval <= max)) {
    problems.push(`recurrence.repeat_interval: must be 1-${max} for recurrence type ${r.type}`);
  }
  if (r.end_times !== undefined && r.end_date_time !== undefined) {
    problems.push('recurrence.end_times: cannot be used with end_date_time');
  }
  if (r.end_times !== undefined && !(r.end_times >= 0 && r.end_times <= 60)) {
    problems.push('recurrence.end_times: must be 0-60');
  }
  if (r.end_date_time !== undefined) {
    if (!/Z$/.test(r.end_date_time)) problems.push('recurrence.end_date_time: must be UTC (…Z)');
    else if (startUtc && Date.parse(r.end_date_time) < Date.parse(startUtc)) {
      problems.push('recurrence.end_date_time: is before start_time');
    }
  }
  const weekly = r.weekly_days !== undefined;
  const byDay = r.monthly_day !== undefined;
  const byWeek = r.monthly_week !== undefined || r.monthly_week_day !== undefined;
  if (r.type === 2) {
    if (!weekly) problems.push('recurrence.weekly_days: required for a weekly recurrence');
    else if (new Set(r.weekly_days!.split(',')).size !== r.weekly_days!.split(',').length) {
      problems.push('recurrence.weekly_days: a day is listed twice');
    }
  } else if (weekly) problems.push('recurrence.weekly_days: only for a weekly recurrence');
  if (r.type === 3) {
    if (byDay === byWeek) problems.push('recurrence: a monthly recurrence takes monthly_day or monthly_week');
    if (byDay && !(r.monthly_day! >= 1 && r.monthly_day! <= 31))
      problems.push('recurrence.monthly_day: must be 1-31');
    if (byWeek && (r.monthly_week === undefined || r.monthly_week_day === undefined)) {
      problems.push('recurrence.monthly_week: needs monthly_week_day with it');
    }
  } else if (byDay || byWeek) problems.push('recurrence.monthly_day: only for a monthly recurrence');
  return problems;
}

interface Wall {
  y: number;
  m: number; // 1-12
  d: number;
}

const dayNo = (w: Wall) => Math.floor(Date.UTC(w.y, w.m - 1, w.d) / 86_400_000);
const fromDayNo = (n: number): Wall => {
  const date = new Date(n * 86_400_000);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
};
const weekdayNo = (w: Wall) => new Date(Date.UTC(w.y, w.m - 1, w.d)).getUTCDay();
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The wall date and clock `startUtc` shows in `timeZone`. */
function wallOf(startUtc: string, timeZone: string): { date: Wall; clock: string } {
  const w = wallParts(Date.parse(startUtc), timeZone);
  return {
    date: { y: Number(w.year), m: Number(w.month), d: Number(w.day) },
    clock: `${w.hour}:${w.minute}:${w.second}`,
  };
}

function monthlyDate(r: FakeRecurrence, y: number, m: number): Wall | undefined {
  if (r.monthly_day !== undefined)
    return r.monthly_day <= lastDay(y, m) ? { y, m, d: r.monthly_day } : undefined;
  const weekday = (r.monthly_week_day ?? 1) - 1;
  if (r.monthly_week === -1) {
    const last = { y, m, d: lastDay(y, m) };
    return { y, m, d: last.d - ((weekdayNo(last) - weekday + 7) % 7) };
  }
  const first = (weekday - weekdayNo({ y, m, d: 1 }) + 7) % 7;
  return { y, m, d: 1 + first + ((r.monthly_week ?? 1) - 1) * 7 };
}

/** Meeting days on or after the start date, in order, for 60 years at most. */
function* meetingDays(r: FakeRecurrence, start: Wall): Generator<Wall> {
  const interval = r.repeat_interval ?? 1;
  const stop = dayNo(start) + 366 * 60;
  if (r.type === 1) {
    for (let n = dayNo(start); n <= stop; n += interval) yield fromDayNo(n);
  } else if (r.type === 2) {
    const days = new Set((r.weekly_days ?? '1').split(',').map((d) => Number(d) - 1));
    const firstSunday = dayNo(start) - weekdayNo(start);
    for (let n = dayNo(start); n <= stop; n++) {
      if (Math.floor((n - firstSunday) / 7) % interval === 0 && days.has(weekdayNo(fromDayNo(n))))
        yield fromDayNo(n);
    }
  } else {
    for (let k = 0; k <= 12 * 60; k += interval) {
      const index = start.m - 1 + k;
      const date = monthlyDate(r, start.y + Math.floor(index / 12), (index % 12) + 1);
      if (date && dayNo(date) >= dayNo(start)) yield date;
    }
  }
}

/** The occurrences Zoom lists for a type 8 meeting starting at `startUtc`, each at the same wall time in `timeZone`. */
export function expandOccurrences(
  r: FakeRecurrence,
  startUtc: string,
  timeZone: string,
  duration: number,
): FakeOccurrence[] {
  const { date, clock } = wallOf(startUtc, timeZone);
  const count = r.end_date_time !== undefined || r.end_times === 0 ? MAX_LISTED : (r.end_times ?? 1);
  const until = r.end_date_time !== undefined ? Date.parse(r.end_date_time) : Number.POSITIVE_INFINITY;
  const out: FakeOccurrence[] = [];
  for (const day of meetingDays(r, date)) {
    const local = `${String(day.y).padStart(4, '0')}-${String(day.m).padStart(2, '0')}-${String(day.d).padStart(2, '0')}T${clock}`;
    const utc = zoomStartToUtc(local, timeZone);
    const ms = Date.parse(utc);
    if (ms > until) break;
    out.push({ occurrence_id: String(ms), start_time: toZoomUtc(ms), duration, status: 'available' });
    if (out.length >= Math.min(count, MAX_LISTED)) break;
  }
  return out;
}
