/** Natural-language meeting times (Japanese and English), exact in the user's zone. */
// CONTRACT STUB: bodies to be implemented; the exported signatures are what the rest of the bot uses.
import type { Locale } from '../config.js';
import type { ParseOptions, ParseResult } from './types.js';

export type { ParseOptions, ParseResult } from './types.js';

export function parseMeetingText(_text: string, _options: ParseOptions): ParseResult {
  throw new Error('not implemented');
}

/** "11月29日(日) 15:00" / "Sun, Nov 29 15:00", in `timeZone`. */
export function formatMeetingTime(_instant: Date | string, _timeZone: string, _locale: Locale): string {
  throw new Error('not implemented');
}
