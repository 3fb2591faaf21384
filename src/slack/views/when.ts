/** Reading the `when` field: the parse, the field error for each failure, and the live preview. */
import type { Locale } from '../../config.js';
import { formatMeetingTime, parseMeetingText, wallTimeAt } from '../../time/index.js';
import type { RecurrenceRule } from '../../time/recurrence.js';
import type { ParseResult } from '../../time/types.js';
import { messages } from '../i18n/index.js';
import { zoneName } from '../i18n/zones.js';
import { firstMeeting, type RepeatState, readRepeat, seriesPreview } from './repeat.js';
import { WHEN_MAX } from './schedule-modal.js';

export function readWhen(text: string, timeZone: string, locale: Locale, now: Date): ParseResult {
  return parseMeetingText(text, { now, timeZone, locale });
}

/** The duration select as the form stands: its value now, and the value it opened with. */
export interface DurationChoice {
  selected?: number;
  opened?: number;
}

/**
 * The meeting's length: one typed in `when` ("15時から1時間", "for 45 min", "10-11:30") wins,
 * unless the duration select was changed from the value the form opened with.
 */
export function meetingLength(
  typed: number | undefined,
  selected: number | undefined,
  opened: number | undefined,
): number | undefined {
  if (typed === undefined) return selected;
  return selected !== undefined && opened !== undefined && selected !== opened ? selected : typed;
}

/**
 * The line under the field: what the text resolves to, in the user's zone and language; with the
 * repeat fields' state (scheduling form), the series they say; with the duration select's state,
 * the length that will be used.
 */
export function whenPreview(
  text: string,
  timeZone: string,
  locale: Locale,
  now: Date,
  repeat?: RepeatState,
  duration?: DurationChoice,
): string {
  const m = messages(locale).modal;
  if (!text.trim()) return m.whenHintEmpty;
  if (text.length > WHEN_MAX) return messages(locale).errors.whenTooLong(WHEN_MAX, text.length);
  const parsed = readWhen(text, timeZone, locale, now);
  if (!repeat || !parsed.ok) return previewOf(parsed, timeZone, locale, now, undefined, duration);
  const read = readRepeat(repeat, parsed.start, parsed.recurrence, locale);
  if ('error' in read) return `${previewOf(parsed, timeZone, locale, now, null, duration)}\n${read.error}`;
  return previewOf(parsed, timeZone, locale, now, read.rule ?? null, duration);
}

/**
 * The preview line for an already parsed text; for a series (`chosen`, by default the one typed) a
 * second line says the rule in words and its first three meetings.
 */
export function previewOf(
  parsed: ParseResult,
  timeZone: string,
  locale: Locale,
  now: Date,
  chosen?: RecurrenceRule | null,
  duration?: DurationChoice,
): string {
  const m = messages(locale).modal;
  // null: the repeat fields say "does not repeat", whatever the text typed.
  const rule = chosen === undefined ? parsed.recurrence : (chosen ?? undefined);
  if (!parsed.ok) {
    return parsed.reason === 'empty' ? m.whenHintEmpty : messages(locale).errors.time[parsed.reason];
  }
  const first = rule ? firstMeeting(rule, parsed.start) : undefined;
  const start = first ?? parsed.start;
  const length = duration && meetingLength(parsed.durationMinutes, duration.selected, duration.opened);
  // Start–end when the length is known; the zone as people say it (「日本時間」, "Tokyo time").
  const formatted = timeRange(start.instant, length, timeZone, locale, now);
  const zone = zoneName(timeZone, locale);
  const line = length ? m.whenResolvesFor(formatted, zone, length) : m.whenResolves(formatted, zone);
  // A reading that rests on a convention says so, so that a wrong guess is caught before the submit.
  const noted =
    parsed.assumptions.length > 0
      ? `${line}
${messages(locale).assumed(parsed.assumptions)}`
      : line;
  return rule && first
    ? `${noted}
${seriesPreview(rule, first, locale)}`
    : noted;
}

/** `yyyy-MM-dd HH:mm` in `timeZone`: a form every parser reads back, used to prefill a field. */
export function editableTime(instant: string, timeZone: string): string {
  // The time module's cached formatter: building an Intl.DateTimeFormat per call is slow and heavy.
  const w = wallTimeAt(Date.parse(instant), timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}`;
}

const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3:00 PM": English readers read a 12-hour clock. */
function twelveHour(hour: number, minute: number): string {
  const h = hour % 12 === 0 ? 12 : hour % 12;
  return `${h}:${String(minute).padStart(2, '0')} ${hour < 12 ? 'AM' : 'PM'}`;
}

/**
 * The meeting's time in the preview: 「12月3日(水) 15:00〜15:30」, "Wed, Dec 3, 3:00 PM – 3:30 PM";
 * the end's day is written out only when it is another day. Without a length, the start alone.
 */
export function timeRange(
  startInstant: string,
  minutes: number | undefined,
  timeZone: string,
  locale: Locale,
  now: Date,
): string {
  const startMs = Date.parse(startInstant);
  const s = wallTimeAt(startMs, timeZone);
  const e = minutes ? wallTimeAt(startMs + minutes * 60_000, timeZone) : undefined;
  const sameDay = e !== undefined && e.year === s.year && e.month === s.month && e.day === s.day;
  if (locale === 'ja') {
    // With `now`, a time in another year shows its year ("2027年1月5日(火) 10:00").
    const from = formatMeetingTime(startInstant, timeZone, locale, { now });
    if (!e || minutes === undefined) return from;
    const pad = (n: number) => String(n).padStart(2, '0');
    const to = sameDay
      ? `${pad(e.hour)}:${pad(e.minute)}`
      : formatMeetingTime(new Date(startMs + minutes * 60_000).toISOString(), timeZone, locale, { now });
    return `${from}〜${to}`;
  }
  const showYear = wallTimeAt(now.getTime(), timeZone).year !== s.year;
  const day = (w: typeof s) =>
    `${EN_WEEKDAYS[w.weekday]}, ${EN_MONTHS[w.month - 1]} ${w.day}${showYear ? `, ${w.year}` : ''}`;
  const from = `${day(s)}, ${twelveHour(s.hour, s.minute)}`;
  if (!e) return from;
  return `${from} – ${sameDay ? '' : `${day(e)}, `}${twelveHour(e.hour, e.minute)}`;
}
