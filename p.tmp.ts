import { parseMeetingText } from './src/time/index.ts';
import { toZoomRecurrence } from './src/time/recurrence.ts';
const now = new Date(process.env.NOW ?? '2026-11-25T00:30:00Z');
const tz = process.env.ZONE ?? 'Asia/Tokyo';
for (const t of process.argv.slice(2)) { const r = parseMeetingText(t, { now, timeZone: tz }); console.log(t, '=>', r.ok ? r.start.local : '!' + r.reason, JSON.stringify(r.topic), r.recurrence ? JSON.stringify(toZoomRecurrence(r.recurrence, tz)) : '-'); }
