/** Time helpers of the fake Zoom: Zoom stores every start as UTC and answers in the `Z` form. */

/** The wall clock `timeZone` shows at `instant`, as zero-padded fields (year, month, day, hour, minute, second). */
export function wallParts(
  instant: number,
  timeZone: string,
): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return {
    year: get('year'),
    month: get('month'),
    day: get('day'),
    hour: get('hour'),
    minute: get('minute'),
    second: get('second'),
  };
}

/** Offset of `timeZone` from UTC at `instant`, in minutes. */
function offsetMinutes(instant: number, timeZone: string): number {
  const w = wallParts(instant, timeZone);
  const asUtc = Date.UTC(+w.year, +w.month - 1, +w.day, +w.hour, +w.minute, +w.second);
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** `start_time` as Zoom reads it: `…Z`/offset as given, else local wall time in `timeZone` (UTC when unset). */
export function zoomStartToUtc(startTime: string, timeZone = 'UTC'): string {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(startTime)) return toZoomUtc(Date.parse(startTime));
  const wall = Date.parse(`${startTime}Z`);
  let guess = wall - offsetMinutes(wall, timeZone) * 60_000;
  guess = wall - offsetMinutes(guess, timeZone) * 60_000;
  return toZoomUtc(guess);
}

export function toZoomUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
