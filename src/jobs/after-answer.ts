/**
 * What each kind of job does, and what the user is told when it ends. Use-case jobs (create,
 * reschedule, cancel, Zoom events) change Zoom and the record; showing the change (message refresh,
 * thread note, private notice) is a job of its own, so a Slack 429 retries only the post.
 */
import type { Logger } from '../log.js';
import { hostSlackUser, sameUser } from '../scheduling/change-permission.js';
import { handleZoomEvent, type MeetingEventDeps } from '../scheduling/meeting-events.js';
import { changeOutcome, createOutcome, failed, type Outcome } from '../scheduling/outcome.js';
import { NoSchedulingPrivilegeError, NotShownError } from '../scheduling/ports/errors.js';
import type { MeetingRecords, UserData } from '../scheduling/ports/storage.js';
import type { Locale, SlackUserRef } from '../scheduling/ports/types.js';
import { countResponseUrlPosts, responseUrlUsable } from '../scheduling/response-url.js';
import type { MeetingScheduler } from '../scheduling/scheduler.js';
import type { MeetingAnnouncer, MeetingNote, MeetingRecord, UserNote } from '../scheduling/types.js';
import type { SlackAnnouncer } from '../slack/announcer.js';
import type { SlackDeps } from '../slack/deps.js';
import { removeWorkspace, type UninstallDeps } from '../slack/events/uninstall.js';
import {
  changeNotShownMessage,
  notShownToHostMessage,
  notYetShownMessage,
  outcomeMessage,
} from '../slack/outcome-text.js';
import type { ProfileCache } from '../slack/profiles.js';
import type { ReminderSync } from '../slack/reminders.js';
import type { AfterAnswer, JobKinds, Where } from './kinds.js';
import type { Handlers } from './queue.js';

export interface AfterAnswerDeps {
  logger: Logger;
  jobs: AfterAnswer;
  scheduler: MeetingScheduler;
  meetings: MeetingRecords;
  announcer: SlackAnnouncer;
  connections: SlackDeps['connections'];
  profiles: Pick<ProfileCache, 'get'>;
  userData: UserData;
  /** The core's view of Zoom events, with the announcer that queues its posts. */
  events: MeetingEventDeps;
  /** Keeps each meeting's scheduled reminder in step with its record. */
  reminders: Pick<ReminderSync, 'sync'>;
  /** Shows the user's App Home again (after work started there). */
  refreshHome(user: SlackUserRef): Promise<void>;
  /** "Is this Zoom account yours?" */
  askAccountOwner(pending: JobKinds['ask-account']['pending']): Promise<void>;
  /** What removing a workspace deletes (no Slack call: its bot token is gone). */
  uninstall: UninstallDeps;
}

/** The core's announcer port, each post a job of its own (retried, run by any process). */
/** The fields a meeting's channel message shows. */
const shownState = (r: MeetingRecord) =>
  JSON.stringify([r.status, r.startInstant, r.startedAt, r.endedAt, r.topic, r.durationMinutes, r.timeZone]);

export function queuedAnnouncer(jobs: AfterAnswer): MeetingAnnouncer {
  return {
    refresh: (record: MeetingRecord, changedBy?: SlackUserRef) =>
      jobs.enqueue('refresh', {
        owner: record.host,
        meetingId: record.meetingId,
        ...(changedBy ? { by: changedBy } : {}),
      }),
    threadReply: (record: MeetingRecord, note: MeetingNote) =>
      jobs.enqueue('thread-note', { owner: record.host, meetingId: record.meetingId, note }),
    notifyUser: (user: SlackUserRef, note: UserNote) => jobs.enqueue('notify', { owner: user, note }),
  };
}

export function afterAnswerHandlers(deps: AfterAnswerDeps): Handlers<JobKinds> {
  const { logger, jobs, scheduler, meetings, announcer } = deps;

  /** The outcome in words, as a job of its own (a 429 on the notice does not redo the work). */
  async function tell(
    owner: SlackUserRef,
    where: Where,
    locale: Locale | undefined,
    outcome: Outcome,
  ): Promise<void> {
    const language = locale ?? (await deps.profiles.get(owner)).locale;
    const message = await outcomeMessage(deps, owner, language, outcome);
    if (message) await jobs.enqueue('tell', { owner, where, message });
  }

  /**
   * A message shown only through its response_url: counts the post on the record before making it,
   * or throws NotShownError when Slack would refuse it (5 posts / 30 minutes), so the host is told.
   */
  async function spendResponseUrlPost(record: MeetingRecord): Promise<void> {
    if (record.messageTs || !record.responseUrl) return;
    const now = new Date();
    let usable = false;
    await meetings.update(record.meetingId, (r) => {
      usable = responseUrlUsable(r, now);
      return usable ? countResponseUrlPosts(r) : r;
    });
    if (!usable) throw new NotShownError('response_url used up');
  }

  /**
   * By DM, once to each person, in their language: whoever made the change (they expected to see
   * it), and the host, who holds the meeting (for one scheduled for someone else, that host's Slack
   * user; the scheduler when the host has none). A change made in Zoom has no Slack author.
   */
  async function tellChangeNotShown(record: MeetingRecord, by: SlackUserRef | undefined): Promise<void> {
    const host = hostSlackUser(record) ?? record.host;
    const people = by && !sameUser(by, host) ? [by, host] : [host];
    for (const person of people) {
      const { locale } = await deps.profiles.get(person);
      await jobs.enqueue('tell', {
        owner: person,
        where: {},
        message: changeNotShownMessage(locale, record),
      });
    }
  }

  /** A meeting made for someone that could not be shown: its host learns of it too, with the join link. */
  async function tellHostNotShown(record: MeetingRecord): Promise<void> {
    const host = hostSlackUser(record);
    if (!host) return;
    const { locale } = await deps.profiles.get(host);
    await jobs.enqueue('tell', { owner: host, where: {}, message: notShownToHostMessage(locale, record) });
  }

  const logOnly = (what: string) => async (_data: unknown, err: unknown) => {
    logger.error(`${what} given up`, { error: err });
  };

  return {
    create: {
      async run(data, attempt) {
        const result = await scheduler.create(data.meeting, {
          ...(data.progress ? { earlier: data.progress } : {}),
          final: attempt.final,
          note: async (progress) => {
            data.progress = progress;
            await attempt.save(data);
          },
          notStoredYet: (record) =>
            announcer.tellUser(data.owner, data.where, notYetShownMessage(data.locale, record.joinUrl)),
        });
        if (result.status === 'done') await deps.reminders.sync(result.record);
        await tell(data.owner, data.where, data.locale, createOutcome(result));
        if (result.status === 'done_not_shown') await tellHostNotShown(result.record);
        if (data.refreshHome) await deps.refreshHome(data.owner);
      },
      async giveUp(data, err) {
        const { forHost } = data.meeting;
        if (err instanceof NoSchedulingPrivilegeError && forHost) {
          // The form had closed when Zoom refused (its check could not tell in time, or the
          // privilege went meanwhile): the scheduler learns it by DM, where it stays.
          const host = forHost.email ?? forHost.label ?? forHost.zoomUserId;
          const outcome: Outcome = {
            status: 'not_done',
            why: 'no_scheduling_privilege',
            topic: data.meeting.topic,
            host,
          };
          return tell(data.owner, {}, data.locale, outcome);
        }
        const progress = data.progress;
        const outcome: Outcome =
          progress?.stage === 'created'
            ? { status: 'done_not_shown', record: progress.record }
            : progress?.stage === 'sending'
              ? { status: 'uncertain', topic: data.meeting.topic }
              : failed(err);
        await tell(data.owner, data.where, data.locale, outcome);
        if (outcome.status === 'done_not_shown') await tellHostNotShown(outcome.record);
      },
    },
    reschedule: {
      async run(data) {
        const result = await scheduler.reschedule(data.owner, data.meetingId, data.change);
        await tell(data.owner, data.where, data.locale, changeOutcome(result, 'reschedule'));
        if (data.refreshHome) await deps.refreshHome(data.owner);
      },
      giveUp: (data, err) => tell(data.owner, data.where, data.locale, failed(err)),
    },
    cancel: {
      async run(data) {
        const result = await scheduler.cancel(data.owner, data.meetingId, {
          ...(data.responseUrl ? { responseUrl: data.responseUrl } : {}),
          ...(data.scope ? { scope: data.scope } : {}),
        });
        await tell(data.owner, data.where, data.locale, changeOutcome(result, 'cancel'));
        if (data.refreshHome) await deps.refreshHome(data.owner);
      },
      giveUp: (data, err) => tell(data.owner, data.where, data.locale, failed(err)),
    },
    'zoom-event': {
      async run(data) {
        await handleZoomEvent(deps.events, data.event, data.deliveryKey);
      },
      giveUp: logOnly('zoom event'),
    },
    refresh: {
      async run(data) {
        let record = await meetings.get(data.meetingId);
        if (!record) return;
        // Two replicas refreshing one message at once: the later write can reach Slack first. So
        // read again after each refresh, and show the record once more while it changed meanwhile.
        for (let round = 0; round < 5; round++) {
          await spendResponseUrlPost(record);
          await announcer.refresh(record);
          const now = await meetings.get(data.meetingId);
          if (!now || shownState(now) === shownState(record)) break;
          record = now;
        }
        // Every change is refreshed (a move in Slack or Zoom, a cancel, a series' next meeting).
        await deps.reminders.sync(record);
      },
      async giveUp(data, err) {
        // The message cannot show this change (deleted, archived, response_url used up).
        logger.warn('meeting message not updated; telling who changed it and the host', {
          meetingId: data.meetingId,
          error: err,
        });
        const record = await meetings.get(data.meetingId);
        if (record) await tellChangeNotShown(record, data.by);
      },
    },
    'thread-note': {
      async run(data) {
        const record = await meetings.get(data.meetingId);
        if (!record) return;
        await spendResponseUrlPost(record);
        await announcer.threadReply(record, data.note);
      },
      giveUp: logOnly('thread note'),
    },
    notify: {
      async run(data) {
        await announcer.notifyUser(data.owner, data.note);
        // Telling a user their Zoom app was removed looked up (and cached) their profile again.
        if (data.note.kind === 'zoom_deauthorized') {
          // The user is gone: jobs still waiting for them go too (this one is removed on completion).
          await deps.jobs.removeFor(data.owner);
          await deps.userData.eraseUser(data.owner);
        }
      },
      giveUp: logOnly('notice'),
    },
    tell: {
      async run(data) {
        await announcer.tellUser(data.owner, data.where, data.message, { throwWhenUnreached: true });
      },
      giveUp: logOnly('private notice'),
    },
    'ask-account': {
      run: (data) => deps.askAccountOwner(data.pending),
      giveUp: logOnly('account question'),
    },
    connected: {
      async run(data) {
        await announcer.tellConnected(data.owner, data.zoomEmail);
      },
      giveUp: logOnly('connected notice'),
    },
    uninstall: {
      run: (data, attempt) => removeWorkspace(deps.uninstall, data, attempt.final),
      giveUp: logOnly('removing an uninstalled workspace'),
    },
  };
}
