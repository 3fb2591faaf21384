import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseMeetingText } from '../../src/time/index.js';
import { corpus, notation, references, runCase } from './corpus.js';

describe('corpus of Japanese and English phrases at fixed reference instants', () => {
  test('has at least 200 phrases in both languages and every reference is used', () => {
    assert.ok(corpus.length >= 200, `only ${corpus.length} phrases`);
    const japanese = corpus.filter((c) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(c.text)).length;
    assert.ok(japanese >= 100, `${japanese} Japanese phrases`);
    assert.ok(corpus.length - japanese >= 60, `${corpus.length - japanese} English phrases`);
    for (const name of Object.keys(references)) {
      assert.ok(
        corpus.some((c) => c.reference === name),
        `reference ${name} has no phrase`,
      );
    }
  });

  for (const c of corpus) {
    test(`${c.reference}: ${c.text} → ${c.expected}`, () => {
      const result = runCase(c);
      assert.equal(notation(result), c.expected);
      if (c.topic !== undefined) assert.equal(result.topic, c.topic);
      if (result.ok) {
        const reference = references[c.reference]!;
        assert.equal(result.start.timeZone, reference.timeZone);
        assert.ok(result.start.instant > new Date(reference.now).toISOString(), 'a start in the future');
        assert.match(result.start.local, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
        assert.ok(result.matchedText.length > 0);
        assert.ok(result.matchedText.length <= c.text.length, `matched text repeats: ${result.matchedText}`);
      }
    });
  }

  test('every start read back from the "yyyy-MM-dd HH:mm" form the edit modal prefills gives the same instant', () => {
    let checked = 0;
    for (const c of corpus) {
      const first = runCase(c);
      if (!first.ok) continue;
      const reference = references[c.reference]!;
      const typed = first.start.local.slice(0, 16).replace('T', ' ');
      const again = parseMeetingText(typed, { now: new Date(reference.now), timeZone: reference.timeZone });
      assert.ok(again.ok, `${typed} (${c.text})`);
      assert.equal(again.start.instant, first.start.instant, `${typed} (${c.text})`);
      assert.equal(again.topic, '');
      checked++;
    }
    assert.ok(checked >= 150);
  });
});
