import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseMeetingText } from '../../src/time/index.js';
import { corpus, expectedFor, instantOf, references, runCase } from './corpus.js';
import { runUnderTz } from './run-under-tz.js';

interface ChildOutput {
  serverProbe: number;
  rows: string[][];
}

const CHILD = fileURLToPath(new URL('./corpus-child.ts', import.meta.url));
const SERVER_ZONES = ['UTC', 'America/New_York', 'Asia/Tokyo'];

const runUnder = (tz: string) => runUnderTz<ChildOutput>(CHILD, tz);

/** What the child's row must start with: notation, instant and topic as the rule gives them. */
function expectedRow(c: (typeof corpus)[number], now: Date): RegExp {
  const e = expectedFor(c, now);
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const topic = c.topic === undefined ? '"(?:[^"\\\\]|\\\\.)*"' : literal(JSON.stringify(c.topic));
  return new RegExp(`^${literal(e.notation)} ${e.instant ? literal(e.instant) : '-'} ${topic}`);
}

const CLASSES = [
  '1 a month-day without a year',
  '2 named zones with daylight saving',
  '3 nth weekday of a month',
  '4 week offsets',
  '5 short and partial forms',
  '6 articles and idioms',
  '7 refusals',
];

describe('every corpus phrase at every reference instant, on servers in three zones', () => {
  let outputs: ChildOutput[] = [];
  before(async () => {
    // In parallel: each child reads the whole corpus at every reference.
    outputs = await Promise.all(SERVER_ZONES.map(runUnder));
  });

  test('the corpus covers both languages, every class of issue 11 and two years of references', () => {
    assert.ok(corpus.length >= 300, `only ${corpus.length} phrases`);
    const japanese = corpus.filter((c) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(c.text)).length;
    assert.ok(japanese >= 150 && corpus.length - japanese >= 100, `${japanese} Japanese phrases`);
    for (const group of CLASSES) {
      const count = corpus.filter((c) => c.group === group).length;
      assert.ok(count >= 10, `${group}: ${count} phrases`);
    }
    assert.ok(references.length >= 50, `${references.length} references`);
    const months = new Set(references.map((r) => r.at.slice(0, 7)));
    assert.ok(months.size >= 24, `references in ${months.size} months`);
  });

  test('the server zone was live in each child (02:30 does not exist in New York on 2026-03-08)', () => {
    assert.deepEqual(
      outputs.map((o) => o.serverProbe),
      [2, 3, 2],
    );
  });

  for (const [i, c] of corpus.entries()) {
    test(`${c.zone}: ${c.text} → ${c.rule}`, () => {
      const [utc, newYork, tokyo] = outputs as [ChildOutput, ChildOutput, ChildOutput];
      const wrong: string[] = [];
      references.forEach((reference, j) => {
        const now = instantOf(reference, c.timeZone);
        const got = utc.rows[i]![j]!;
        if (!expectedRow(c, now).test(got)) {
          wrong.push(
            `at ${reference.at} (${reference.note}): got ${got}, want ${expectedFor(c, now).notation}`,
          );
        }
        if (newYork.rows[i]![j] !== got || tokyo.rows[i]![j] !== got) {
          wrong.push(`at ${reference.at}: the server zone changed the result`);
        }
        const instant = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/.exec(got)?.[0];
        if (instant !== undefined && instant <= now.toISOString()) {
          wrong.push(`at ${reference.at}: a start not in the future`);
        }
      });
      assert.deepEqual(wrong.slice(0, 5), []);
    });
  }

  test('every start read back from the "yyyy-MM-dd HH:mm" form the edit modal prefills gives the same instant', () => {
    let checked = 0;
    for (const [i, c] of corpus.entries()) {
      // A few references per phrase keep this quick; the rows above already cover them all.
      for (const reference of references.filter((_, j) => (i + j) % 11 === 0)) {
        const now = instantOf(reference, c.timeZone);
        const first = runCase(c, now);
        if (!first.ok) continue;
        const typed = first.start.local.slice(0, 16).replace('T', ' ');
        const again = parseMeetingText(typed, { now, timeZone: c.timeZone });
        assert.ok(again.ok, `${typed} (${c.text} at ${reference.at})`);
        assert.equal(again.start.instant, first.start.instant, `${typed} (${c.text})`);
        assert.equal(again.topic, '');
        checked++;
      }
    }
    assert.ok(checked >= 500, `${checked} read back`);
  });
});
