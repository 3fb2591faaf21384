/** The one place where a use case's outcome becomes what the user reads (privately), ja and en. */
import type { Outcome } from '../scheduling/outcome.js';
import type { Locale, SlackUserRef } from '../scheduling/ports/types.js';
import type { MeetingRecord } from '../scheduling/types.js';
import { onlyHostText } from './blocks/meeting-people.js';
import { notice, type PrivateMessage } from './blocks/notices.js';
import { escapeMrkdwn, mention, slackDate } from './blocks/text.js';
import { failureMessage } from './commands/report.js';
import type { SlackDeps } from './deps.js';
import { messages } from './i18n/index.js';

/** Null when there is nothing to say (a created meeting speaks for itself in the channel). */
export async function outcomeMessage(
  deps: Pick<SlackDeps, 'connections'>,
  user: SlackUserRef,
  locale: Locale,
  outcome: Outcome,
): Promise<PrivateMessage | null> {
  const t = messages(locale);
  switch (outcome.status) {
    case 'done': {
      const topic = escapeMrkdwn(outcome.record.topic);
      if (outcome.action === 'created') {
        return outcome.recordingAuthenticationFailed ? notice(t.failuresExtra.recordingAuthNotApplied) : null;
      }
      if (outcome.action === 'unchanged') return notice(t.actions.unchanged(topic));
      if (outcome.action === 'edited') return notice(t.actions.edited(topic));
      if (outcome.action === 'occurrence_cancelled') {
        const { timeZone } = outcome.record;
        return notice(t.repeat.occurrenceCancelled(topic, slackDate(outcome.instant, timeZone, locale)));
      }
      if (outcome.action === 'cancelled') {
        return notice(outcome.alreadyDeleted ? t.actions.alreadyDeleted(topic) : t.actions.cancelled(topic));
      }
      const { startInstant, timeZone } = outcome.record;
      return notice(
        t.actions.rescheduled(topic, startInstant ? slackDate(startInstant, timeZone, locale) : ''),
      );
    }
    case 'done_not_shown':
      return notice(`${t.failures.notPosted}\n${outcome.record.joinUrl}`);
    case 'uncertain':
      return notice(t.failures.noAnswer);
    case 'not_done':
      switch (outcome.why) {
        case 'unknown_meeting':
          return notice(t.actions.unknownMeeting);
        case 'not_scheduled':
          return notice(t.actions.notScheduled);
        case 'not_host':
          return notice(onlyHostText(locale, outcome.record, outcome.action));
        case 'deleted':
          return notice(t.actions.alreadyDeleted(escapeMrkdwn(outcome.record.topic)));
        case 'other_account':
          return notice(
            t.actions.otherZoomAccount(
              escapeMrkdwn(outcome.record.topic),
              outcome.email ? escapeMrkdwn(outcome.email) : undefined,
            ),
          );
        case 'scheduler_other_account':
          return notice(
            t.delegation.schedulerOtherAccount(
              escapeMrkdwn(outcome.record.topic),
              mention(outcome.record.host.userId),
              !outcome.hostConnected,
            ),
          );
        case 'no_scheduling_privilege':
          return notice(t.delegation.notCreated(escapeMrkdwn(outcome.topic), escapeMrkdwn(outcome.host)));
        case 'failed':
          return failureMessage(deps, user, locale, outcome.error);
      }
  }
}

/** A change the meeting's channel message could not show (deleted, archived, response_url used up). */
export function changeNotShownMessage(locale: Locale, record: MeetingRecord): PrivateMessage {
  const t = messages(locale);
  const state =
    record.status === 'cancelled'
      ? t.message.cancelled
      : record.status === 'started'
        ? t.message.live
        : record.status === 'ended'
          ? t.message.ended(record.durationRanMinutes)
          : record.startInstant
            ? slackDate(record.startInstant, record.timeZone, locale)
            : t.message.now;
  return notice(t.afterAnswer.changeNotShown(escapeMrkdwn(record.topic), state));
}

/** To the host of a meeting made for them that could not be shown where meant: what, when, and its join link. */
export function notShownToHostMessage(locale: Locale, record: MeetingRecord): PrivateMessage {
  const t = messages(locale);
  const when = record.startInstant ? slackDate(record.startInstant, record.timeZone, locale) : t.message.now;
  const text = t.delegation.notPostedForHost(mention(record.host.userId), escapeMrkdwn(record.topic), when);
  return notice(`${text}\n${record.joinUrl}`);
}

/** Zoom created the meeting but the bot could not store it yet: the join link, at once. */
export function notYetShownMessage(locale: Locale, joinUrl: string): PrivateMessage {
  return notice(`${messages(locale).afterAnswer.createdNotYetShown}\n${joinUrl}`);
}
