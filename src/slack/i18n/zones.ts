/**
 * Time zones as people say them (「日本時間」, "Tokyo time"), not as IANA ids. Zones not listed
 * are named after their city ("Lisbon time", 「Lisbon 時間」).
 */
const NAMES: Record<string, { ja: string; en: string }> = {
  'Asia/Tokyo': { ja: '日本時間', en: 'Tokyo time' },
  'Asia/Seoul': { ja: '韓国時間', en: 'Seoul time' },
  'Asia/Shanghai': { ja: '中国時間', en: 'China time' },
  'Asia/Hong_Kong': { ja: '香港時間', en: 'Hong Kong time' },
  'Asia/Taipei': { ja: '台湾時間', en: 'Taipei time' },
  'Asia/Singapore': { ja: 'シンガポール時間', en: 'Singapore time' },
  'Asia/Bangkok': { ja: 'タイ時間', en: 'Bangkok time' },
  'Asia/Kolkata': { ja: 'インド時間', en: 'India time' },
  'Australia/Sydney': { ja: 'シドニー時間', en: 'Sydney time' },
  'Europe/London': { ja: 'イギリス時間', en: 'London time' },
  'Europe/Paris': { ja: 'フランス時間', en: 'Paris time' },
  'Europe/Berlin': { ja: 'ドイツ時間', en: 'Berlin time' },
  'America/New_York': { ja: '米国東部時間', en: 'Eastern time' },
  'America/Chicago': { ja: '米国中部時間', en: 'Central time' },
  'America/Denver': { ja: '米国山岳部時間', en: 'Mountain time' },
  'America/Los_Angeles': { ja: '米国太平洋時間', en: 'Pacific time' },
  'Pacific/Honolulu': { ja: 'ハワイ時間', en: 'Hawaii time' },
  UTC: { ja: '協定世界時（UTC）', en: 'UTC' },
  'Etc/UTC': { ja: '協定世界時（UTC）', en: 'UTC' },
};

export function zoneName(timeZone: string, locale: 'ja' | 'en'): string {
  const known = NAMES[timeZone];
  if (known) return known[locale];
  const city = (timeZone.split('/').at(-1) ?? timeZone).replace(/_/g, ' ');
  return locale === 'ja' ? `${city} 時間` : `${city} time`;
}
