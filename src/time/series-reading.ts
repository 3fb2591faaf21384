/** What the recurrence readers found in the text, before the series is placed on the calendar (series.ts). */
import type { Period } from './reading.js';
import type { RecurrencePattern } from './recurrence.js';

export type PatternReading =
  | RecurrencePattern
  /** "毎週" / "weekly" with no day: the first meeting's weekday. */
  | { kind: 'weeklyOnStartDay'; interval: number }
  /** "毎月" / "monthly" with no day: the first meeting's day of the month. */
  | { kind: 'monthlyOnStartDay'; interval: number };

export type EndReading =
  | { kind: 'count'; count: number }
  /** The last day; `day` absent = the end of that month; `year` absent = the next such date. */
  | { kind: 'until'; year?: number; month: number; day?: number }
  /** "今月末まで" / "until the end of next month": months from the current one. */
  | { kind: 'untilMonthEnd'; monthOffset: number }
  /** "for 6 weeks", "3か月間": from the first meeting. */
  | { kind: 'for'; amount: number; unit: 'day' | 'week' | 'month' };

export interface SeriesReading {
  pattern?: PatternReading;
  end?: EndReading;
  /** 毎朝 / "every morning": a part of the day comes with the rule. */
  period?: Period;
}
