/**
 * Recurring series: the rule people type ("毎週火・木", "first Tuesday of every month"), Zoom's
 * `recurrence` object for a type 8 meeting, and the modal's `repeat` choice. Pure data and functions.
 */
import { addDays, daysInMonth, wallTimeToInstant } from './zone.js';

/** Weekdays are 0 = Sunday … 6 = Saturday here (Zoom's 1 … 7 is made in toZoomRecurrence). */
export type RecurrencePattern =
  | { kind: 'daily'; interval: number }
  | { kind: 'weekly'; interval: number; weekdays: number[] }
  | { kind: 'monthlyDay'; interval: number; day: number }
  /** week: 1-4, or -1 for the last such weekday of the month. */
  | { kind: 'monthlyWeekday'; interval: number; week: number; weekday: number };

export type RecurrenceEnd =
  | { kind: 'count'; count: number }
  /** The last day of the series, `yyyy-MM-dd` in the user's zone: it ends at 23:59 that day. */
  | { kind: 'until'; date: string };

export interface RecurrenceRule {
  pattern: RecurrencePattern;
  /** Absent: the series has DEFAULT_OCCURRENCES meetings. */
  end?: RecurrenceEnd;
}

/** Zoom's `recurrence` object (Meetings API, "Recurrence Object Definitions"). */
export interface ZoomRecurrence {
  type: 1 | 2 | 3;
  repeat_interval: number;
  weekly_days?: string;
  monthly_day?: number;
  monthly_week?: number;
  monthly_week_day?: number;
  end_times?: number;
  end_date_time?: string;
}

/** Meetings in a series when the text gives no end. */
export const DEFAULT_OCCURRENCES = 10;
/** Zoom's maximum `end_times`. */
export const MAX_OCCURRENCES = 60;
/** Zoom's maximum `repeat_interval` per recurrence type (days, weeks, months). */
export const MAX_INTERVAL: Readonly<Record<RecurrencePattern['kind'], number>> = {
  daily: 99,
  weekly: 50,
  monthlyDay: 10,
  monthlyWeekday: 10,
};

export const WEEKDAYS_MON_FRI: readonly number[] = [1, 2, 3, 4, 5];

/** True when Zoom would take the rule: intervals, days, weeks and the count within its bounds. */
export function isWithinZoomLimits(rule: RecurrenceRule): boolean {
  const p = rule.pattern;
  if (!(Number.isInteger(p.interval) && p.interval >= 1 && p.interval <= MAX_INTERVAL[p.kind])) return false;
  if (p.kind === 'weekly') {
    if (p.weekdays.length === 0 || p.weekdays.some((d) => !(Number.isInteger(d) && d >= 0 && d <= 6)))
      return false;
  }
  if (p.kind === 'monthlyDay' && !(Number.isInteger(p.day) && p.day >= 1 && p.day <= 31)) return false;
  if (p.kind === 'monthlyWeekday' && !([-1, 1, 2, 3, 4].includes(p.week) && p.weekday >= 0 && p.weekday <= 6))
    return false;
  const end = rule.end;
  if (end?.kind === 'count')
    return Number.isInteger(end.count) && end.count >= 1 && end.count <= MAX_OCCURRENCES;
  if (end?.kind === 'until') return /^\d{4}-\d{2}-\d{2}$/.test(end.date);
  return true;
}

/** The instant the series stops: 23:59 of the until-date in `timeZone`. */
export function untilInstant(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return wallTimeToInstant({ year, month, day, hour: 23, minute: 59 }, timeZone).instant;
}

/** Zoom's `recurrence` for the rule: `end_times` (default 10) or `end_date_time` in UTC, never both. */
export function toZoomRecurrence(rule: RecurrenceRule, timeZone: string): ZoomRecurrence {
  const p = rule.pattern;
  const base: ZoomRecurrence =
    p.kind === 'daily'
      ? { type: 1, repeat_interval: p.interval }
      : p.kind === 'weekly'
        ? {
            type: 2,
            repeat_interval: p.interval,
            weekly_days: [...new Set(p.weekdays)]
              .sort((a, b) => a - b)
              .map((d) => String(d + 1))
              .join(','),
          }
        : p.kind === 'monthlyDay'
          ? { type: 3, repeat_interval: p.interval, monthly_day: p.day }
          : { type: 3, repeat_interval: p.interval, monthly_week: p.week, monthly_week_day: p.weekday + 1 };
  if (rule.end?.kind === 'until') {
    const iso = new Date(untilInstant(rule.end.date, timeZone)).toISOString();
    return { ...base, end_date_time: `${iso.slice(0, 19)}Z` };
  }
  return { ...base, end_times: rule.end?.count ?? DEFAULT_OCCURRENCES };
}

/** The modal's `repeat` options; `as_typed` only when the text gave a rule none of the others say. */
export type RepeatChoice =
  | 'none'
  | 'daily'
  | 'weekdays'
  | 'weekly'
  | 'biweekly'
  | 'monthly_day'
  | 'monthly_weekday'
  | 'as_typed';

export const REPEAT_CHOICES: readonly RepeatChoice[] = [
  'none',
  'daily',
  'weekdays',
  'weekly',
  'biweekly',
  'monthly_day',
  'monthly_weekday',
  'as_typed',
];

/** `yyyy-MM-dd…` → its date parts. */
export function datePartsOf(local: string): { year: number; month: number; day: number } {
  const [year, month, day] = local.slice(0, 10).split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function weekdayOfDate(d: { year: number; month: number; day: number }): number {
  return new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
}

/** The n-th (1-4) such weekday of its month the date is, or -1 when it is a fifth one. */
function weekOfMonth(d: { year: number; month: number; day: number }): number {
  const n = Math.ceil(d.day / 7);
  return n >= 5 ? -1 : n;
}

function isLastWeek(d: { year: number; month: number; day: number }): boolean {
  return d.day + 7 > daysInMonth(d.year, d.month);
}

/** The `repeat` choice that says the rule for a series starting at `startLocal`. */
export function repeatChoiceOf(rule: RecurrenceRule | undefined, startLocal: string): RepeatChoice {
  if (!rule) return 'none';
  const p = rule.pattern;
  const start = datePartsOf(startLocal);
  const weekday = weekdayOfDate(start);
  switch (p.kind) {
    case 'daily':
      return p.interval === 1 ? 'daily' : 'as_typed';
    case 'weekly': {
      const days = [...new Set(p.weekdays)].sort((a, b) => a - b);
      if (p.interval === 1 && days.join() === WEEKDAYS_MON_FRI.join()) return 'weekdays';
      if (days.length !== 1 || days[0] !== weekday) return 'as_typed';
      return p.interval === 1 ? 'weekly' : p.interval === 2 ? 'biweekly' : 'as_typed';
    }
    case 'monthlyDay':
      return p.interval === 1 && p.day === start.day ? 'monthly_day' : 'as_typed';
    case 'monthlyWeekday': {
      if (p.interval !== 1 || p.weekday !== weekday) return 'as_typed';
      const matches = p.week === -1 ? isLastWeek(start) : weekOfMonth(start) === p.week;
      return matches ? 'monthly_weekday' : 'as_typed';
    }
  }
}

export interface RepeatFields {
  choice: RepeatChoice;
  /** The first meeting, `yyyy-MM-ddTHH:mm:ss` in the user's zone. */
  startLocal: string;
  /** repeat_count (1-60), when filled in. */
  count?: number;
  /** repeat_until, `yyyy-MM-dd`, when picked: wins over the count. */
  until?: string;
  /** The rule read from the text (kept for `as_typed`, and for a choice that says it). */
  typed?: RecurrenceRule;
}

/** The rule for what the modal says, or undefined for `none` (or `as_typed` without a typed rule). */
export function ruleFromRepeatFields(fields: RepeatFields): RecurrenceRule | undefined {
  const { choice, startLocal, typed } = fields;
  const end: RecurrenceEnd | undefined =
    fields.until !== undefined
      ? { kind: 'until', date: fields.until }
      : fields.count !== undefined
        ? { kind: 'count', count: fields.count }
        : undefined;
  const withEnd = (pattern: RecurrencePattern): RecurrenceRule => (end ? { pattern, end } : { pattern });
  // The typed rule carries what a choice cannot (火・木, "last" rather than "4th"): keep it when it says the same.
  if (typed && (choice === 'as_typed' || repeatChoiceOf(typed, startLocal) === choice)) {
    return withEnd(typed.pattern);
  }
  const start = datePartsOf(startLocal);
  const weekday = weekdayOfDate(start);
  switch (choice) {
    case 'none':
    case 'as_typed':
      return undefined;
    case 'daily':
      return withEnd({ kind: 'daily', interval: 1 });
    case 'weekdays':
      return withEnd({ kind: 'weekly', interval: 1, weekdays: [...WEEKDAYS_MON_FRI] });
    case 'weekly':
      return withEnd({ kind: 'weekly', interval: 1, weekdays: [weekday] });
    case 'biweekly':
      return withEnd({ kind: 'weekly', interval: 2, weekdays: [weekday] });
    case 'monthly_day':
      return withEnd({ kind: 'monthlyDay', interval: 1, day: start.day });
    case 'monthly_weekday':
      return withEnd({ kind: 'monthlyWeekday', interval: 1, week: weekOfMonth(start), weekday });
  }
}

/** `yyyy-MM-dd` of a date N days after the given one (for "for 6 weeks"). */
export function isoDateAfter(d: { year: number; month: number; day: number }, days: number): string {
  const r = addDays(d, days);
  return `${String(r.year).padStart(4, '0')}-${String(r.month).padStart(2, '0')}-${String(r.day).padStart(2, '0')}`;
}
