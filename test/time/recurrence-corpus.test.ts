import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { seriesOccurrences } from '../../src/time/occurrences.js';
import { references, runSeriesCase, seriesCorpus } from './recurrence-corpus.js';
import { runUnderTz } from './run-under-tz.js';

const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

describe('corpus of recurring series phrases, Japanese and English', () => {
  test('has at least 60 phrases, both languages, each giving a series or a reason', () => {
    assert.ok(seriesCorpus.length >= 60, `only ${seriesCorpus.length} phrases`);
    const japanese = seriesCorpus.filter((c) => JAPANESE.test(c.text)).length;
    assert.ok(japanese >= 30, `${japanese} Japanese phrases`);
    assert.ok(seriesCorpus.length - japanese >= 30, `${seriesCorpus.length - japanese} English phrases`);
  });

  for (const c of seriesCorpus) {
    test(`${c.reference}: ${c.text} → ${c.expected}`, () => {
      const { result, notation, recurrence } = runSeriesCase(c);
      assert.equal(notation, c.expected);
      assert.deepEqual(recurrence, c.recurrence);
      if (c.topic !== undefined) assert.equal(result.topic, c.topic);
      if (!result.ok || !result.recurrence) return;
      // The start is the series' own first meeting, in the future.
      const reference = references[c.reference]!;
      assert.ok(Date.parse(result.start.instant) > Date.parse(reference.now), 'first meeting in the future');
      const [first] = seriesOccurrences(result.recurrence, result.start);
      assert.equal(first?.instant, result.start.instant);
      assert.equal(first?.local, result.start.local);
    });
  }
});

interface ChildOutput {
  serverProbe: number;
  rows: unknown[];
}

const CHILD = fileURLToPath(new URL('./recurrence-corpus-child.ts', import.meta.url));

const runUnder = (tz: string) => runUnderTz<ChildOutput>(CHILD, tz);

test('series, their Zoom objects and meetings are the same whatever zone the server runs in', async () => {
  const [utc, newYork, tokyo] = (await Promise.all(
    ['UTC', 'America/New_York', 'Asia/Tokyo'].map(runUnder),
  )) as [ChildOutput, ChildOutput, ChildOutput];
  // 02:30 does not exist in New York on 2026-03-08: a live TZ setting shows 3 there.
  assert.deepEqual([utc.serverProbe, newYork.serverProbe, tokyo.serverProbe], [2, 3, 2]);
  assert.deepEqual(newYork.rows, utc.rows);
  assert.deepEqual(tokyo.rows, utc.rows);
  seriesCorpus.forEach((c, i) => {
    const [notation, recurrence] = utc.rows[i] as [string, unknown];
    assert.equal(notation, c.expected, `${c.reference}: ${c.text}`);
    assert.deepEqual(recurrence, c.recurrence, `${c.reference}: ${c.text}`);
  });
});
