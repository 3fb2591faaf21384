/**
 * The reminder before a meeting: one Slack scheduled message (chat.scheduleMessage) in the
 * meeting's channel at start − N minutes, or one per DM to the host and invitees where the bot
 * cannot post in the channel. `sync` makes Slack's scheduled messages match the record as it is
 * now (moved, cancelled, a series' next occurrence), and keeps their ids on the record.
 */
import type { Logger } from '../log.js';
import type { MeetingRecords } from '../scheduling/ports/storage.js';
import type { MeetingRecord, ScheduledReminder } from '../scheduling/types.js';
import { JOIN_ACTION } from './blocks/meeting-message.js';
import { escapeMrkdwn, slackDate } from './blocks/text.js';
import type { KnownBlock } from './blocks/types.js';
import type { SlackClients } from './clients.js';
import { messages } from './i18n/index.js';
import type { ProfileCache } from './profiles.js';
import { slackErrorCode } from './web.js';

/** Slack posts nothing scheduled more than 120 days ahead; one due within a minute may be missed. */
const MAX_AHEAD_SECONDS = 120 * 24 * 3600;
const MIN_AHEAD_SECONDS = 60;
/** Where the bot cannot post: the reminder goes by DM instead. */
const CHANNEL_REFUSALS = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

export class ReminderSync {
  constructor(
    private readonly clients: SlackClients,
    private readonly meetings: MeetingRecords,
    private readonly profiles: Pick<ProfileCache, 'get'>,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** When the reminder should post (epoch seconds), or undefined when there should be none. */
  postAtFor(record: MeetingRecord): number | undefined {
    const minutes = record.reminder?.minutes ?? 0;
    if (record.status !== 'scheduled' || !record.startInstant || minutes <= 0) return undefined;
    const postAt = Math.floor(Date.parse(record.startInstant) / 1000) - minutes * 60;
    const now = Math.floor(this.now().getTime() / 1000);
    return postAt > now + MIN_AHEAD_SECONDS && postAt <= now + MAX_AHEAD_SECONDS ? postAt : undefined;
  }

  /** Never throws: a reminder lost is logged, it must not undo or repeat the change it follows. */
  async sync(record: MeetingRecord): Promise<void> {
    try {
      await this.syncOrThrow(record);
    } catch (err) {
      this.logger.warn('reminder not scheduled', { meetingId: record.meetingId, error: err });
    }
  }

  private async syncOrThrow(record: MeetingRecord): Promise<void> {
    if (!record.reminder) return;
    const postAt = this.postAtFor(record);
    const waiting = record.reminder.scheduled ?? [];
    if (waiting.length > 0 && waiting.every((s) => s.postAt === postAt)) return;
    if (waiting.length === 0 && postAt === undefined) return;
    await this.remove(record, waiting);
    const scheduled = postAt === undefined ? [] : await this.schedule(record, postAt);
    let lost = false;
    await this.meetings.update(record.meetingId, (r) => {
      // Another sync changed them meanwhile: its messages stay, these go.
      if (JSON.stringify(r.reminder?.scheduled ?? []) !== JSON.stringify(waiting)) {
        lost = true;
        return r;
      }
      return { ...r, reminder: { minutes: r.reminder?.minutes ?? 0, scheduled } };
    });
    if (lost) await this.remove(record, scheduled);
  }

  private async remove(record: MeetingRecord, waiting: ScheduledReminder[]): Promise<void> {
    if (waiting.length === 0) return;
    const client = await this.clients.forTeam(record.host);
    for (const s of waiting) {
      try {
        await client.chat.deleteScheduledMessage({ channel: s.channel, scheduled_message_id: s.id });
      } catch (err) {
        // Already posted or deleted: nothing is waiting any more.
        if (slackErrorCode(err) !== 'invalid_scheduled_message_id') throw err;
      }
    }
  }

  private async schedule(record: MeetingRecord, postAt: number): Promise<ScheduledReminder[]> {
    const client = await this.clients.forTeam(record.host);
    try {
      const answer = await client.chat.scheduleMessage({
        channel: record.channelId,
        post_at: postAt,
        ...this.message(record, record.locale),
      });
      return [{ channel: record.channelId, id: String(answer.scheduled_message_id), postAt }];
    } catch (err) {
      if (!CHANNEL_REFUSALS.has(slackErrorCode(err) ?? '')) throw err;
    }
    // The host of a meeting scheduled for them is reminded too, besides whoever scheduled it (who
    // would have seen the reminder in the channel they posted it in).
    const host = record.scheduledFor?.slackUserId;
    const people = [
      ...new Set([
        record.host.userId,
        ...(host ? [host] : []),
        ...(record.invitees ?? []).map((i) => i.userId),
      ]),
    ];
    const sent: ScheduledReminder[] = [];
    for (const userId of people) {
      const user = { teamId: record.host.teamId, userId };
      const [{ locale }, dm] = await Promise.all([
        this.profiles.get(user),
        client.conversations.open({ users: userId }),
      ]);
      const channel = dm.channel?.id;
      if (!channel) continue;
      const answer = await client.chat.scheduleMessage({
        channel,
        post_at: postAt,
        ...this.message(record, locale),
      });
      sent.push({ channel, id: String(answer.scheduled_message_id), postAt });
    }
    return sent;
  }

  private message(
    record: MeetingRecord,
    locale: MeetingRecord['locale'],
  ): { text: string; blocks: KnownBlock[] } {
    const t = messages(locale);
    const text = t.reminderMessage(
      escapeMrkdwn(record.topic),
      slackDate(record.startInstant as string, record.timeZone, locale),
    );
    return {
      text,
      blocks: [
        { type: 'section', block_id: 'reminder', text: { type: 'mrkdwn', text } },
        {
          type: 'actions',
          block_id: 'reminder_actions',
          elements: [
            {
              type: 'button',
              action_id: JOIN_ACTION,
              text: { type: 'plain_text', text: t.message.join },
              url: record.joinUrl,
              style: 'primary',
            },
          ],
        },
      ],
    };
  }
}
