/** Private (ephemeral / DM) messages: help, connect prompt, start link, failures, the meeting list. */

import type { Locale } from '../../config.js';
import { isStorageUnavailable } from '../../redis.js';
import type { ZoomMeeting } from '../../scheduling/ports/zoom.js';
import {
  ZoomNoAnswerError,
  ZoomNotConnectedError,
  ZoomNotFoundError,
  ZoomRateLimitError,
  ZoomUnavailableError,
  ZoomValidationError,
} from '../../zoom/errors.js';
import { messages } from '../i18n/index.js';
import { JOIN_ACTION } from './meeting-message.js';
import { escapeMrkdwn, slackDate, truncate } from './text.js';
import type { KnownBlock } from './types.js';

export const CONNECT_ACTION = 'zoom_connect';
export const START_ACTION = 'start_meeting';
/** In /zoom list: asks Zoom for a fresh start link (the one given at creation expires after ~2 h). */
export const FRESH_START_ACTION = 'fresh_start_link';

export interface PrivateMessage {
  text: string;
  blocks: KnownBlock[];
}

const section = (text: string): KnownBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: truncate(text, 3000) },
});

export function notice(text: string): PrivateMessage {
  return { text, blocks: [section(text)] };
}

export function helpMessage(locale: Locale): PrivateMessage {
  const h = messages(locale).help;
  const examples = h.examples.map((e) => `• \`${escapeMrkdwn(e)}\``).join('\n');
  return {
    text: h.title,
    blocks: [section(`*${h.title}*`), section(h.body), section(examples)],
  };
}

export function connectPrompt(locale: Locale, authorizeUrl: string, intro?: string): PrivateMessage {
  const c = messages(locale).connect;
  const text = intro ? `${intro}\n${c.prompt}` : c.prompt;
  return {
    text,
    blocks: [
      section(text),
      {
        type: 'actions',
        block_id: 'connect',
        elements: [
          {
            type: 'button',
            action_id: CONNECT_ACTION,
            text: { type: 'plain_text', text: c.button },
            url: authorizeUrl,
            style: 'primary',
          },
        ],
      },
    ],
  };
}

/** Goes to the host only: the link carries the host's key. */
export function startLinkMessage(locale: Locale, topic: string, startUrl: string): PrivateMessage {
  const s = messages(locale).startLink;
  const text = s.text(escapeMrkdwn(topic));
  return {
    text,
    blocks: [
      section(text),
      { type: 'context', elements: [{ type: 'mrkdwn', text: s.expires }] },
      {
        type: 'actions',
        block_id: 'start',
        elements: [
          {
            type: 'button',
            action_id: START_ACTION,
            text: { type: 'plain_text', text: s.button },
            url: startUrl,
          },
        ],
      },
    ],
  };
}

/**
 * When a Zoom rate limit lifts: Retry-After when Zoom sends it; the daily limits reset at 00:00 UTC
 * (developers.zoom.us/docs/api/rest/rate-limits); a per-second limit has no time worth showing.
 */
function rateLimitLifts(err: ZoomRateLimitError, now: Date): Date | undefined {
  if (err.retryAfterSeconds !== undefined) return new Date(now.getTime() + err.retryAfterSeconds * 1000);
  if (!/daily/i.test(err.message)) return undefined;
  const midnight = new Date(now);
  midnight.setUTCHours(24, 0, 0, 0);
  return midnight;
}

/**
 * What the user reads when Zoom refused or failed; never includes tokens or links. Times are
 * `<!date>` tokens: Slack shows them in each reader's own zone.
 */
export function failureText(locale: Locale, err: unknown, now = new Date()): string {
  const f = messages(locale).failures;
  if (isStorageUnavailable(err)) return f.storageUnavailable;
  if (err instanceof ZoomNotConnectedError) return f.notConnected;
  if (err instanceof ZoomRateLimitError) {
    const lifts = rateLimitLifts(err, now);
    return f.rateLimited(lifts && slackDate(lifts.toISOString(), 'UTC', locale));
  }
  // No answer is not "nothing happened": Zoom may have acted, and a blind retry could double it.
  if (err instanceof ZoomNoAnswerError) return f.noAnswer;
  if (err instanceof ZoomUnavailableError) return f.unavailable;
  if (err instanceof ZoomNotFoundError) return f.notFound;
  if (err instanceof ZoomValidationError) {
    const detail =
      err.fields.length > 0 ? err.fields.map((x) => `${x.field}: ${x.message}`).join('; ') : err.message;
    return f.rejected(escapeMrkdwn(truncate(detail, 500)));
  }
  return f.unexpected;
}

export function meetingListMessage(
  locale: Locale,
  timeZone: string,
  meetings: ZoomMeeting[],
): PrivateMessage {
  const l = messages(locale).list;
  if (meetings.length === 0) return notice(l.none);
  const blocks: KnownBlock[] = [section(`*${l.heading}*`)];
  // Two blocks a meeting: 20 meetings stay under the 50 blocks of a message.
  for (const meeting of meetings.slice(0, 20)) {
    const when = meeting.start_time
      ? slackDate(meeting.start_time, meeting.timezone ?? timeZone, locale)
      : '';
    blocks.push(section(`*${escapeMrkdwn(meeting.topic)}*\n${when}`), {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: `${JOIN_ACTION}_${meeting.id}`,
          text: { type: 'plain_text', text: messages(locale).message.join },
          url: meeting.join_url,
        },
        {
          type: 'button',
          action_id: FRESH_START_ACTION,
          text: { type: 'plain_text', text: messages(locale).startLink.button },
          value: String(meeting.id),
        },
      ],
    });
  }
  return { text: l.heading, blocks };
}
