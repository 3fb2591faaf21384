/** Shows a resolved time back to the user in their language and zone. */
import type { Locale } from './types.js';
import { wallTimeAt } from './zone.js';

const JA_WEEKDAYS = ['日', '月', '火', '水', '木', '金', '土'];
const EN_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface FormatOptions {
  /** When given, the year is shown if it differs from the year of `now` in `timeZone`. */
  now?: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "11月29日(日) 15:00" / "Sun, Nov 29 15:00"; with a year when it is not the current one. */
export function formatInZone(
  instant: Date | string,
  timeZone: string,
  locale: Locale,
  options: FormatOptions = {},
): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${String(instant)}`);
  const w = wallTimeAt(ms, timeZone);
  const showYear = options.now !== undefined && wallTimeAt(options.now.getTime(), timeZone).year !== w.year;
  const clock = `${pad(w.hour)}:${pad(w.minute)}`;
  if (locale === 'ja') {
    return `${showYear ? `${w.year}年` : ''}${w.month}月${w.day}日(${JA_WEEKDAYS[w.weekday]}) ${clock}`;
  }
  return `${EN_WEEKDAYS[w.weekday]}, ${EN_MONTHS[w.month - 1]} ${w.day}${showYear ? `, ${w.year}` : ''} ${clock}`;
}
