/** Reading the `when` field: the parse, the field error for each failure, and the live preview. */
import type { Locale } from '../../config.js';
import { formatMeetingTime, parseMeetingText } from '../../time/index.js';
import type { RecurrenceRule } from '../../time/recurrence.js';
import type { ParseResult } from '../../time/types.js';
import { messages } from '../i18n/index.js';
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
  // With `now`, a time in another year shows its year ("2027年1月5日(火) 10:00").
  const formatted = formatMeetingTime(start.instant, timeZone, locale, { now });
  const length = duration && meetingLength(parsed.durationMinutes, duration.selected, duration.opened);
  const line = length ? m.whenResolvesFor(formatted, timeZone, length) : m.whenResolves(formatted, timeZone);
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
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
}
