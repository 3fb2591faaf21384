/** What the readers found in the text, before it is placed on the calendar (see resolve.ts). */
import type { Span } from './text.js';

export type DayRef =
  /** An explicit calendar date; `year` absent = its next occurrence (this year while the day is ahead). */
  | { kind: 'date'; year?: number; month: number; day: number }
  /** 来月5日 (monthOffset 1), 先月3日 (-1); a bare "5日" / "the 5th" has monthOffset 0 and rolls to the next month that has it. */
  | { kind: 'monthDay'; monthOffset: number; day: number; rolls: boolean }
  /** 昨日 -1, 今日 0, 明日 1, 3日後 3, tomorrow 1, 2週間後 14. */
  | { kind: 'relative'; days: number }
  /**
   * 0 = Sunday. weekOffset: -1 先週/last, 0 今週/this, 1 来週/next, 2 再来週; absent = the next such day.
   * plusDays: "a week from Friday" (the next Friday, then 7 days on).
   */
  | { kind: 'weekday'; weekday: number; weekOffset?: number; plusDays?: number }
  /**
   * 第2木曜 / "second Thursday of the month" (nth 2), 最終月曜 / "last Monday" (nth -1). monthOffset
   * absent = this month's while ahead, else the next month's; 来月の第2木曜 has monthOffset 1.
   * month: a calendar month named (3月の第2木曜, "first Monday of March"): its next occurrence.
   */
  | { kind: 'nthWeekday'; nth: number; weekday: number; monthOffset?: number; month?: number }
  /** A year alone (令和4年): only ever a refusal, as past or without an hour. */
  | { kind: 'year'; year: number };

/** A convention the reading rests on, shown to the user so a wrong guess is caught before submit. */
export type Assumption =
  /** A bare hour 1-6 read as the afternoon: "3時" → 15:00. `typed` is the hour as written. */
  | { kind: 'afternoon'; typed: number; hour: number }
  /** A slash date read month first: "4/5" → April 5 (not 4 May). */
  | { kind: 'monthFirst'; month: number; day: number }
  /** A date without a year that has passed this year, placed next year. */
  | { kind: 'nextYear'; year: number };

/** A zone named in the text: an IANA zone keeps its daylight saving, an abbreviation is a fixed offset. */
export type NamedZone = { iana: string } | { offsetMinutes: number };

export interface ClockTime {
  hour: number;
  minute: number;
  /** An explicit zone in the text ("3pm EST"): minutes east of UTC. */
  offsetMinutes?: number;
}

/**
 * Parts of the day without an hour, and the hour they stand for:
 * 朝 / morning 9:00, 午前 9:00, 昼 / noon 12:00, 午後 / afternoon 13:00, 夕方 / evening 17:00,
 * 夜・晩 / tonight / night 19:00. 深夜 (late night) has no default: it needs an hour.
 */
export const PERIOD_DEFAULT_HOURS: Readonly<Record<Period, number | undefined>> = {
  morning: 9,
  forenoon: 9,
  noon: 12,
  afternoon: 13,
  evening: 17,
  night: 19,
  lateNight: undefined,
};

export type Period = 'morning' | 'forenoon' | 'noon' | 'afternoon' | 'evening' | 'night' | 'lateNight';

export interface Reading {
  day?: DayRef;
  time?: ClockTime;
  /** The end of a range ("10時から11時半", "2pm-3:30pm"). */
  endTime?: ClockTime;
  period?: Period;
  /** "30分後", "in 2 hours". */
  afterMinutes?: number;
  durationMinutes?: number;
  /** "9am ET", "来週月曜 8:00 GMT", "日本時間の10時": the clock time is read in this zone. */
  zone?: NamedZone;
  assumptions: Assumption[];
  /** Something was read but cannot exist (2月30日, 25時). */
  invalid?: boolean;
  /** A day was named in a form not supported ("next month", "in 3 months"): reported as no_time. */
  unplacedDay?: boolean;
  spans: Span[];
}

/** Applies a part of the day to an hour typed with it: 夜7時 → 19, 午前12時 → 0, 昼1時 → 13, 深夜1時 → 1. */
export function hourWithPeriod(hour: number, period: Period | undefined): number {
  if (period === undefined) return hour;
  if (period === 'forenoon' || period === 'morning' || period === 'lateNight') return hour === 12 ? 0 : hour;
  if (period === 'noon') return hour >= 1 && hour <= 6 ? hour + 12 : hour;
  return hour >= 1 && hour < 12 ? hour + 12 : hour;
}

/**
 * An hour typed with no part of the day and no am/pm. People booking a meeting at "3時" or "at 3"
 * mean 15:00, so 1-6 are read as afternoon hours; a zero-padded "03:00" (the form the edit modal
 * prefills) and 午前3時 / 3am keep the early hour. A range end takes the first reading after its
 * start: 10時から1時 ends at 13:00, 23時から1時 at 1:00 the next day.
 */
export function bareHour(hour: number, zeroPadded: boolean, rangeStartHour?: number): number {
  if (zeroPadded || hour < 1 || hour > 6) return hour;
  if (rangeStartHour === undefined || hour + 12 > rangeStartHour) return hour + 12;
  return hour;
}

/** bareHour for a start time, noting the afternoon guess when it was made. */
export function bareStartHour(hour: number, zeroPadded: boolean, reading: Reading): number {
  const read = bareHour(hour, zeroPadded);
  if (read !== hour) reading.assumptions.push({ kind: 'afternoon', typed: hour, hour: read });
  return read;
}
