/** Loads test/time/recurrence-corpus.json (recurring series phrases) and runs it through parseMeetingText. */
import { readFileSync } from 'node:fs';
import { parseMeetingText } from '../../src/time/index.js';
import { toZoomRecurrence, type ZoomRecurrence } from '../../src/time/recurrence.js';
import type { ParseResult } from '../../src/time/types.js';
import { notation } from './corpus.js';

export interface SeriesCase {
  reference: string;
  text: string;
  /** As in corpus.json: the first meeting 'yyyy-MM-dd HH:mm[ /minutes]' or '!reason'. */
  expected: string;
  recurrence: ZoomRecurrence | null;
  topic?: string;
}

interface SeriesFile {
  references: Record<string, { now: string; timeZone: string }>;
  cases: [string, string, string, ZoomRecurrence | null, string?][];
}

const file = JSON.parse(
  readFileSync(new URL('./recurrence-corpus.json', import.meta.url), 'utf8'),
) as SeriesFile;

export const references = file.references;

export const seriesCorpus: SeriesCase[] = file.cases.map(([reference, text, expected, recurrence, topic]) => {
  if (!references[reference])
    throw new Error(`series case "${text}" names an unknown reference ${reference}`);
  return { reference, text, expected, recurrence, ...(topic !== undefined ? { topic } : {}) };
});

export interface SeriesOutcome {
  result: ParseResult;
  notation: string;
  recurrence: ZoomRecurrence | null;
}

export function runSeriesCase(c: SeriesCase): SeriesOutcome {
  const reference = references[c.reference]!;
  const result = parseMeetingText(c.text, { now: new Date(reference.now), timeZone: reference.timeZone });
  return {
    result,
    notation: notation(result),
    recurrence: result.recurrence ? toZoomRecurrence(result.recurrence, reference.timeZone) : null,
  };
}
