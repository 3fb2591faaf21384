/** ISO 8601 with the zone's offset, e.g. "2026-12-02T15:00:00+09:00" (what a workflow step outputs). */
import { wallTimeAt } from './zone.js';

const pad = (n: number) => String(n).padStart(2, '0');

export function isoWithOffset(instant: string, timeZone: string): string {
  const ms = Date.parse(instant);
  if (!Number.isFinite(ms)) throw new RangeError(`not a valid instant: ${instant}`);
  const w = wallTimeAt(ms, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  const offset = Math.round((wallAsUtc - Math.floor(ms / 1000) * 1000) / 60000);
  const abs = Math.abs(offset);
  const zone = `${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${zone}`;
}
