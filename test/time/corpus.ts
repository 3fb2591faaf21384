/**
 * Loads test/time/corpus.json: phrases with the rule of what they mean, and the reference instants
 * (two years of them) every phrase is read at. Shared by the tests and the benchmark.
 */
import { readFileSync } from 'node:fs';
import { parseMeetingText } from '../../src/time/index.js';
import type { ParseResult } from '../../src/time/types.js';
import { type Expected, expectedAt, instantOfWall } from './rules.js';

export interface CorpusCase {
  group: string;
  zone: string;
  timeZone: string;
  text: string;
  /** See test/time/rules.ts. */
  rule: string;
  topic?: string;
}

export interface Reference {
  at: string;
  note: string;
}

interface CorpusFile {
  zones: Record<string, string>;
  references: [string, string][];
  cases: Record<string, [string, string, string, string?][]>;
}

const file = JSON.parse(readFileSync(new URL('./corpus.json', import.meta.url), 'utf8')) as CorpusFile;

export const zones = file.zones;
export const references: Reference[] = file.references.map(([at, note]) => ({ at, note }));

export const corpus: CorpusCase[] = Object.entries(file.cases).flatMap(([group, cases]) =>
  cases.map(([zone, text, rule, topic]) => {
    const timeZone = zones[zone];
    if (!timeZone) throw new Error(`corpus case "${text}" names an unknown zone ${zone}`);
    return { group, zone, timeZone, text, rule, ...(topic !== undefined ? { topic } : {}) };
  }),
);

/** The reference as an instant for a user in `timeZone` (a wall time there, or a UTC instant). */
const instants = new Map<string, Date>();

export function instantOf(reference: Reference, timeZone: string): Date {
  const key = `${reference.at} ${timeZone}`;
  let instant = instants.get(key);
  if (!instant) {
    instant = wallOrInstant(reference, timeZone);
    instants.set(key, instant);
  }
  return new Date(instant);
}

function wallOrInstant(reference: Reference, timeZone: string): Date {
  if (reference.at.endsWith('Z')) return new Date(reference.at);
  const [date, time] = reference.at.split('T') as [string, string];
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return new Date(instantOfWall({ y, m, d }, hour, minute, timeZone));
}

/** The result in the corpus notation, so a mismatch reads like a rule's outcome. */
export function notation(result: ParseResult): string {
  const duration = result.durationMinutes !== undefined ? ` /${result.durationMinutes}` : '';
  if (!result.ok) return `!${result.reason}${duration}`;
  return `${result.start.local.slice(0, 10)} ${result.start.local.slice(11, 16)}${duration}`;
}

export function runCase(c: CorpusCase, now: Date): ParseResult {
  return parseMeetingText(c.text, { now, timeZone: c.timeZone });
}

export function expectedFor(c: CorpusCase, now: Date): Expected {
  return expectedAt(c.rule, now, c.timeZone);
}

/** What a run gives, in a form two processes can compare: notation, instant, topic. */
export function outcome(result: ParseResult): string {
  return `${notation(result)} ${result.ok ? result.start.instant : '-'} ${JSON.stringify(result.topic)}`;
}
