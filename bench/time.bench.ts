/**
 * Phrases per second over the corpus (test/time/corpus.json) for parseMeetingText and for bare
 * chrono-node (chrono.ja for Japanese phrases, chrono.en otherwise) on the same phrases, in this run,
 * and how often each gets the expected start.
 */
import * as chrono from 'chrono-node';
import { parseMeetingText } from '../src/time/index.js';
import { offsetMinutesAt, wallTimeAt } from '../src/time/zone.js';
import { type CorpusCase, corpus, references } from '../test/time/corpus.js';

const JAPANESE = /[\u3040-\u30ff\u3400-\u9fff]/;

interface Prepared {
  c: CorpusCase;
  now: Date;
  timeZone: string;
  offset: number;
  japanese: boolean;
}

const prepared: Prepared[] = corpus.map((c) => {
  const reference = references[c.reference]!;
  const now = new Date(reference.now);
  return {
    c,
    now,
    timeZone: reference.timeZone,
    offset: offsetMinutesAt(now.getTime(), reference.timeZone),
    japanese: JAPANESE.test(c.text),
  };
});

function ours(p: Prepared) {
  return parseMeetingText(p.c.text, { now: p.now, timeZone: p.timeZone });
}

function bareChrono(p: Prepared) {
  const parser = p.japanese ? chrono.ja : chrono.en;
  return parser.parse(p.c.text, { instant: p.now, timezone: p.offset }, { forwardDate: true });
}

function phrasesPerSecond(run: (p: Prepared) => unknown): number {
  for (const p of prepared) run(p); // warm-up
  let phrases = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < 1000) {
    for (const p of prepared) run(p);
    phrases += prepared.length;
    elapsed = performance.now() - started;
  }
  return (phrases / elapsed) * 1000;
}

function expectedStart(p: Prepared): string | undefined {
  return p.c.expected.startsWith('!') ? undefined : p.c.expected.slice(0, 16).replace(' ', 'T');
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

  const rounds = [0, 1, 2].map(() => ({
    ours: phrasesPerSecond(ours),
    chrono: phrasesPerSecond(bareChrono),
  }));
  const best = {
    ours: Math.max(...rounds.map((r) => r.ours)),
    chrono: Math.max(...rounds.map((r) => r.chrono)),
  };
  const lines = [
    `corpus: ${prepared.length} phrases (${prepared.filter((p) => p.japanese).length} Japanese), best of 3 one-second rounds`,
    `parseMeetingText: ${Math.round(best.ours)} phrases/s`,
    `bare chrono-node: ${Math.round(best.chrono)} phrases/s`,
    `time per phrase, parseMeetingText / bare chrono-node: ${(best.chrono / best.ours).toFixed(2)}x`,
    `expected start found: parseMeetingText ${oursRight}/${withStart.length}, bare chrono-node ${chronoRight}/${withStart.length}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
