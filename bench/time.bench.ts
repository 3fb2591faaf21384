/**
 * Phrases per second over the corpus (test/time/corpus.json) for parseMeetingText and for bare
 * chrono-node (chrono.ja for Japanese phrases, chrono.en otherwise) on the same phrases, in this run,
 * and how often each gets the expected start (worked out by each phrase's rule). Each phrase is read
 * at three of the corpus's reference instants, spread over its two years. Figures are for a warm process: the per-zone cache of
 * steady UTC days (src/time/zone.ts) is filled after the first pass, as on a running server.
 */
import * as chrono from 'chrono-node';
import { parseMeetingText } from '../src/time/index.js';
import { offsetMinutesAt, wallTimeAt } from '../src/time/zone.js';
import { type CorpusCase, corpus, expectedFor, instantOf, references } from '../test/time/corpus.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

interface Prepared {
  c: CorpusCase;
  now: Date;
  timeZone: string;
  offset: number;
  japanese: boolean;
  /** 'yyyy-MM-ddTHH:mm' the phrase must start at, when it must succeed. */
  expected?: string;
}

const prepared: Prepared[] = corpus.flatMap((c, i) =>
  [0, 19, 37].map((step) => {
    const now = instantOf(references[(i + step) % references.length]!, c.timeZone);
    const expected = expectedFor(c, now).notation;
    return {
      c,
      now,
      timeZone: c.timeZone,
      offset: offsetMinutesAt(now.getTime(), c.timeZone),
      japanese: JAPANESE.test(c.text),
      ...(expected.startsWith('!') ? {} : { expected: expected.slice(0, 16).replace(' ', 'T') }),
    };
  }),
);

function ours(p: Prepared) {
  return parseMeetingText(p.c.text, { now: p.now, timeZone: p.timeZone });
}

function bareChrono(p: Prepared) {
  const parser = p.japanese ? chrono.ja : chrono.en;
  return parser.parse(p.c.text, { instant: p.now, timezone: p.offset }, { forwardDate: true });
}

function phrasesPerSecond(run: (p: Prepared) => unknown, phrases: Prepared[] = prepared, ms = 1000): number {
  for (const p of phrases) run(p); // warm-up
  let count = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (const p of phrases) run(p);
    count += phrases.length;
    elapsed = performance.now() - started;
  }
  return (count / elapsed) * 1000;
}

function expectedStart(p: Prepared): string | undefined {
  return p.expected;
}

function minuteOf(ms: number, timeZone: string): string {
  const w = wallTimeAt(ms, timeZone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

export default async function bench(): Promise<void> {
  const withStart = prepared.filter((p) => expectedStart(p) !== undefined);
  const oursRight = withStart.filter((p) => {
    const r = ours(p);
    return r.ok && r.start.local.slice(0, 16) === expectedStart(p);
  }).length;
  const chronoRight = withStart.filter((p) => {
    const first = bareChrono(p)[0];
    return first !== undefined && minuteOf(first.start.date().getTime(), p.timeZone) === expectedStart(p);
  }).length;

  // Short alternating slices, best of each: other load on the machine hits both sides alike.
  const rounds = Array.from({ length: 10 }, () => ({
    ours: phrasesPerSecond(ours, prepared, 200),
    chrono: phrasesPerSecond(bareChrono, prepared, 200),
  }));
  const best = {
    ours: Math.max(...rounds.map((r) => r.ours)),
    chrono: Math.max(...rounds.map((r) => r.chrono)),
  };
  const lines = [
    `corpus: ${corpus.length} phrases at 3 reference instants each, ${prepared.length} readings (${prepared.filter((p) => p.japanese).length} Japanese), best of 10 alternating 200 ms slices`,
    `parseMeetingText: ${Math.round(best.ours)} phrases/s`,
    `bare chrono-node: ${Math.round(best.chrono)} phrases/s`,
    `time per phrase, parseMeetingText / bare chrono-node: ${(best.chrono / best.ours).toFixed(2)}x`,
    `expected start found: parseMeetingText ${oursRight}/${withStart.length}, bare chrono-node ${chronoRight}/${withStart.length}`,
  ];
  for (const [name, subset] of [
    ['Japanese', prepared.filter((p) => p.japanese)],
    ['English', prepared.filter((p) => !p.japanese)],
  ] as const) {
    const slices = Array.from({ length: 5 }, () => [
      phrasesPerSecond(ours, subset, 100),
      phrasesPerSecond(bareChrono, subset, 100),
    ]);
    const oursRate = Math.max(...slices.map((r) => r[0]!));
    const chronoRate = Math.max(...slices.map((r) => r[1]!));
    lines.push(
      `  ${name} phrases only: parseMeetingText ${Math.round(oursRate)}/s, bare chrono-node ${Math.round(chronoRate)}/s, ${(chronoRate / oursRate).toFixed(2)}x`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
