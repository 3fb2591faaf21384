/** Loads test/time/corpus.json and runs it through parseMeetingText (shared by the tests and the benchmark). */
import { readFileSync } from 'node:fs';
import { parseMeetingText } from '../../src/time/index.js';
import type { ParseResult } from '../../src/time/types.js';

export interface Reference {
  now: string;
  timeZone: string;
}

export interface CorpusCase {
  reference: string;
  text: string;
  /** 'yyyy-MM-dd HH:mm[ /minutes]' or '!reason[ /minutes]'. */
  expected: string;
  topic?: string;
}

interface CorpusFile {
  references: Record<string, Reference>;
  cases: [string, string, string, string?][];
}

const file = JSON.parse(readFileSync(new URL('./corpus.json', import.meta.url), 'utf8')) as CorpusFile;

export const references: Record<string, Reference> = file.references;

export const corpus: CorpusCase[] = file.cases.map(([reference, text, expected, topic]) => {
  if (!references[reference])
    throw new Error(`corpus case "${text}" names an unknown reference ${reference}`);
  return { reference, text, expected, ...(topic !== undefined ? { topic } : {}) };
});

/** The result in the corpus notation, so a mismatch reads like the table. */
export function notation(result: ParseResult): string {
  const duration = result.durationMinutes !== undefined ? ` /${result.durationMinutes}` : '';
  if (!result.ok) return `!${result.reason}${duration}`;
  return `${result.start.local.slice(0, 10)} ${result.start.local.slice(11, 16)}${duration}`;
}

export function runCase(c: CorpusCase): ParseResult {
  const reference = references[c.reference]!;
  return parseMeetingText(c.text, { now: new Date(reference.now), timeZone: reference.timeZone });
}
