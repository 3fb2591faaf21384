/**
 * Shortcuts that open the usual scheduling modal: from a message (prefilled from its text, the
 * meeting posted in its thread) and from anywhere (global, the channel then has to be chosen).
 */

import type {
  AllMiddlewareArgs,
  App,
  GlobalShortcut,
  MessageShortcut,
  SlackShortcutMiddlewareArgs,
} from '@slack/bolt';
import type { SlackUserRef } from '../../zoom/types.js';
import { failureText, notice, type PrivateMessage } from '../blocks/notices.js';
import { openScheduleModal } from '../commands/open-modal.js';
import type { SlackDeps } from '../deps.js';
import { messages } from '../i18n/index.js';
import { readWhen } from '../views/when.js';
import { slackErrorCode } from '../web.js';
import { messagePrefill } from './message-text.js';

export const MESSAGE_SHORTCUT = 'schedule_from_message';
export const GLOBAL_SHORTCUT = 'schedule_meeting_global';

type MessageArgs = SlackShortcutMiddlewareArgs<MessageShortcut> & AllMiddlewareArgs;
type GlobalArgs = SlackShortcutMiddlewareArgs<GlobalShortcut> & AllMiddlewareArgs;

export function register(app: App, services: SlackDeps): void {
  app.shortcut<MessageShortcut>(MESSAGE_SHORTCUT, messageShortcut(services));
  app.shortcut<GlobalShortcut>(GLOBAL_SHORTCUT, globalShortcut(services));
}

/** The first line without its time words ("明日15時 定例" -> "定例"); the line itself when none. */
export function topicOf(firstLine: string, services: SlackDeps): string {
  if (!firstLine) return '';
  const { timeZone, locale } = services.profiles.defaults;
  const parsed = readWhen(firstLine, timeZone, locale, services.now());
  return parsed.matchedText && parsed.topic ? parsed.topic : firstLine;
}

export function messageShortcut(services: SlackDeps) {
  return async ({ ack, shortcut, body, client, respond }: MessageArgs): Promise<void> => {
    await ack();
    const user: SlackUserRef = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
    const { firstLine, flat } = messagePrefill(shortcut.message.text);
    const reply = (message: PrivateMessage) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...(message as { text: string }) });
    const author = shortcut.message.user;
    await opening(services, user, reply, () =>
      openScheduleModal(services, client, {
        user,
        text: flat,
        topic: topicOf(firstLine, services),
        triggerId: shortcut.trigger_id,
        channelId: shortcut.channel.id,
        responseUrl: shortcut.response_url,
        // A reply's own thread is its parent's: the meeting joins that thread.
        threadTs: (shortcut.message.thread_ts as string | undefined) ?? shortcut.message.ts,
        ...(author && author !== user.userId ? { invitees: [author] } : {}),
        reply,
      }),
    );
  };
}

export function globalShortcut(services: SlackDeps) {
  return async ({ ack, shortcut, client }: GlobalArgs): Promise<void> => {
    await ack();
    const user: SlackUserRef = {
      teamId: shortcut.team?.id ?? shortcut.user.team_id ?? '',
      userId: shortcut.user.id,
    };
    // No conversation and no response_url: private answers go to the user's DM with the bot.
    const reply = (message: PrivateMessage) => services.announcer.tellUser(user, {}, message);
    await opening(services, user, reply, () =>
      openScheduleModal(services, client, {
        user,
        text: '',
        triggerId: shortcut.trigger_id,
        channelId: '',
        reply,
      }),
    );
  };
}

/** The modal could not be opened: the user is told why, in their language. */
async function opening(
  services: SlackDeps,
  user: SlackUserRef,
  reply: (message: PrivateMessage) => Promise<unknown>,
  open: () => Promise<void>,
): Promise<void> {
  try {
    await open();
  } catch (err) {
    services.logger.warn('scheduling form not opened from a shortcut', { error: err });
    const { locale } = (await services.profiles.cached(user).catch(() => null)) ?? services.profiles.defaults;
    const expired = slackErrorCode(err) === 'expired_trigger_id';
    const text = expired ? messages(locale).surfaces.shortcutExpired : failureText(locale, err);
    await Promise.resolve(reply(notice(text))).catch(() => undefined);
  }
}
