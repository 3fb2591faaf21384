/** Small pure helpers for Slack mrkdwn. */
import type { Locale } from '../../config.js';
import { formatMeetingTime } from '../../time/index.js';

/** Slack's three control characters; after this `<!channel>` in a topic is plain text. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Plain-text fields are not parsed, but they have hard length limits. */
export function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** The time as each reader's own zone shows it, with a fallback in the meeting's zone and language. */
export function slackDate(instant: string, timeZone: string, locale: Locale): string {
  const unix = Math.floor(new Date(instant).getTime() / 1000);
  const fallback = escapeMrkdwn(formatMeetingTime(instant, timeZone, locale)).replace(/\|/g, '¦');
  return `<!date^${unix}^{date_short_pretty} {time}|${fallback}>`;
}

export function mention(userId: string): string {
  return `<@${userId}>`;
}
