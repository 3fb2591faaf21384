/**
 * Zones named in the text. A name that keeps daylight saving ("ET", "Pacific", "Paris time",
 * 米国東部時間) is the IANA zone, so its offset follows that zone's rules on the meeting's date; an
 * abbreviation of one side of the year (EST, PDT, CET, JST, KST, UTC, GMT) is a fixed offset.
 * Runs before the other readers, so chrono never reads these words with its own table.
 */
import type { NamedZone, Reading } from './reading.js';
import { mask } from './text.js';

/** Names of zones with daylight saving (and the few without, said as places), lower case. */
const PLACES: Record<string, string> = {
  eastern: 'America/New_York',
  'new york': 'America/New_York',
  ny: 'America/New_York',
  nyc: 'America/New_York',
  central: 'America/Chicago',
  chicago: 'America/Chicago',
  mountain: 'America/Denver',
  denver: 'America/Denver',
  pacific: 'America/Los_Angeles',
  'los angeles': 'America/Los_Angeles',
  la: 'America/Los_Angeles',
  'san francisco': 'America/Los_Angeles',
  sf: 'America/Los_Angeles',
  seattle: 'America/Los_Angeles',
  london: 'Europe/London',
  uk: 'Europe/London',
  paris: 'Europe/Paris',
  berlin: 'Europe/Berlin',
  amsterdam: 'Europe/Amsterdam',
  'central european': 'Europe/Paris',
  sydney: 'Australia/Sydney',
  tokyo: 'Asia/Tokyo',
  japan: 'Asia/Tokyo',
  seoul: 'Asia/Seoul',
  korea: 'Asia/Seoul',
  singapore: 'Asia/Singapore',
  india: 'Asia/Kolkata',
};

/** Two-letter names of the US zones, which keep daylight saving: written in capitals only. */
const US_SHORT: Record<string, string> = {
  ET: 'America/New_York',
  CT: 'America/Chicago',
  MT: 'America/Denver',
  PT: 'America/Los_Angeles',
};

/** Fixed offsets in minutes east of UTC. */
const FIXED: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  IST: 330,
  SGT: 480,
  HKT: 480,
  JST: 540,
  KST: 540,
  ACST: 570,
  AEST: 600,
  AEDT: 660,
  NZST: 720,
  NZDT: 780,
  HST: -600,
  AKST: -540,
  AKDT: -480,
  PST: -480,
  PDT: -420,
  MST: -420,
  MDT: -360,
  CST: -360,
  CDT: -300,
  EST: -300,
  EDT: -240,
};

const JAPANESE_NAMES: Record<string, string> = {
  日本時間: 'Asia/Tokyo',
  東京時間: 'Asia/Tokyo',
  米国東部時間: 'America/New_York',
  米東部時間: 'America/New_York',
  東部時間: 'America/New_York',
  ニューヨーク時間: 'America/New_York',
  米国中部時間: 'America/Chicago',
  中部時間: 'America/Chicago',
  シカゴ時間: 'America/Chicago',
  米国山岳部時間: 'America/Denver',
  山岳部時間: 'America/Denver',
  米国太平洋時間: 'America/Los_Angeles',
  太平洋時間: 'America/Los_Angeles',
  米国西海岸時間: 'America/Los_Angeles',
  西海岸時間: 'America/Los_Angeles',
  ロンドン時間: 'Europe/London',
  英国時間: 'Europe/London',
  イギリス時間: 'Europe/London',
  パリ時間: 'Europe/Paris',
  中央ヨーロッパ時間: 'Europe/Paris',
  ベルリン時間: 'Europe/Berlin',
  シドニー時間: 'Australia/Sydney',
  シンガポール時間: 'Asia/Singapore',
  韓国時間: 'Asia/Seoul',
  ソウル時間: 'Asia/Seoul',
  インド時間: 'Asia/Kolkata',
};

const byLength = (names: string[]) => names.sort((a, b) => b.length - a.length).join('|');
const PLACE = byLength(Object.keys(PLACES)).replace(/ /g, '\\s+');

// A name that could be an ordinary word is a zone only right after a clock time ("3pm Eastern",
// "10:00 (ET)", "9 Pacific"); "<place> time" and the Japanese names are zones anywhere.
const AFTER_CLOCK = '(?<=(?:\\d|[ap]\\.?m\\.?|noon|midnight|時|分|半|正午)\\s*(?:\\(\\s*)?(?:in\\s+)?)';
const PLACE_TIME = new RegExp(`(?<![a-z])(${PLACE})(?:\\s+standard)?\\s+time(?![a-z])`, 'i');
// Alone after a clock only the US region names ("3pm Eastern"); a city needs "time" ("4pm Chicago
// time"), so that "10am NY office" or "at 4 SF sync" keep their topic.
const PLACE_AFTER_CLOCK = new RegExp(`${AFTER_CLOCK}(eastern|central|mountain|pacific)(?![a-z])`, 'i');
const ABBREVIATION = new RegExp(
  `(?<![A-Za-z])(${byLength([...Object.keys(FIXED), ...Object.keys(US_SHORT)])})(?:\\s*([+-])\\s*(\\d{1,2})(?::?(\\d{2}))?)?(?![A-Za-z])`,
);
const TIME_WORD = /time/i;
const REGION_WORD = /eastern|central|mountain|pacific/i;
const CAPITALS = /[A-Z]{2}/;
const JAPANESE = new RegExp(`(${byLength(Object.keys(JAPANESE_NAMES))})(?:\\s*の)?`);

function zoneOfAbbreviation(m: RegExpExecArray): NamedZone | undefined {
  const name = m[1]!;
  const us = US_SHORT[name];
  if (us) return m[2] ? undefined : { iana: us };
  const base = FIXED[name];
  if (base === undefined) return undefined;
  // "UTC+9", "GMT-05:30": an offset written with UTC or GMT.
  if (m[2] && (name === 'UTC' || name === 'GMT')) {
    const minutes = Number(m[3]) * 60 + Number(m[4] ?? 0);
    return minutes <= 14 * 60 ? { offsetMinutes: m[2] === '-' ? -minutes : minutes } : undefined;
  }
  return m[2] ? undefined : { offsetMinutes: base };
}

/** Finds one zone name, reads it into `reading.zone` and blanks it. */
export function readZoneWords(text: string, reading: Reading): string {
  const candidates: { m: RegExpExecArray; zone: NamedZone | undefined }[] = [];
  // Cheap tests first: most texts name no zone, and each pattern below scans the whole text.
  const japanese = text.includes('時間') ? JAPANESE.exec(text) : null;
  if (japanese) candidates.push({ m: japanese, zone: { iana: JAPANESE_NAMES[japanese[1]!]! } });
  const placeTime = TIME_WORD.test(text) ? PLACE_TIME.exec(text) : null;
  if (placeTime) candidates.push({ m: placeTime, zone: { iana: PLACES[placeOf(placeTime[1]!)]! } });
  const place = REGION_WORD.test(text) ? PLACE_AFTER_CLOCK.exec(text) : null;
  if (place) candidates.push({ m: place, zone: { iana: PLACES[placeOf(place[1]!)]! } });
  const abbreviation = CAPITALS.test(text) ? ABBREVIATION.exec(text) : null;
  if (abbreviation) {
    // Capitals only for a word on its own after a clock ("ET"); fixed ones are unmistakable.
    const afterClock = new RegExp(`${AFTER_CLOCK}$`, 'i').test(text.slice(0, abbreviation.index));
    if (afterClock || abbreviation[1]!.length >= 3) {
      candidates.push({ m: abbreviation, zone: zoneOfAbbreviation(abbreviation) });
    }
  }
  const first = candidates.filter((c) => c.zone).sort((a, b) => a.m.index - b.m.index)[0];
  if (!first?.zone) return text;
  reading.zone = first.zone;
  const span = { index: first.m.index, end: first.m.index + first.m[0].length };
  reading.spans.push(span);
  return mask(text, span);
}

function placeOf(written: string): string {
  return written.toLowerCase().replace(/\s+/g, ' ');
}
