/** A series' rule in words, in the scheduler's language: "毎週火・木 9:30" / "Every Tue, Thu 9:30 AM". */

import { DEFAULT_OCCURRENCES, type RecurrencePattern, type RecurrenceRule } from './recurrence.js';
import type { Locale } from './types.js';

const JA_DAYS = ['日', '月', '火', '水', '木', '金', '土'];
const EN_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const EN_ORDINAL = ['', '1st', '2nd', '3rd', '4th'];

export interface TimeOfDay {
  hour: number;
  minute: number;
}

function isMonToFri(days: readonly number[]): boolean {
  return [...new Set(days)].sort().join() === '1,2,3,4,5';
}

function sorted(days: readonly number[]): number[] {
  return [...new Set(days)].sort((a, b) => a - b);
}

function japanese(p: RecurrencePattern): string {
  switch (p.kind) {
    case 'daily':
      return p.interval === 1 ? '毎日' : p.interval === 2 ? '隔日' : `${p.interval}日ごと`;
    case 'weekly': {
      if (p.interval === 1 && isMonToFri(p.weekdays)) return '平日';
      const days = sorted(p.weekdays).map((d) => JA_DAYS[d]);
      const list = days.length === 1 ? `${days[0]}曜` : days.join('・');
      return `${p.interval === 1 ? '毎週' : p.interval === 2 ? '隔週' : `${p.interval}週間ごと `}${list}`;
    }
    case 'monthlyDay':
    case 'monthlyWeekday': {
      const head = p.interval === 1 ? '毎月' : p.interval === 2 ? '隔月' : `${p.interval}か月ごと `;
      if (p.kind === 'monthlyDay') return `${head}${p.day}日`;
      return `${head}${p.week === -1 ? '最終' : `第${p.week}`}${JA_DAYS[p.weekday]}曜`;
    }
  }
}

function english(p: RecurrencePattern): string {
  switch (p.kind) {
    case 'daily':
      return p.interval === 1
        ? 'Every day'
        : p.interval === 2
          ? 'Every other day'
          : `Every ${p.interval} days`;
    case 'weekly': {
      if (p.interval === 1 && isMonToFri(p.weekdays)) return 'Every weekday';
      const list = sorted(p.weekdays)
        .map((d) => EN_DAYS[d])
        .join(', ');
      if (p.interval === 1) return `Every ${list}`;
      return p.interval === 2 ? `Every other ${list}` : `Every ${p.interval} weeks on ${list}`;
    }
    case 'monthlyDay':
    case 'monthlyWeekday': {
      const head =
        p.interval === 1 ? 'Monthly' : p.interval === 2 ? 'Every other month' : `Every ${p.interval} months`;
      if (p.kind === 'monthlyDay') return `${head} on the ${ordinal(p.day)}`;
      return `${head} on the ${p.week === -1 ? 'last' : EN_ORDINAL[p.week]} ${EN_DAYS[p.weekday]}`;
    }
  }
}

function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  const suffix = teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "毎週火・木 9:30" / "Every Tue, Thu 9:30 AM" (the time is the wall time in the meeting's zone). */
export function describeRecurrence(rule: RecurrenceRule, locale: Locale, time?: TimeOfDay): string {
  const words = locale === 'ja' ? japanese(rule.pattern) : english(rule.pattern);
  if (!time) return words;
  const minute = String(time.minute).padStart(2, '0');
  if (locale === 'ja') return `${words} ${time.hour}:${minute}`;
  // English times are 12-hour (src/slack/i18n/GLOSSARY.md).
  return `${words} ${time.hour % 12 === 0 ? 12 : time.hour % 12}:${minute} ${time.hour < 12 ? 'AM' : 'PM'}`;
}

/** "全10回" / "10 times"; "2027年3月31日まで" / "until Mar 31, 2027". No end typed: the default count. */
export function describeRecurrenceEnd(rule: RecurrenceRule, locale: Locale): string {
  const end = rule.end ?? { kind: 'count', count: DEFAULT_OCCURRENCES };
  if (end.kind === 'count')
    return locale === 'ja' ? `全${end.count}回` : end.count === 1 ? 'once' : `${end.count} times`;
  const [year, month, day] = end.date.split('-').map(Number) as [number, number, number];
  return locale === 'ja'
    ? `${year}年${month}月${day}日まで`
    : `until ${EN_MONTHS[month - 1]} ${day}, ${year}`;
}
