/**
 * Reads Japanese recurrence phrases: 毎週月曜, 毎週火・木, 隔週水曜, 2週間ごと, 毎月第2火曜, 毎月最終金曜,
 * 毎月15日, 隔月, 平日, 毎日, 毎朝, 隔日, 3日ごと; and the end: 10回, 全6回, 3月末まで, 3月31日まで, 6週間.
 * Runs first, on width-folded text, so the date readers do not read 3月31日まで as the meeting day.
 */
import type { Period, Reading } from './reading.js';
import type { EndReading, PatternReading, SeriesReading } from './series-reading.js';
import { mask, NUM, readNumber } from './text.js';

const WEEKDAYS = '日月火水木金土';
const WD = `[${WEEKDAYS}]`;
const DAY_ITEM = `${WD}(?:曜日?)?`;
const DAY_SEPARATOR = '\\s*(?:[・、,/&＆]|と|および|及び)?\\s*';
const DAY_LIST = `${DAY_ITEM}(?:${DAY_SEPARATOR}${DAY_ITEM})*`;
const TAIL = '(?:\\s*(?:の|に|は))?';
/** "3か月ごと", "2ヶ月おき": N months. */
const MONTHS_EVERY = `(${NUM})\\s*(?:か|ヶ|ケ|カ|ヵ|箇)月\\s*(?:ごと|毎|おき)\\s*に?`;
const MONTH_HEAD = `(毎月|隔月|${MONTHS_EVERY})\\s*の?\\s*`;
const WEEK_HEAD = `(毎週|隔週|(${NUM})\\s*週間?\\s*(?:ごと|毎|おき)\\s*に?)\\s*の?\\s*`;

const MONTHLY_NTH = new RegExp(
  `${MONTH_HEAD}(?:第\\s*([1-4一二三四])|(最終|最後の?))\\s*(${WD})\\s*曜日?${TAIL}`,
);
const MONTHLY_DAY = new RegExp(`${MONTH_HEAD}(${NUM})\\s*日(?![後間曜])${TAIL}`);
const MONTHLY_ALONE = new RegExp(`(毎月|隔月|${MONTHS_EVERY})${TAIL}`);
const WEEKDAYS_ONLY = new RegExp(
  `(?:毎週\\s*)?平日(?:のみ)?(?:\\s*の)?(?:\\s*(毎日|毎朝))?${TAIL}|毎日\\s*[(（]\\s*平日(?:のみ)?\\s*[)）]${TAIL}|毎平日${TAIL}|(?<![0-9〇一二三四五六七八九十])月(?:曜日?)?\\s*(?:〜|~|-|から)\\s*金(?:曜日?)?(?:まで)?\\s*(?:毎日|毎朝)?${TAIL}`,
);
const WEEKLY = new RegExp(`${WEEK_HEAD}(${DAY_LIST})?${TAIL}`);
const WEEKDAY_EVERY = new RegExp(`(${DAY_LIST})\\s*(?:ごと|毎)${TAIL}`);
const DAILY = new RegExp(`(毎日|毎朝|毎晩|毎夕|隔日|(${NUM})\\s*日\\s*(ごと|毎|おき)\\s*に?)${TAIL}`);

const COUNT = new RegExp(
  `(?<!第\\s*|[0-9〇一二三四五六七八九十百])(?:全\\s*(${NUM})\\s*回|(${NUM})\\s*回(?:分|限り|まで|で終了|で終わり)?)${TAIL}`,
);
const UNTIL_DATE = new RegExp(
  `(?:(\\d{4})\\s*[年/.-]\\s*)?(${NUM})\\s*(?:月\\s*(?:(${NUM})\\s*日|(末))|/\\s*(\\d{1,2}))\\s*(?:まで|迄)(?:\\s*(?:の|に|で))?`,
);
const UNTIL_MONTH_END = /(今月|来月|再来月|年)末\s*(?:まで|迄)(?:\s*(?:の|に|で))?/;
const FOR_SPAN = new RegExp(
  `(${NUM})\\s*(週間|(?:か|ヶ|ケ|カ|ヵ|箇)月間?|日間)(?!\\s*(?:後|ごと|毎|おき))(?:\\s*(?:の|で|続けて))?`,
);

const PERIODS: Record<string, Period> = { 毎朝: 'morning', 毎晩: 'night', 毎夕: 'evening' };
const ORDINALS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4 };

/** Weekday numbers (0 = Sunday) in a list such as "火・木", "月水金", "月曜日と木曜日". */
function weekdaysIn(list: string): number[] {
  const chars = [...list];
  const named: number[] = [];
  chars.forEach((ch, i) => {
    const day = WEEKDAYS.indexOf(ch);
    // 曜日 contains 日: a 日 right after 曜 is not Sunday.
    if (day >= 0 && !(ch === '日' && chars[i - 1] === '曜')) named.push(day);
  });
  return [...new Set(named)].sort((a, b) => a - b);
}

/** A bare run of day characters without 曜 ("月水金") counts only when nothing word-like follows it. */
function isDayList(list: string, after: string): boolean {
  if (list.includes('曜') || /[・、,/&＆と]/.test(list)) return true;
  return /^(?:$|[\s0-9:、,。のにはで〇一二三四五六七八九十正午朝昼夕夜晩])/.test(after);
}

function monthInterval(head: string, count: string | undefined): number {
  if (head === '毎月') return 1;
  if (head === '隔月') return 2;
  const n = readNumber(count ?? '');
  return /おき/.test(head) ? n + 1 : n;
}

function weekInterval(head: string, count: string | undefined): number {
  if (head === '毎週') return 1;
  if (head === '隔週') return 2;
  const n = readNumber(count ?? '');
  return /おき/.test(head) ? n + 1 : n;
}

type Found = { pattern: PatternReading; period?: Period; index: number; end: number };

function findPattern(text: string): Found | undefined {
  const at = (m: RegExpExecArray) => ({ index: m.index, end: m.index + m[0].length });
  let m = MONTHLY_NTH.exec(text);
  if (m) {
    const week = m[4] ? -1 : (ORDINALS[m[3]!] ?? Number(m[3]));
    const weekday = WEEKDAYS.indexOf(m[5]!);
    return {
      pattern: { kind: 'monthlyWeekday', interval: monthInterval(m[1]!, m[2]), week, weekday },
      ...at(m),
    };
  }
  m = MONTHLY_DAY.exec(text);
  if (m) {
    return {
      pattern: { kind: 'monthlyDay', interval: monthInterval(m[1]!, m[2]), day: readNumber(m[3]!) },
      ...at(m),
    };
  }
  m = WEEKDAYS_ONLY.exec(text);
  if (m) {
    const period = m[1] === '毎朝' || /毎朝/.test(m[0]) ? 'morning' : undefined;
    return { pattern: { kind: 'weekly', interval: 1, weekdays: [1, 2, 3, 4, 5] }, period, ...at(m) };
  }
  m = WEEKLY.exec(text);
  if (m) {
    const interval = weekInterval(m[1]!, m[2]);
    const list = m[3];
    const after = text.slice(m.index + m[0].length);
    if (list && isDayList(list, after)) {
      return { pattern: { kind: 'weekly', interval, weekdays: weekdaysIn(list) }, ...at(m) };
    }
    const head = new RegExp(WEEK_HEAD).exec(text.slice(m.index))!;
    return { pattern: { kind: 'weeklyOnStartDay', interval }, index: m.index, end: m.index + head[0].length };
  }
  m = MONTHLY_ALONE.exec(text);
  if (m) return { pattern: { kind: 'monthlyOnStartDay', interval: monthInterval(m[1]!, m[2]) }, ...at(m) };
  m = DAILY.exec(text);
  if (m) {
    const word = m[1]!;
    const n = m[2] ? readNumber(m[2]) : 1;
    const interval = word === '隔日' ? 2 : m[3] === 'おき' ? n + 1 : n;
    return { pattern: { kind: 'daily', interval }, period: PERIODS[word], ...at(m) };
  }
  m = WEEKDAY_EVERY.exec(text);
  if (m && m[1]!.includes('曜')) {
    return { pattern: { kind: 'weekly', interval: 1, weekdays: weekdaysIn(m[1]!) }, ...at(m) };
  }
  return undefined;
}

function findEnd(text: string): { end: EndReading; index: number; length: number } | undefined {
  let m = UNTIL_MONTH_END.exec(text);
  if (m) {
    const word = m[1]!;
    const end: EndReading =
      word === '年'
        ? { kind: 'until', month: 12, day: 31 }
        : { kind: 'untilMonthEnd', monthOffset: word === '今月' ? 0 : word === '来月' ? 1 : 2 };
    return { end, index: m.index, length: m[0].length };
  }
  m = UNTIL_DATE.exec(text);
  if (m) {
    const day = m[3] ? readNumber(m[3]) : m[5] ? Number(m[5]) : undefined;
    const end: EndReading = {
      kind: 'until',
      month: readNumber(m[2]!),
      ...(day !== undefined ? { day } : {}),
      ...(m[1] ? { year: Number(m[1]) } : {}),
    };
    return { end, index: m.index, length: m[0].length };
  }
  m = COUNT.exec(text);
  if (m)
    return {
      end: { kind: 'count', count: readNumber((m[1] ?? m[2])!) },
      index: m.index,
      length: m[0].length,
    };
  m = FOR_SPAN.exec(text);
  if (m) {
    const unit = m[2] === '週間' ? 'week' : m[2] === '日間' ? 'day' : 'month';
    return { end: { kind: 'for', amount: readNumber(m[1]!), unit }, index: m.index, length: m[0].length };
  }
  return undefined;
}

/** Reads a Japanese recurrence rule and its end out of `text` into `series`; blanks what it read. */
export function readSeriesJapanese(text: string, reading: Reading, series: SeriesReading): string {
  const found = findPattern(text);
  if (!found) return text;
  series.pattern = found.pattern;
  if (found.period) series.period = found.period;
  const span = { index: found.index, end: found.end };
  reading.spans.push(span);
  let rest = mask(text, span);
  const end = findEnd(rest);
  if (end) {
    series.end = end.end;
    const endSpan = { index: end.index, end: end.index + end.length };
    reading.spans.push(endSpan);
    rest = mask(rest, endSpan);
  }
  return rest;
}
