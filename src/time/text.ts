/** Text helpers shared by the readers: width folding, kanji numerals, spans and the leftover topic. */

/** A half-open range [index, end) of the original text that was read as time or duration. */
export interface Span {
  index: number;
  end: number;
  /** A length of the meeting ("30分", "for 45 min") rather than a time phrase. */
  duration?: boolean;
}

/**
 * Folds full-width ASCII (１５：００, ～) and the ideographic space to their narrow forms, one UTF-16 unit
 * for one, so every index into the folded text is also an index into the original.
 */
export function foldWidth(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else if (code === 0x3000) out += ' ';
    else out += text[i];
  }
  return out;
}

// Runs no date, time or length needs: long digit or numeral runs and long blanks. Patterns that
// start anywhere in such a run and scan to its end would make reading quadratic in its length.
const LONG_RUNS = /[0-9]{7,}|[〇零一二三四五六七八九十百]{7,}|\s{6,}/g;
/** A character no reader matches (not a letter, digit, numeral or blank). */
const INERT = '\ue000';

/**
 * Replaces long runs with inert characters, one for one (indices keep pointing into the original):
 * "明日 20261205123 15時" still reads 明日 15時, and no pattern backtracks over the run.
 */
export function quietLongRuns(text: string): string {
  return text.replace(LONG_RUNS, (run) => (/^\s/.test(run) ? ' ' : INERT) + INERT.repeat(run.length - 1));
}

/** Digits (ASCII after folding) or kanji numerals. */
export const NUM = '(?:[0-9]+|[〇零一二三四五六七八九十百]+)';

const KANJI_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

// Kanji numerals as written in dates, times and lengths: 百 and 十 at most once each, in that
// order, each with an optional digit before it ("百二十", "二十五", "十"); "十百" and "百百" are not numbers.
const KANJI_GROUPED =
  /^(?:([一二三四五六七八九])?(百))?(?:([一二三四五六七八九])?(十))?([一二三四五六七八九])?$/;

/** "15" → 15, "十二" → 12, "二十五" → 25, "二〇二六" → 2026, "百二十" → 120; NaN when unreadable. */
export function readNumber(raw: string): number {
  if (/^[0-9]+$/.test(raw)) return Number(raw);
  if (!/[十百]/.test(raw)) {
    let value = 0;
    for (const ch of raw) {
      const digit = KANJI_DIGITS[ch];
      if (digit === undefined) return Number.NaN;
      value = value * 10 + digit;
    }
    return raw.length > 0 ? value : Number.NaN;
  }
  const m = KANJI_GROUPED.exec(raw);
  if (!m) return Number.NaN;
  const digit = (ch: string | undefined) => (ch === undefined ? 1 : (KANJI_DIGITS[ch] ?? Number.NaN));
  const hundreds = m[2] ? digit(m[1]) * 100 : 0;
  const tens = m[4] ? digit(m[3]) * 10 : 0;
  return hundreds + tens + (m[5] ? (KANJI_DIGITS[m[5]] ?? 0) : 0);
}

/** Blanks the given spans with spaces (same length), so later readers do not read them again. */
export function mask(text: string, span: Span): string {
  return text.slice(0, span.index) + ' '.repeat(span.end - span.index) + text.slice(span.end);
}

// Connectives left dangling once the time phrases are cut out ("明日の" → "の", "review at" → "at").
const EDGE_JUNK =
  /^(?:[\s、，,。.:;\-–—~〜・]|(?:の|に|から|まで|より|で|は)(?=\s|$)|(?:at|on|from|for|in|by|to|@)(?=\s|$))+/i;
const EDGE_JUNK_END =
  /(?:[\s、，,。.:;\-–—~〜・]|(?<=^|\s)(?:の|に|から|まで|より|で|は)|(?<=^|\s)(?:at|on|from|for|in|by|to|the|@))+$/i;

/** Spans in reading order, overlapping ones merged (a pattern may run on over blanked text). */
function mergedSpans(spans: readonly Span[]): Span[] {
  const merged: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.index - b.index)) {
    const last = merged[merged.length - 1];
    if (last && span.index <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

// Brackets left empty once their content was read: "13時〜(30分)".
const EMPTY_BRACKETS = /\(\s*\)|（\s*）|\[\s*\]|【\s*】|「\s*」/g;

/** The text with the spans cut out, whitespace collapsed and dangling connectives trimmed. */
export function leftoverTopic(original: string, spans: readonly Span[]): string {
  let out = '';
  let cursor = 0;
  for (const span of mergedSpans(spans)) {
    out += `${original.slice(cursor, span.index)} `;
    cursor = span.end;
  }
  out += original.slice(cursor);
  return out
    .replace(EMPTY_BRACKETS, ' ')
    .replace(/\s+/g, ' ')
    .replace(EDGE_JUNK, '')
    .replace(EDGE_JUNK_END, '')
    .trim();
}

/** The phrases as typed, in reading order; `which` picks time phrases or lengths only. */
export function matchedPhrases(
  original: string,
  spans: readonly Span[],
  which?: 'time' | 'duration',
): string {
  const picked =
    which === undefined ? spans : spans.filter((s) => (s.duration === true) === (which === 'duration'));
  return mergedSpans(picked)
    .map((s) => original.slice(s.index, s.end).trim())
    .filter((s) => s.length > 0)
    .join(' ');
}
