/** The link preview (chat.unfurl) of a meeting the bot posted: topic, time, host, status, Join. */
import type { MeetingRecord } from '../../scheduling/types.js';
import { messages } from '../i18n/index.js';
import { JOIN_ACTION } from './meeting-message.js';
import { hostName } from './meeting-people.js';
import { escapeMrkdwn, slackDate, truncate } from './text.js';
import type { KnownBlock } from './types.js';

export function renderMeetingPreview(record: MeetingRecord): KnownBlock[] {
  const t = messages(record.locale);
  const m = t.message;
  const cancelled = record.status === 'cancelled';
  const topic = escapeMrkdwn(record.topic);
  const when = record.startInstant ? slackDate(record.startInstant, record.timeZone, record.locale) : m.now;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      block_id: 'preview_meeting',
      text: { type: 'mrkdwn', text: truncate(`:video_camera: *${cancelled ? `~${topic}~` : topic}*`, 3000) },
      fields: [
        { type: 'mrkdwn', text: `*${m.when}*\n${when}` },
        { type: 'mrkdwn', text: `*${m.host}*\n${hostName(record)}` },
      ],
    },
    {
      type: 'context',
      block_id: 'preview_status',
      elements: [{ type: 'mrkdwn', text: t.surfaces.unfurl.status[record.status] }],
    },
  ];
  // A link to a cancelled or ended meeting leads nowhere: no Join.
  if (record.status === 'scheduled' || record.status === 'started') {
    blocks.push({
      type: 'actions',
      block_id: 'preview_actions',
      elements: [
        {
          type: 'button',
          action_id: JOIN_ACTION,
          text: { type: 'plain_text', text: m.join },
          url: record.joinUrl,
          style: 'primary',
        },
      ],
    });
  }
  return blocks;
}
