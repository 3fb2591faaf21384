/** `/zoom`: help, connect, disconnect, now, list, or free text that opens the scheduling modal. */

import type { AllMiddlewareArgs, App, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isStorageUnavailable } from '../../redis.js';
import type { SlackUserRef } from '../../scheduling/ports/types.js';
import { MAX_PARSE_LENGTH } from '../../time/index.js';
import { connectPrompt, failureText, helpMessage, meetingListMessage, notice } from '../blocks/notices.js';
import type { SlackDeps } from '../deps.js';
import { disconnectUser, eraseUser } from '../forget-user.js';
import { messages } from '../i18n/index.js';
import { quickProfile } from '../quick-profile.js';
import { readWhen } from '../views/when.js';
import { slackErrorCode } from '../web.js';
import { readCommandText } from './command-text.js';
import { openScheduleModal } from './open-modal.js';
import { isConnected, notConnectedPrompt } from './report.js';

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

export function register(app: App, services: SlackDeps): void {
  app.command('/zoom', zoomCommand(services));
}

export function zoomCommand(services: SlackDeps) {
  const run = handleCommand(services);
  return async (args: CommandArgs): Promise<void> => {
    const answer = answerOnce(args.ack);
    if (startsInstantMeeting(args.command.text)) {
      // `/zoom now` is stored as a job before Slack has its answer (a process killed in between
      // must not lose it). What comes first takes milliseconds; the answer goes out by
      // ACK_DEADLINE_MS whatever happens, inside Slack's 3 seconds.
      answer.by(ACK_DEADLINE_MS);
    } else {
      // Acknowledge first: Slack gives 3 seconds, and everything after answers through respond().
      await answer.now();
      // Then yield one turn of the event loop, so other commands already waiting are acknowledged
      // before this one's follow-up work (modal, Redis, Zoom) takes the CPU.
      await new Promise((resolve) => setImmediate(resolve));
    }
    try {
      await run(args);
      await answer.now();
    } catch (err) {
      // Answered whatever failed; an answer that itself failed is the `err` logged here.
      await answer.now().catch(() => undefined);
      services.logger.error('/zoom failed', { error: err });
      const user = { teamId: args.command.team_id, userId: args.command.user_id };
      const storageDown = isStorageUnavailable(err);
      // With Redis down, asking it for the user's language would only add another timeout.
      const cached = storageDown ? null : await services.profiles.cached(user).catch(() => null);
      const locale = cached?.locale ?? services.profiles.defaults.locale;
      const t = messages(locale);
      const text = storageDown
        ? t.failures.storageUnavailable
        : slackErrorCode(err) === 'expired_trigger_id'
          ? t.failuresExtra.formExpired
          : t.failuresExtra.commandFailed;
      await args
        .respond({ response_type: 'ephemeral', replace_original: false, ...notice(text) })
        .catch(() => undefined);
    }
  };
}

/** Slack's 3 s less a margin for the network: the latest a deferred acknowledgement goes out. */
const ACK_DEADLINE_MS = 2000;

function startsInstantMeeting(raw: string): boolean {
  return /^\s*now(?:\s|$)/i.test(raw);
}

/** The command's acknowledgement, sent once: at once, or at a deadline unless sent before. */
function answerOnce(ack: () => Promise<void>) {
  let sent: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  const now = (): Promise<void> => {
    clearTimeout(timer);
    sent ??= ack();
    return sent;
  };
  return {
    now,
    by(ms: number) {
      timer = setTimeout(() => void now().catch(() => undefined), ms);
    },
  };
}

function handleCommand(services: SlackDeps) {
  return async ({ command, respond, client }: CommandArgs): Promise<void> => {
    const user: SlackUserRef = { teamId: command.team_id, userId: command.user_id };
    // Mentions are invitees, not topic words (the manifest's slash command escapes them).
    const { text, mentioned, hostMention } = readCommandText(command.text);
    if (command.text.length > MAX_PARSE_LENGTH) {
      // Refused unread: a long text would hold the event loop for everyone's acknowledgements.
      const { profile } = await quickProfile(services.profiles, user);
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...notice(messages(profile.locale).errors.commandTooLong(MAX_PARSE_LENGTH, command.text.length)),
      });
      return;
    }
    const [first = '', ...rest] = text.split(/\s+/);
    const word = await subcommandOf(services, user, first.toLowerCase(), rest.join(' '));
    const reply = (message: { text: string; blocks: unknown[] }) =>
      respond({ response_type: 'ephemeral', replace_original: false, ...(message as { text: string }) });

    if (word === 'help') {
      const { profile } = await quickProfile(services.profiles, user);
      await reply(helpMessage(profile.locale));
      return;
    }
    if (word === 'connect') {
      const { profile } = await quickProfile(services.profiles, user);
      const [url, existing] = await Promise.all([
        services.connections.startConnect(user, {
          channelId: command.channel_id,
          responseUrl: command.response_url,
        }),
        services.tokens.load(user).catch(() => null),
      ]);
      const intro = existing
        ? messages(profile.locale).connect.alreadyConnected(existing.zoomEmail)
        : undefined;
      await reply(connectPrompt(profile.locale, url, intro));
      return;
    }
    if (word === 'disconnect') {
      const [{ profile }, removed] = await Promise.all([
        quickProfile(services.profiles, user),
        disconnectUser(services, user),
      ]);
      const t = messages(profile.locale);
      await reply(notice(removed ? t.disconnected : t.nothingToDisconnect));
      await eraseUser(services, user);
      return;
    }
    if (word === 'now' || word === 'list') {
      const [{ profile }, connected] = await Promise.all([
        quickProfile(services.profiles, user),
        isConnected(services, user),
      ]);
      if (!connected) {
        await reply(
          await notConnectedPrompt(services, user, profile.locale, {
            channelId: command.channel_id,
            responseUrl: command.response_url,
          }),
        );
        return;
      }
      if (word === 'list') {
        try {
          const upcoming = await services.zoom.listUpcomingMeetings(user, 10);
          await reply(meetingListMessage(profile.locale, profile.timeZone, upcoming));
        } catch (err) {
          await reply(notice(failureText(profile.locale, err)));
        }
        return;
      }
      const topic = rest.join(' ').trim() || messages(profile.locale).instantTopic;
      await startInstantMeeting(services, user, profile, topic, command.channel_id, command.response_url);
      return;
    }
    await openScheduleModal(services, client, {
      user,
      text,
      triggerId: command.trigger_id,
      channelId: command.channel_id,
      responseUrl: command.response_url,
      ...(mentioned.length > 0 ? { invitees: mentioned.filter((id) => id !== user.userId) } : {}),
      ...(hostMention ? { hostMention } : {}),
      reply,
    });
  };
}

const WHOLE_TEXT_WORDS = new Set(['help', 'connect', 'disconnect', 'list', 'now']);

/**
 * A subcommand only when the word is the whole text, or `now` followed by a topic without a date
 * or time ("now standup"); anything else ("Now that Q3 is done: retro Fri 3pm") is meeting text.
 */
async function subcommandOf(
  services: SlackDeps,
  user: SlackUserRef,
  word: string,
  rest: string,
): Promise<string | undefined> {
  if (!WHOLE_TEXT_WORDS.has(word)) return undefined;
  if (rest === '') return word;
  if (word !== 'now') return undefined;
  const { profile } = await quickProfile(services.profiles, user);
  const parsed = readWhen(rest, profile.timeZone, profile.locale, services.now());
  return !parsed.ok && parsed.reason === 'no_time' ? word : undefined;
}

async function startInstantMeeting(
  services: SlackDeps,
  user: SlackUserRef,
  profile: { timeZone: string; locale: 'ja' | 'en' },
  topic: string,
  channelId: string,
  responseUrl: string,
): Promise<void> {
  const meeting = {
    host: user,
    locale: profile.locale,
    topic: [...topic].slice(0, 200).join(''),
    timeZone: profile.timeZone,
    durationMinutes: 60,
    // Nothing set: an instant meeting gets the host's own Zoom defaults.
    options: {},
    recordingAuthentication: false,
    channelId,
    responseUrl,
  };
  const where = { channelId, responseUrl };
  await services.jobs.enqueue('create', { owner: user, meeting, where, locale: profile.locale });
}
