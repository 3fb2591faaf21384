/**
 * Run as a child process under a given TZ by corpus.test.ts: prints, one JSON object, what every
 * corpus phrase gives at every reference (notation, instant, topic, preview in both languages) and
 * what the server's own clock says about New York's DST gap, which proves the TZ setting was live.
 */
import { formatMeetingTime } from '../../src/time/index.js';
import { corpus, instantOf, outcome, references, runCase } from './corpus.js';

const rows = corpus.map((c) =>
  references.map((reference) => {
    const now = instantOf(reference, c.timeZone);
    const result = runCase(c, now);
    if (!result.ok) return outcome(result);
    const ja = formatMeetingTime(result.start.instant, c.timeZone, 'ja', { now });
    const en = formatMeetingTime(result.start.instant, c.timeZone, 'en', { now });
    return `${outcome(result)} | ${ja} | ${en}`;
  }),
);
// Local-time constructor on purpose: shows which zone this process runs in.
const serverProbe = new Date(2026, 2, 8, 2, 30).getHours();
process.stdout.write(JSON.stringify({ serverProbe, rows }));
