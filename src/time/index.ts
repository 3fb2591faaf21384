/** Natural-language meeting times (Japanese and English), exact in the user's zone. */

import { readDuration, readOffsetFromNow } from './duration.js';
import { readEnglish } from './english.js';
import { type FormatOptions, formatInZone } from './format.js';
import { readJapanese } from './japanese.js';
import type { Reading } from './reading.js';
import { readSeriesEnglish } from './recurrence-en.js';
import { readSeriesJapanese } from './recurrence-ja.js';
import { resolveReading } from './resolve.js';
import { resolveSeries } from './series.js';
import type { SeriesReading } from './series-reading.js';
import { foldWidth, quietLongRuns } from './text.js';
import type { Locale, ParseOptions, ParseResult } from './types.js';
import { isValidTimeZone } from './zone.js';
import { readZoneWords } from './zone-words.js';

export type { FormatOptions } from './format.js';
export type { Assumption } from './reading.js';
export { PERIOD_DEFAULT_HOURS } from './reading.js';
export type { ParseFailureReason, ParseOptions, ParseResult, ParseSuccess, ResolvedStart } from './types.js';
export { wallTimeAt } from './zone.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;
const LATIN_OR_DIGIT = /[a-z0-9]/i;
/**
 * Longer text is not a meeting request (a topic stops at 200 characters, a time takes a few words):
 * it is refused unread ('too_long'), which keeps every parse within a few milliseconds.
 */
export const MAX_PARSE_LENGTH = 300;

/**
 * Reads a meeting time, duration and topic out of free text, in `options.timeZone` whatever zone the
 * server runs in. Never throws for any text; throws RangeError for an unknown zone or an invalid `now`.
 */
export function parseMeetingText(text: string, options: ParseOptions): ParseResult {
  const { now, timeZone } = options;
  if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone: ${timeZone}`);
  if (!Number.isFinite(now.getTime())) throw new RangeError('now is not a valid date');
  const original = typeof text === 'string' ? text : '';
  if (original.trim() === '') return { ok: false, reason: 'empty', topic: '' };
  if (original.length > MAX_PARSE_LENGTH) return { ok: false, reason: 'too_long', topic: '' };

  const reading: Reading = { spans: [], assumptions: [] };
  let rest = quietLongRuns(foldWidth(original));
  rest = readZoneWords(rest, reading);
  // Recurrence first, so an end such as 3月31日まで is not read as the meeting's day.
  const series: SeriesReading = {};
  if (JAPANESE.test(rest)) rest = readSeriesJapanese(rest, reading, series);
  if (!series.pattern && LATIN_OR_DIGIT.test(rest)) rest = readSeriesEnglish(rest, reading, series);
  // A long rule blanked out is a long blank run: quieted again so no later reader backtracks over it.
  if (series.pattern) rest = quietLongRuns(rest);
  if (series.period) reading.period = series.period;
  rest = readOffsetFromNow(rest, reading);
  // Japanese clock times first, so "10時30分" is a time before "30分" can be read as a length;
  // English lengths before chrono, which would read "for 45 min" as a time.
  if (JAPANESE.test(rest)) rest = readJapanese(rest, reading);
  rest = readDuration(rest, reading);
  if (LATIN_OR_DIGIT.test(rest) && (!reading.day || !reading.time) && reading.afterMinutes === undefined) {
    readEnglish(rest, reading);
  }
  return resolveSeries(resolveReading(reading, original, now, timeZone), series, now, timeZone);
}

/** "11月29日(日) 15:00" / "Sun, Nov 29 15:00", in `timeZone`; `options.now` adds the year when it differs. */
export function formatMeetingTime(
  instant: Date | string,
  timeZone: string,
  locale: Locale,
  options?: FormatOptions,
): string {
  return formatInZone(instant, timeZone, locale, options);
}
