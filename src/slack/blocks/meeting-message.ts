/**
 * The channel message of one meeting, rendered from its record alone: scheduled, live, ended or
 * cancelled. Every flow (create, reschedule, cancel, Zoom events) shows a meeting through this.
 */

import type { MeetingRecord } from '../../scheduling/types.js';
import { describeRecurrence } from '../../time/recurrence-words.js';
import { messages } from '../i18n/index.js';
import { hostName } from './meeting-people.js';
import { escapeMrkdwn, mention, slackDate, slackEnd, truncate } from './text.js';
import type { KnownBlock } from './types.js';

export const RESCHEDULE_ACTION = 'reschedule_meeting';
export const CANCEL_ACTION = 'cancel_meeting';
export const JOIN_ACTION = 'join_meeting';

export interface RenderedMessage {
  text: string;
  blocks: KnownBlock[];
}

export function ranMinutes(record: MeetingRecord): number | undefined {
  if (record.durationRanMinutes !== undefined) return record.durationRanMinutes;
  if (!record.startedAt || !record.endedAt) return undefined;
  return Math.max(0, Math.round((Date.parse(record.endedAt) - Date.parse(record.startedAt)) / 60000));
}

export function renderMeetingMessage(record: MeetingRecord): RenderedMessage {
  const m = messages(record.locale).message;
  const t = messages(record.locale);
  const topic = escapeMrkdwn(record.topic);
  const cancelled = record.status === 'cancelled';
  const title = cancelled ? `~${topic}~` : topic;
  // Start – end, both as <!date> tokens: each reader sees them in their own zone.
  const date = record.startInstant
    ? `${slackDate(record.startInstant, record.timeZone, record.locale)} – ${slackEnd(record.startInstant, record.durationMinutes, record.timeZone, record.locale)}`
    : m.now;
  const when = record.series ? seriesWhen(record, date) : date;

  const fields = [
    `*${m.when}*\n${cancelled ? `~${when}~` : when}`,
    `*${m.duration}*\n${t.minutes(record.durationMinutes)}`,
    `*${m.host}*\n${hostLine(record)}`,
  ];
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'meeting',
      text: { type: 'mrkdwn', text: truncate(`:video_camera: *${title}*`, 3000) },
    },
    { type: 'section', block_id: 'details', fields: fields.map((text) => ({ type: 'mrkdwn', text })) },
  ];
  if (record.agenda && !cancelled) {
    blocks.push({
      type: 'section',
      block_id: 'agenda',
      text: { type: 'mrkdwn', text: truncate(`*${m.agenda}*\n${escapeMrkdwn(record.agenda)}`, 3000) },
    });
  }

  const status = statusLine(record);
  if (status)
    blocks.push({ type: 'context', block_id: 'status', elements: [{ type: 'mrkdwn', text: status }] });

  const join = {
    type: 'button' as const,
    action_id: JOIN_ACTION,
    text: { type: 'plain_text' as const, text: m.join },
    url: record.joinUrl,
    style: 'primary' as const,
  };
  if (record.status === 'scheduled') {
    blocks.push({
      type: 'actions',
      block_id: 'meeting_actions',
      elements: [
        join,
        {
          type: 'button',
          action_id: RESCHEDULE_ACTION,
          text: { type: 'plain_text', text: m.reschedule },
          value: record.meetingId,
        },
        {
          type: 'button',
          action_id: CANCEL_ACTION,
          text: { type: 'plain_text', text: m.cancel },
          value: record.meetingId,
          style: 'danger',
          // A series asks in a form which meetings to cancel, so no second confirmation here.
          ...(record.series
            ? {}
            : {
                confirm: {
                  title: { type: 'plain_text' as const, text: m.confirmTitle },
                  text: { type: 'plain_text' as const, text: m.confirmText },
                  confirm: { type: 'plain_text' as const, text: m.confirmYes },
                  deny: { type: 'plain_text' as const, text: m.confirmNo },
                  style: 'danger' as const,
                },
              }),
        },
      ],
    });
  } else if (record.status === 'started') {
    blocks.push({ type: 'actions', block_id: 'meeting_actions', elements: [join] });
  }
  const text = `${m.fallbackText(topic)}${status ? ` (${status})` : ''}`;
  return { text: truncate(text, 3000), blocks };
}

/** "毎週火・木 9:30" and the occurrence shown: "次回: <!date…>" / "Every Tue, Thu 9:30 AM" "Next: …". */
function seriesWhen(record: MeetingRecord, date: string): string {
  const series = record.series!;
  const [hour, minute] = series.firstLocal.slice(11, 16).split(':').map(Number) as [number, number];
  const words = describeRecurrence(series.rule, record.locale, { hour, minute });
  return `${escapeMrkdwn(words)}\n${messages(record.locale).repeat.next(date)}`;
}

/**
 * The host: the scheduler's own meeting names them; one scheduled for someone else names that host
 * (their Slack user, else their Zoom email) and who scheduled it, in the scheduler's language.
 */
function hostLine(record: MeetingRecord): string {
  if (!record.scheduledFor) return hostName(record);
  return `${hostName(record)}\n${messages(record.locale).delegation.scheduledBy(mention(record.host.userId))}`;
}

function statusLine(record: MeetingRecord): string | undefined {
  const m = messages(record.locale).message;
  switch (record.status) {
    case 'started':
      return m.live;
    case 'ended':
      return m.ended(ranMinutes(record));
    case 'cancelled':
      return m.cancelled;
    default:
      return undefined;
  }
}
