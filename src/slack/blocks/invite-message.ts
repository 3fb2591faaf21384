/**
 * The invitation an invitee gets by DM, rendered from the meeting record in the invitee's language:
 * topic, time, Join and "Add to calendar". Never the start link (that is the host's alone).
 */
import type { Locale } from '../../config.js';
import type { MeetingRecord } from '../../scheduling/types.js';
import { messages } from '../i18n/index.js';
import { JOIN_ACTION, type RenderedMessage } from './meeting-message.js';
import { hostName } from './meeting-people.js';
import { escapeMrkdwn, mention, slackDate, truncate } from './text.js';
import type { KnownBlock } from './types.js';

export const CALENDAR_ACTION = 'add_to_calendar';

/** Google Calendar's event template link: `dates` as UTC `yyyyMMddTHHmmssZ/…`, the join link in `details`. */
export function calendarLink(record: MeetingRecord): string | undefined {
  if (!record.startInstant) return undefined;
  const start = Date.parse(record.startInstant);
  const stamp = (ms: number) => `${new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;
  const details = [record.joinUrl, ...(record.agenda ? ['', truncate(record.agenda, 500)] : [])].join('\n');
  const params = new URLSearchParams({
    action: 'TEMPLATE',
    text: record.topic,
    dates: `${stamp(start)}/${stamp(start + record.durationMinutes * 60_000)}`,
    details,
  });
  return `https://calendar.google.com/calendar/render?${params.toString()}`;
}

export function renderInvite(record: MeetingRecord, locale: Locale): RenderedMessage {
  const t = messages(locale);
  const cancelled = record.status === 'cancelled';
  const topic = escapeMrkdwn(record.topic);
  const when = record.startInstant ? slackDate(record.startInstant, record.timeZone, locale) : t.message.now;
  const shownTopic = cancelled ? `~${topic}~` : topic;
  // Scheduled for someone else: the host invites, and the scheduler is named as who booked it.
  const text = record.scheduledFor
    ? t.delegation.invitedBy(hostName(record), shownTopic, mention(record.host.userId))
    : t.invite.text(mention(record.host.userId), shownTopic);
  const blocks: KnownBlock[] = [
    { type: 'section', block_id: 'invite', text: { type: 'mrkdwn', text: truncate(text, 3000) } },
    {
      type: 'section',
      block_id: 'details',
      fields: [
        { type: 'mrkdwn', text: `*${t.message.when}*\n${cancelled ? `~${when}~` : when}` },
        { type: 'mrkdwn', text: `*${t.message.duration}*\n${t.minutes(record.durationMinutes)}` },
      ],
    },
  ];
  if (cancelled) {
    blocks.push({
      type: 'context',
      block_id: 'status',
      elements: [{ type: 'mrkdwn', text: t.message.cancelled }],
    });
  } else if (record.status === 'scheduled' || record.status === 'started') {
    const calendar = record.status === 'scheduled' ? calendarLink(record) : undefined;
    blocks.push({
      type: 'actions',
      block_id: 'invite_actions',
      elements: [
        {
          type: 'button',
          action_id: JOIN_ACTION,
          text: { type: 'plain_text', text: t.message.join },
          url: record.joinUrl,
          style: 'primary',
        },
        ...(calendar && calendar.length <= 3000
          ? [
              {
                type: 'button' as const,
                action_id: CALENDAR_ACTION,
                text: { type: 'plain_text' as const, text: t.invite.addToCalendar },
                url: calendar,
              },
            ]
          : []),
      ],
    });
  }
  return { text: truncate(text, 3000), blocks };
}
