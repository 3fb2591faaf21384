/**
 * Run as a child process under a given TZ by server-zone.test.ts: prints, one JSON array, what every
 * corpus phrase gives (notation, topic, instant, preview in both languages) and what the server's own
 * clock says about New York's DST gap, which proves the TZ setting was live.
 */
import { formatMeetingTime } from '../../src/time/index.js';
import { corpus, notation, runCase } from './corpus.js';

const rows = corpus.map((c) => {
  const result = runCase(c);
  const instant = result.ok ? result.start.instant : null;
  const zone = result.ok ? result.start.timeZone : 'UTC';
  return [
    notation(result),
    result.topic,
    instant,
    instant ? formatMeetingTime(instant, zone, 'ja') : null,
    instant ? formatMeetingTime(instant, zone, 'en') : null,
  ];
});
// Local-time constructor on purpose: shows which zone this process runs in.
const serverProbe = new Date(2026, 2, 8, 2, 30).getHours();
process.stdout.write(JSON.stringify({ serverProbe, rows }));
