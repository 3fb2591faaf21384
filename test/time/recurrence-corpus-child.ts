/**
 * Run as a child process under a given TZ by recurrence-corpus.test.ts: prints, one JSON array, what
 * every series phrase gives (notation, Zoom recurrence, topic, the rule in both languages, its first
 * meetings) and the server clock's reading of New York's DST gap, which proves the TZ setting was live.
 */
import { seriesOccurrences } from '../../src/time/occurrences.js';
import { describeRecurrence } from '../../src/time/recurrence-words.js';
import { runSeriesCase, seriesCorpus } from './recurrence-corpus.js';

const rows = seriesCorpus.map((c) => {
  const { result, notation, recurrence } = runSeriesCase(c);
  const rule = result.recurrence;
  const meetings = result.ok && rule ? seriesOccurrences(rule, result.start, 3).map((o) => o.instant) : [];
  const words = rule ? [describeRecurrence(rule, 'ja'), describeRecurrence(rule, 'en')] : [];
  return [notation, recurrence, result.topic, words, meetings];
});
// Local-time constructor on purpose: shows which zone this process runs in.
const serverProbe = new Date(2026, 2, 8, 2, 30).getHours();
process.stdout.write(JSON.stringify({ serverProbe, rows }));
