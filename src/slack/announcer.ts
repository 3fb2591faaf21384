/**
 * The Slack side of the scheduling core's announcer: posts and re-renders meeting messages, adds
 * thread notes, and sends private messages. A channel the bot cannot post in falls back to the
 * command's (or the button's) response_url. Every call uses the bot token of the workspace it acts in.
 */
import { axios } from '../axios.js';
import type { Locale } from '../config.js';
import type { Logger } from '../log.js';
import { isStorageUnavailable } from '../redis.js';
import { hostSlackUser } from '../scheduling/change-permission.js';
import { NotShownError } from '../scheduling/ports/errors.js';
import type { SlackUserRef } from '../scheduling/ports/types.js';
import type { MeetingPublisher, Placement } from '../scheduling/scheduler.js';
import type { Invitee, MeetingNote, MeetingRecord, UserNote } from '../scheduling/types.js';
import { renderInvite } from './blocks/invite-message.js';
import { renderMeetingMessage } from './blocks/meeting-message.js';
import { notice, type PrivateMessage, startLinkMessage } from './blocks/notices.js';
import { escapeMrkdwn, slackDate } from './blocks/text.js';
import type { SlackClients } from './clients.js';
import { messages } from './i18n/index.js';
import { paced, type SlackPacer } from './pacing.js';
import type { ProfileCache } from './profiles.js';
import { isTransientSlackError, slackErrorCode } from './web.js';

export class SlackAnnouncer implements MeetingPublisher {
  constructor(
    private readonly clients: SlackClients,
    private readonly profiles: ProfileCache,
    private readonly logger: Logger,
    /** Channel posts and message updates wait for their slot, shared by every replica. */
    private readonly pacer?: SlackPacer,
  ) {}

  /** `call` in its paced slot when there is a pacer (else at once). */
  private paced<T>(
    method: 'chat.postMessage' | 'chat.update',
    where: { teamId: string; channelId: string },
    call: () => Promise<T>,
    message?: { ts: string; version: number },
  ): Promise<T | 'superseded'> {
    return this.pacer ? paced(this.pacer, method, where, call, message) : call();
  }

  /**
   * Posts the meeting in its channel, else through the response_url. Throws NotShownError when
   * Slack refuses both for good; a failure that may pass (429, 5xx, Redis away) is thrown as is.
   */
  async publish(record: MeetingRecord, startUrl: string | undefined): Promise<Placement> {
    const message = renderMeetingMessage(record);
    let posted: { ts?: string } | 'superseded';
    try {
      const client = await this.clients.forTeam(record.host);
      posted = await this.paced('chat.postMessage', this.where(record), () =>
        client.chat.postMessage({
          channel: record.channelId,
          ...(record.threadTs ? { thread_ts: record.threadTs } : {}),
          ...message,
        }),
      );
    } catch (err) {
      if (mayPass(err)) throw err;
      if (!record.responseUrl) throw new NotShownError(`channel post refused: ${describe(err)}`);
      this.logger.info('channel post refused; posting through the response_url', {
        channel: record.channelId,
      });
      try {
        await postToResponseUrl(record.responseUrl, {
          response_type: 'in_channel',
          replace_original: false,
          ...message,
        });
      } catch (fallbackErr) {
        if (mayPass(fallbackErr)) throw fallbackErr;
        throw new NotShownError(`channel post and response_url refused: ${describe(fallbackErr)}`);
      }
      if (startUrl) await this.giveStartLink(record, { responseUrl: record.responseUrl }, startUrl);
      const invitees = await this.invite(record);
      return {
        responseUrl: record.responseUrl,
        // The host of a meeting scheduled for them gets the start link by DM, not on this response_url.
        responseUrlPosts: startUrl && !hostSlackUser(record) ? 2 : 1,
        ...(invitees ? { invitees } : {}),
      };
    }
    if (posted === 'superseded') return {};
    const given = startUrl ? await this.giveStartLink(record, { channelId: record.channelId }, startUrl) : {};
    const invitees = await this.invite(record);
    return { ...(posted.ts ? { messageTs: posted.ts } : {}), ...(invitees ? { invitees } : {}), ...given };
  }

  /**
   * The start link, privately: to the host's Slack user for a meeting scheduled for them (ephemeral
   * in the channel, else a DM: the response_url would show it to the scheduler), in their language;
   * else to the scheduler. Slack refusing the host the ephemeral as not a member of the channel
   * (`user_not_in_channel`) is noted: they would not see the channel's reminder either.
   */
  private async giveStartLink(
    record: MeetingRecord,
    where: { channelId?: string; responseUrl?: string },
    startUrl: string,
  ): Promise<Pick<Placement, 'hostOutsideChannel'>> {
    const host = hostSlackUser(record);
    if (!host) {
      await this.tellUser(record.host, where, startLinkMessage(record.locale, record.topic, startUrl));
      return {};
    }
    const { locale } = await this.profiles.get(host).catch(() => ({ locale: record.locale }));
    const message = startLinkMessage(locale, record.topic, startUrl);
    let outside = false;
    if (where.channelId) {
      try {
        const client = await this.clients.forTeam(host);
        await client.chat.postEphemeral({ channel: where.channelId, user: host.userId, ...message });
        return {};
      } catch (err) {
        outside = slackErrorCode(err) === 'user_not_in_channel';
        this.logger.info('ephemeral start link refused; sending a DM', { error: err });
      }
    }
    await this.tellUser(host, {}, message);
    return outside ? { hostOutsideChannel: true } : {};
  }

  async refresh(record: MeetingRecord): Promise<void> {
    const message = renderMeetingMessage(record);
    if (record.messageTs) {
      const client = await this.clients.forTeam(record.host);
      const ts = record.messageTs;
      // Taken now, so an update asked for later (a newer state) makes this one unnecessary.
      const version = this.pacer ? await this.pacer.newVersion(record.channelId, ts) : 0;
      await this.paced(
        'chat.update',
        this.where(record),
        () => client.chat.update({ channel: record.channelId, ts, ...message }),
        { ts, version },
      );
    } else if (record.responseUrl) {
      await postToResponseUrl(record.responseUrl, { replace_original: true, ...message });
    }
    // A meeting is refreshed as cancelled once (every path checks the status first): tell invitees then.
    await this.followInvitations(
      record,
      record.status === 'cancelled'
        ? (locale) => messages(locale).invite.cancelled(escapeMrkdwn(record.topic))
        : undefined,
    );
  }

  /** Each invitee's DM invitation; one that cannot be sent is left out (and logged). */
  private async invite(record: MeetingRecord): Promise<Invitee[] | undefined> {
    if (!record.invitees?.length) return undefined;
    const client = await this.clients.forTeam(record.host);
    return Promise.all(
      record.invitees.map(async ({ userId }): Promise<Invitee> => {
        const user = { teamId: record.host.teamId, userId };
        try {
          const { locale } = await this.profiles.get(user);
          const channel = await this.directChannel(user);
          const posted = await client.chat.postMessage({ channel, ...renderInvite(record, locale) });
          return posted.ts ? { userId, dm: { channel, ts: posted.ts } } : { userId };
        } catch (err) {
          this.logger.warn('invitation not sent', { user: userId, error: err });
          return { userId };
        }
      }),
    );
  }

  /** The invitations show the meeting as it now is; `note` (in each invitee's language) says what changed. */
  private async followInvitations(
    record: MeetingRecord,
    note: ((locale: Locale) => string) | undefined,
  ): Promise<void> {
    const sent = (record.invitees ?? []).filter((i) => i.dm);
    if (sent.length === 0) return;
    const client = await this.clients.forTeam(record.host);
    await Promise.all(
      sent.map(async ({ userId, dm }) => {
        const { channel, ts } = dm!;
        try {
          const { locale } = await this.profiles.get({ teamId: record.host.teamId, userId });
          await client.chat.update({ channel, ts, ...renderInvite(record, locale) });
          if (note)
            await client.chat.postMessage({
              channel,
              thread_ts: ts,
              reply_broadcast: true,
              ...notice(note(locale)),
            });
        } catch (err) {
          this.logger.warn('invitation not updated', { user: userId, error: err });
        }
      }),
    );
  }

  private where(record: MeetingRecord): { teamId: string; channelId: string } {
    return { teamId: record.host.teamId, channelId: record.channelId };
  }

  async threadReply(record: MeetingRecord, note: MeetingNote): Promise<void> {
    const text = noteText(record, note);
    const message = { text, blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text } }] };
    if (record.messageTs) {
      const client = await this.clients.forTeam(record.host);
      await this.paced('chat.postMessage', this.where(record), () =>
        client.chat.postMessage({
          channel: record.channelId,
          // A meeting posted as a reply keeps its notes in the same thread.
          thread_ts: record.threadTs ?? record.messageTs,
          ...message,
        }),
      );
    } else if (record.responseUrl) {
      await postToResponseUrl(record.responseUrl, {
        response_type: 'in_channel',
        replace_original: false,
        ...message,
      });
    }
    // After the channel note, so a retried note does not tell the invitees twice.
    const move = note.kind === 'moved' ? note : note.kind === 'edited' ? note.move : undefined;
    if (move) {
      const to = (locale: Locale) =>
        messages(locale).invite.moved(
          escapeMrkdwn(record.topic),
          slackDate(move.toInstant, record.timeZone, locale),
        );
      await this.followInvitations(record, to);
    }
  }

  async notifyUser(user: SlackUserRef, note: UserNote): Promise<void> {
    const { locale } = await this.profiles.get(user);
    const t = messages(locale).notes;
    const text =
      note.kind === 'zoom_deauthorized' ? t.zoomDeauthorized : t.recordingNotShared(escapeMrkdwn(note.topic));
    await this.directMessage(user, { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] });
  }

  /** After /zoom connect: which Zoom account the user is now connected as. */
  async tellConnected(user: SlackUserRef, zoomEmail: string): Promise<void> {
    const { locale } = await this.profiles.get(user);
    await this.directMessage(user, notice(messages(locale).connectedDm(escapeMrkdwn(zoomEmail))));
  }

  async directMessage(user: SlackUserRef, message: PrivateMessage): Promise<void> {
    const client = await this.clients.forTeam(user);
    await client.chat.postMessage({ channel: await this.directChannel(user), ...message });
  }

  /** The id of the user's DM with the bot (where meetings go when no channel was given). */
  async directChannel(user: SlackUserRef): Promise<string> {
    const client = await this.clients.forTeam(user);
    const dm = await client.conversations.open({ users: user.userId });
    return dm.channel?.id as string;
  }

  /**
   * A message only `user` sees: ephemeral in the channel, else through the response_url, else a DM.
   * Never throws unless asked to (a job retrying it): a lost notice must not undo the work it reports.
   */
  async tellUser(
    user: SlackUserRef,
    where: { channelId?: string; responseUrl?: string },
    message: PrivateMessage,
    opts: { throwWhenUnreached?: boolean } = {},
  ): Promise<void> {
    if (where.channelId) {
      try {
        const client = await this.clients.forTeam(user);
        await client.chat.postEphemeral({ channel: where.channelId, user: user.userId, ...message });
        return;
      } catch (err) {
        this.logger.info('ephemeral message refused; trying other ways', { error: err });
      }
    }
    if (where.responseUrl) {
      try {
        await postToResponseUrl(where.responseUrl, {
          response_type: 'ephemeral',
          replace_original: false,
          ...message,
        });
        return;
      } catch (err) {
        this.logger.info('response_url refused; sending a DM', { error: err });
      }
    }
    await this.directMessage(user, message).catch((err) => {
      if (opts.throwWhenUnreached) throw err;
      this.logger.error('could not reach the user by any means', { user: user.userId, error: err });
    });
  }
}

function noteText(record: MeetingRecord, note: MeetingNote): string {
  const t = messages(record.locale).notes;
  if (note.kind === 'recording') return t.recording(note.shareUrl, note.passcode);
  const at = (instant: string) => slackDate(instant, record.timeZone, record.locale);
  const moved = (m: { fromInstant?: string; toInstant: string }) =>
    t.moved(m.fromInstant ? at(m.fromInstant) : messages(record.locale).message.now, at(m.toInstant));
  if (note.kind === 'moved') return moved(note);
  const minutes = messages(record.locale).minutes;
  return [
    ...(note.move ? [moved(note.move)] : []),
    ...(note.topic ? [t.topicChanged(escapeMrkdwn(note.topic.from), escapeMrkdwn(note.topic.to))] : []),
    ...(note.durationMinutes
      ? [t.durationChanged(minutes(note.durationMinutes.from), minutes(note.durationMinutes.to))]
      : []),
    ...(note.agenda ? [t.agendaChanged] : []),
  ].join('\n');
}

export async function postToResponseUrl(url: string, body: Record<string, unknown>): Promise<void> {
  await axios.post(url, body, { timeout: 5000, headers: { 'content-type': 'application/json' } });
}

const mayPass = (err: unknown) => isTransientSlackError(err) || isStorageUnavailable(err);

/** The Slack error code or HTTP status, never a URL. */
function describe(err: unknown): string {
  const status = (err as { response?: { status?: unknown } })?.response?.status;
  return (
    slackErrorCode(err) ?? (typeof status === 'number' ? `HTTP ${status}` : ((err as Error)?.name ?? 'error'))
  );
}
