/** Picks the language from a Slack locale ("ja-JP", "en-US"); unknown locales use the configured default. */
import type { Locale } from '../../config.js';
import { en } from './en.js';
import { ja } from './ja.js';
import type { Messages } from './types.js';

export type { Messages, ZoomOption } from './types.js';

export function messages(locale: Locale): Messages {
  return locale === 'ja' ? ja : en;
}

export function localeFromSlack(slackLocale: string | undefined, fallback: Locale): Locale {
  if (!slackLocale) return fallback;
  const lang = slackLocale.toLowerCase().split(/[-_]/)[0];
  if (lang === 'ja') return 'ja';
  return 'en';
}
