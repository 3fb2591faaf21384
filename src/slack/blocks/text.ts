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

/**
 * The end of a meeting after `slackDate`: the clock alone ("– 15:30", each reader's own zone and
 * 12/24-hour setting), with the date when the meeting ends on another day in its own zone.
 */
export function slackEnd(startInstant: string, minutes: number, timeZone: string, locale: Locale): string {
  const start = Date.parse(startInstant);
  const end = new Date(start + minutes * 60_000).toISOString();
  const sameDay =
    formatMeetingTime(startInstant, timeZone, locale).split(' ')[0] ===
    formatMeetingTime(end, timeZone, locale).split(' ')[0];
  if (!sameDay) return slackDate(end, timeZone, locale);
  const unix = Math.floor(Date.parse(end) / 1000);
  const clock = escapeMrkdwn(formatMeetingTime(end, timeZone, locale).split(' ').at(-1) ?? '');
  return `<!date^${unix}^{time}|${clock}>`;
}
