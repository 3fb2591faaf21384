/** Results of reading a meeting time out of free text. Pure data, no Slack or Zoom types. */
import type { Assumption } from './reading.js';
import type { RecurrenceRule } from './recurrence.js';

/** The languages times are read and written in (kept here: time/ depends on nothing outside it). */
export type Locale = 'ja' | 'en';

export interface ParseOptions {
  /** The reference instant ("now"). */
  now: Date;
  /** The user's IANA zone; every wall time is read and written in it. */
  timeZone: string;
  /** Biases ambiguous input; both languages are always tried. */
  locale?: Locale;
}

export interface ResolvedStart {
  /** Wall time in `timeZone`, `yyyy-MM-ddTHH:mm:ss` (what Zoom's start_time + timezone takes). */
  local: string;
  timeZone: string;
  /** The same moment as ISO UTC, `yyyy-MM-ddTHH:mm:ss.sssZ`. */
  instant: string;
}

export type ParseFailureReason =
  | 'empty'
  | 'too_long' // longer than MAX_PARSE_LENGTH: refused unread
  | 'no_time' // nothing that reads as a date or time
  | 'no_hour' // a day without an hour ("明日", "Friday")
  | 'past' // an explicit date/time already gone
  | 'invalid_date' // 2月30日, 25時
  | 'duration_out_of_range' // outside Zoom's 1-1440 minutes
  | 'series_out_of_range'; // a series Zoom cannot hold: over 60 meetings, an interval too long, ending before it starts

export interface ParseSuccess {
  ok: true;
  start: ResolvedStart;
  durationMinutes?: number;
  /** The text with the time and duration phrases removed, trimmed. */
  topic: string;
  /** The phrases that were read as time/duration, as typed. */
  matchedText: string;
  /** The text asked for a recurring series ("毎週火・木"); `start` is its first meeting. */
  recurrence?: RecurrenceRule;
  /** Only the time phrases ("明日の15時"): what a `when` field should hold. */
  timeText: string;
  /** Only the length phrases ("30分", "for 45 min"). */
  durationText: string;
  /** Conventions the reading rests on (an afternoon hour, a month-first date): say them to the user. */
  assumptions: Assumption[];
}

export interface ParseFailure {
  ok: false;
  reason: ParseFailureReason;
  /** What could still be used to prefill a form: the text minus any recognised phrases. */
  topic: string;
  durationMinutes?: number;
  matchedText?: string;
  /** The series asked for, when its days could be read without a start time. */
  recurrence?: RecurrenceRule;
  timeText?: string;
  durationText?: string;
}

export type ParseResult = ParseSuccess | ParseFailure;
