/**
 * Works out what a corpus phrase must give at a reference instant, from the rule written next to it.
 * Written apart from src/time (plain loops over days and Intl only), so a shared mistake cannot hide.
 *
 * A rule is one of (T = HH:MM, optionally @±HH:MM or @Area/City for a time in another zone;
 * DAY = Sun..Sat; the result may be followed by " /N" for the duration in minutes):
 *   !reason            always this failure
 *   in N               N minutes from now (now cut to the minute)
 *   next T             today at T, or tomorrow once it has passed
 *   day N T            N days from today (0 today, 1 tomorrow, -1 yesterday); past once gone
 *   wd DAY T           the next such weekday at T (today while ahead), else a week later
 *   wd DAY+N T         the next such weekday by date (today included), N days on
 *   week K DAY T       that weekday of the Monday-start week K weeks from this one; past once gone
 *   md M-D T           a date without a year: this year while the day is ahead, else the next year
 *                      it exists in; today's with the time gone is past
 *   ymd Y-M-D T        that date; invalid when it does not exist; past once gone
 *   month K D T        day D of the month K months from this one; invalid when missing; past once gone
 *   dom D T            day D of this month while ahead, else of the next month that has it
 *   nth N DAY T        the Nth (-1 = last) such weekday of this month while ahead, else a later month's
 *   nth N DAY month K T   the Nth such weekday of the month K months on; past once gone
 *   nth N DAY in M T   the Nth such weekday of calendar month M: this year's while ahead, else a later year's
 */

export interface Expected {
  /** 'yyyy-MM-dd HH:mm[ /N]' in the user's zone, or '!reason[ /N]'. */
  notation: string;
  /** ISO instant of the start, when there is one. */
  instant?: string;
}

interface Day {
  y: number;
  m: number;
  d: number;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const formatters = new Map<string, Intl.DateTimeFormat>();

// en-US with h23 prints "01/15/2027, 09:30"; format() is far cheaper than formatToParts().
const EN_US = /^(\d\d)\/(\d\d)\/(\d+), (\d\d):(\d\d)$/;

function wallOf(ms: number, timeZone: string) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  const m = EN_US.exec(f.format(ms));
  if (!m) throw new Error(`unexpected date format: ${f.format(ms)}`);
  return { y: Number(m[3]), m: Number(m[1]), d: Number(m[2]), hour: Number(m[4]) % 24, minute: Number(m[5]) };
}

/**
 * The instant a clock in `zone` shows y-m-d h:mi; a time skipped by DST moves on by the jump; a
 * repeated one is the first, or the second when `after` is given and the first is not after it.
 */
export function instantOfWall(day: Day, hour: number, minute: number, zone: string, after?: number): number {
  const fixed = /^([+-])(\d\d):(\d\d)$/.exec(zone);
  const asUtc = Date.UTC(day.y, day.m - 1, day.d, hour, minute);
  if (fixed) {
    const offset = (Number(fixed[2]) * 60 + Number(fixed[3])) * (fixed[1] === '-' ? -1 : 1);
    return asUtc - offset * 60000;
  }
  const offsetAt = (ms: number) => {
    const w = wallOf(ms, zone);
    return (Date.UTC(w.y, w.m - 1, w.d, w.hour, w.minute) - Math.floor(ms / 60000) * 60000) / 60000;
  };
  const offsets = [...new Set([offsetAt(asUtc - 36 * 3600000), offsetAt(asUtc + 36 * 3600000)])];
  const matches = offsets
    .map((o) => asUtc - o * 60000)
    .filter((t) => {
      const w = wallOf(t, zone);
      return w.y === day.y && w.m === day.m && w.d === day.d && w.hour === hour && w.minute === minute;
    });
  matches.sort((a, b) => a - b);
  if (matches.length > 0) return matches.find((t) => after === undefined || t > after) ?? matches[0]!;
  return asUtc - offsetAt(asUtc - 36 * 3600000) * 60000; // in the gap: the offset before it
}

const realDay = (day: Day) => {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d));
  return t.getUTCFullYear() === day.y && t.getUTCMonth() === day.m - 1 && t.getUTCDate() === day.d;
};
const plusDays = (day: Day, n: number): Day => {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
};
const weekdayOf = (day: Day) => new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
const monthPlus = (day: Day, k: number): Day => {
  const index = day.y * 12 + day.m - 1 + k;
  return { y: Math.floor(index / 12), m: (index % 12) + 1, d: 1 };
};
const cmp = (a: Day, b: Day) => Date.UTC(a.y, a.m - 1, a.d) - Date.UTC(b.y, b.m - 1, b.d);

function nthWeekday(month: Day, n: number, weekday: number): Day | undefined {
  const days: Day[] = [];
  for (let d = 1; d <= 31; d++) {
    const day = { y: month.y, m: month.m, d };
    if (realDay(day) && weekdayOf(day) === weekday) days.push(day);
  }
  return n === -1 ? days.at(-1) : days[n - 1];
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The expected result of `rule` for a user in `timeZone` at `now`. */
export function expectedAt(rule: string, now: Date, timeZone: string): Expected {
  const [body, duration] = rule.split(' /') as [string, string | undefined];
  const tail = duration === undefined ? '' : ` /${duration}`;
  if (body.startsWith('!')) return { notation: `${body}${tail}` };
  const nowMs = now.getTime();
  const w = wallOf(nowMs, timeZone);
  const today: Day = { y: w.y, m: w.m, d: w.d };
  const words = body.split(' ');
  const kind = words[0]!;
  const fail = (reason: string): Expected => ({ notation: `!${reason}${tail}` });
  const done = (ms: number): Expected => {
    const s = wallOf(ms, timeZone);
    return {
      notation: `${s.y}-${pad(s.m)}-${pad(s.d)} ${pad(s.hour)}:${pad(s.minute)}${tail}`,
      instant: new Date(ms).toISOString(),
    };
  };
  if (kind === 'in') return done(Math.floor(nowMs / 60000) * 60000 + Number(words[1]) * 60000);

  const clock = words.at(-1)!;
  const c = /^(\d\d):(\d\d)(?:@(.+))?$/.exec(clock);
  if (!c) throw new Error(`rule "${rule}": no time at the end`);
  const at = (day: Day) => instantOfWall(day, Number(c[1]), Number(c[2]), c[3] ?? timeZone, nowMs);
  /** The first candidate day whose time is still ahead; 'past' when a fixed day has gone. */
  const firstAhead = (days: Day[]): Expected => {
    for (const day of days) if (at(day) > nowMs) return done(at(day));
    return fail('past');
  };
  const fixed = (day: Day | undefined): Expected => {
    if (!day || !realDay(day)) return fail('invalid_date');
    return at(day) > nowMs ? done(at(day)) : fail('past');
  };
  const weekday = (name: string) => {
    const i = DAYS.indexOf(name);
    if (i < 0) throw new Error(`rule "${rule}": unknown weekday ${name}`);
    return i;
  };

  switch (kind) {
    case 'next':
      return firstAhead([today, plusDays(today, 1)]);
    case 'day':
      return fixed(plusDays(today, Number(words[1])));
    case 'wd': {
      const [name, plus] = words[1]!.split('+') as [string, string | undefined];
      const first = plusDays(today, (weekday(name) - weekdayOf(today) + 7) % 7);
      if (plus !== undefined) return fixed(plusDays(first, Number(plus)));
      return firstAhead([first, plusDays(first, 7)]);
    }
    case 'week': {
      const monday = plusDays(today, -((weekdayOf(today) + 6) % 7));
      return fixed(plusDays(monday, Number(words[1]) * 7 + ((weekday(words[2]!) + 6) % 7)));
    }
    case 'md': {
      const [m, d] = words[1]!.split('-').map(Number) as [number, number];
      for (let y = today.y; y <= today.y + 9; y++) {
        const day = { y, m, d };
        if (realDay(day) && cmp(day, today) >= 0) return fixed(day);
      }
      return fail('invalid_date');
    }
    case 'ymd': {
      const [y, m, d] = words[1]!.split('-').map(Number) as [number, number, number];
      return fixed({ y, m, d });
    }
    case 'month':
      return fixed({ ...monthPlus(today, Number(words[1])), d: Number(words[2]) });
    case 'dom': {
      const d = Number(words[1]);
      const days: Day[] = [];
      for (let k = 0; k <= 12; k++) {
        const day = { ...monthPlus(today, k), d };
        if (realDay(day) && cmp(day, today) >= 0) days.push(day);
      }
      return firstAhead(days);
    }
    case 'nth': {
      const n = Number(words[1]);
      const wd = weekday(words[2]!);
      if (words[3] === 'month') return fixed(nthWeekday(monthPlus(today, Number(words[4])), n, wd));
      if (words[3] === 'in') {
        const days: Day[] = [];
        for (let y = today.y; y <= today.y + 8; y++) {
          const day = nthWeekday({ y, m: Number(words[4]), d: 1 }, n, wd);
          if (day && cmp(day, today) >= 0) days.push(day);
        }
        return firstAhead(days);
      }
      const days: Day[] = [];
      for (let k = 0; k <= 12; k++) {
        const day = nthWeekday(monthPlus(today, k), n, wd);
        if (day && cmp(day, today) >= 0) days.push(day);
      }
      return firstAhead(days);
    }
    default:
      throw new Error(`rule "${rule}": unknown kind ${kind}`);
  }
}
