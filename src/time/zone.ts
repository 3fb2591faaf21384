/**
 * Wall-clock arithmetic in an IANA zone through Intl only: the server's own zone (process.env.TZ) never
 * enters, so a server sitting in a DST gap cannot shift an hour (the date-fns-tz formatInTimeZone trap).
 */

export interface WallDate {
  year: number;
  month: number; // 1-12
  day: number;
}

export interface WallTime extends WallDate {
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // Throws RangeError for an unknown zone: callers pass Slack's users.info `tz`.
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

// en-US with h23 prints "11/25/2026, 09:30:00"; format() is much cheaper than formatToParts().
const EN_US_WALL = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

/** What a clock in `timeZone` shows at `instantMs`. */
export function wallTimeAt(instantMs: number, timeZone: string): WallTime {
  const formatter = formatterFor(timeZone);
  const m = EN_US_WALL.exec(formatter.format(instantMs));
  const fields = m ? [m[3], m[1], m[2], m[4], m[5], m[6]].map(Number) : partsOf(formatter, instantMs); // another ICU build may print differently
  const [year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0] = fields;
  return {
    year,
    month,
    day,
    hour: hour % 24,
    minute,
    second,
    weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay(),
  };
}

function partsOf(formatter: Intl.DateTimeFormat, instantMs: number): number[] {
  const byType = new Map(formatter.formatToParts(instantMs).map((p) => [p.type, Number(p.value)]));
  return ['year', 'month', 'day', 'hour', 'minute', 'second'].map(
    (t) => byType.get(t as Intl.DateTimeFormatPartTypes) ?? 0,
  );
}

function offsetFromClock(instantMs: number, timeZone: string): number {
  const w = wallTimeAt(instantMs, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instantMs / 1000) * 1000) / 60000);
}

const DAY_MS = 86_400_000;
const MAX_CACHED_DAYS = 4096;
/** zone → UTC day number → the offset that held all that day (only days without a change). */
const steadyDays = new Map<string, Map<number, number>>();

/**
 * The zone's offset from UTC in minutes at `instantMs` (Tokyo: 540). A UTC day whose offset is the
 * same at its first and last second is remembered: zones change offset at most once a day.
 */
export function offsetMinutesAt(instantMs: number, timeZone: string): number {
  const dayNumber = Math.floor(instantMs / DAY_MS);
  let days = steadyDays.get(timeZone);
  const known = days?.get(dayNumber);
  if (known !== undefined) return known;
  const offset = offsetFromClock(instantMs, timeZone);
  const dayStart = dayNumber * DAY_MS;
  const startOffset = instantMs === dayStart ? offset : offsetFromClock(dayStart, timeZone);
  if (startOffset === offset && offsetFromClock(dayStart + DAY_MS - 1000, timeZone) === offset) {
    if (!days || days.size >= MAX_CACHED_DAYS) {
      days = new Map();
      steadyDays.set(timeZone, days);
    }
    days.set(dayNumber, offset);
  }
  return offset;
}

/**
 * The instant a clock in `timeZone` shows the given wall time. A time skipped by a DST jump moves
 * forward by the jump (02:30 on a spring-forward night → 03:30); a repeated time takes its first
 * occurrence. Offsets a day either side bracket the transition (zones change at most once a day).
 */
export function instantOfWallTime(
  wall: WallDate & { hour: number; minute: number },
  timeZone: string,
): number {
  return wallTimeToInstant(wall, timeZone).instant;
}

/** As instantOfWallTime; `exact` is true when the clock shows exactly `wall` at `instant`. */
export function wallTimeToInstant(
  wall: WallDate & { hour: number; minute: number },
  timeZone: string,
): { instant: number; exact: boolean; repeated?: number } {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
  const before = offsetMinutesAt(asUtc - 86_400_000, timeZone);
  const after = offsetMinutesAt(asUtc + 86_400_000, timeZone);
  if (before === after) return { instant: asUtc - before * 60000, exact: true };
  const candidates = [asUtc - before * 60000, asUtc - after * 60000];
  const exact = candidates.filter((c) => {
    const shown = wallTimeAt(c, timeZone);
    return shown.day === wall.day && shown.hour === wall.hour && shown.minute === wall.minute;
  });
  if (exact.length === 2 && exact[0] !== exact[1]) {
    // The hour clocks repeat when they go back: the second occurrence, for a first one already gone.
    return { instant: Math.min(...exact), exact: true, repeated: Math.max(...exact) };
  }
  return exact.length > 0
    ? { instant: Math.min(...exact), exact: true }
    : { instant: Math.max(...candidates), exact: false };
}

/** Calendar arithmetic on plain dates (no zone involved). */
export function addDays(date: WallDate, days: number): WallDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function weekdayOf(date: WallDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyy-MM-ddTHH:mm:ss`. */
export function formatLocal(w: WallTime): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
}
