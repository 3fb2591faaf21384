/** Japanese words for days, weeks, months, eras and fixed hours, and what they stand for. */

export const RELATIVE_DAYS: Record<string, number> = {
  今日: 0,
  本日: 0,
  昨日: -1,
  きのう: -1,
  きょう: 0,
  明日: 1,
  あした: 1,
  あす: 1,
  明後日: 2,
  あさって: 2,
  明々後日: 3,
  明明後日: 3,
  しあさって: 3,
};

export const WEEK_OFFSETS: Record<string, number> = { 先週: -1, 今週: 0, 来週: 1, 再来週: 2 };
export const MONTH_OFFSETS: Record<string, number> = { 先々月: -2, 先月: -1, 今月: 0, 来月: 1, 再来月: 2 };
export const MONTH_WORD = '(先々月|先月|今月|来月|再来月)';
/** First year of each era, so 令和1年 (令和元年) is 2019. */
export const ERA_START: Record<string, number> = { 令和: 2019, 平成: 1989, 昭和: 1926 };

// Fixed hours said as words: 午後イチ (first thing after lunch), 朝イチ (first thing in the morning).
export const IDIOM_HOURS: Record<string, number> = {
  午後イチ: 13,
  午後いち: 13,
  午後一番: 13,
  午後一: 13,
  昼イチ: 13,
  昼いち: 13,
  昼一番: 13,
  昼一: 13,
  朝イチ: 9,
  朝いち: 9,
  朝一番: 9,
  朝一: 9,
  昼休み: 12,
  お昼休み: 12,
  ランチタイム: 12,
  定時後: 18,
  終業後: 18,
};
