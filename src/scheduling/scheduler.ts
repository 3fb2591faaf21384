/**
 * The scheduling use cases: create, reschedule and cancel a meeting. They talk to Zoom, keep the
 * record in Redis and show every change through the announcer port; nothing here knows Slack.
 * Zoom failures propagate as the typed errors of ./ports/errors.ts, with nothing changed.
 */
import type { Logger } from '../log.js';
import { type ChangeAllowed, type ChangeRefusal, checkChange } from './change-permission.js';
import { applyEdit, editOf, type MeetingChange, type MeetingEdit } from './meeting-edit.js';
import { createRequest, type NewMeeting, newRecord } from './new-meeting.js';
import { NoAnswerError, NotFoundError, NotShownError, UnavailableError } from './ports/errors.js';
import type { PeopleDirectory } from './ports/people.js';
import type { MeetingRecords, OnceMarkers } from './ports/storage.js';
import type { SlackUserRef } from './ports/types.js';
import type { HostAccount, ZoomConnection, ZoomMeeting, ZoomMeetings } from './ports/zoom.js';
import { countResponseUrlPosts, freshResponseUrl } from './response-url.js';
import { cancelOccurrence, rescheduleSeries, type SeriesDeps, type SeriesScope } from './series-changes.js';
import type { Invitee, MeetingAnnouncer, MeetingRecord } from './types.js';

export type { ChangeRefusal } from './change-permission.js';
export type { MeetingChange } from './meeting-edit.js';
export type { NewMeeting, StartTime } from './new-meeting.js';

/** Where the first announcement of a meeting went. */
export interface Placement {
  messageTs?: string;
  responseUrl?: string;
  /** How many posts the first showing made on `responseUrl`. */
  responseUrlPosts?: number;
  /** The invitees, with the invitation each was sent (absent where it could not be sent). */
  invitees?: Invitee[];
}

/** The announcer plus the first post, which also hands the host the start link privately. */
export interface MeetingPublisher extends MeetingAnnouncer {
  /** Throws NotShownError when the meeting cannot be shown there (anything else may pass). */
  publish(record: MeetingRecord, startUrl: string | undefined): Promise<Placement>;
}

/** How far a create got, kept by the caller between runs (a crash, a retry). */
export type CreateProgress =
  /** The request went to Zoom; whether it created the meeting is unknown until Zoom answers. */
  | { stage: 'sending' }
  /** Zoom answered with a refusal: nothing was created. */
  | { stage: 'refused' }
  | { stage: 'created'; record: MeetingRecord; recordingAuthenticationFailed: boolean };

export interface CreateLedger {
  /** What an earlier run of this same create got to (absent: this is the first). */
  earlier?: CreateProgress;
  /** No retry follows: a failure to show the meeting now is final. */
  final: boolean;
  /** Keeps `progress` for a later run; resolves once stored. */
  note(progress: CreateProgress): Promise<void>;
  /** Zoom created it but it could not be stored yet: the host gets the join link privately, now. */
  notStoredYet(record: MeetingRecord): Promise<void>;
}

const FIRST_RUN: CreateLedger = { final: true, note: async () => {}, notStoredYet: async () => {} };

/** Two runs of one create never post it twice within this long. */
const PUBLISH_LEASE_SECONDS = 30;

export type CreateOutcome =
  | { status: 'done'; record: MeetingRecord; recordingAuthenticationFailed: boolean }
  /** Created at Zoom, but not shown where it was meant to be: the host gets the join link privately. */
  | { status: 'done_not_shown'; record: MeetingRecord }
  /** An earlier request got no answer, and Zoom does not list the meeting: it may exist. */
  | { status: 'uncertain'; topic: string };

export type Rescheduled =
  | { ok: true; record: MeetingRecord; fromInstant?: string; unchanged?: true }
  | ChangeRefusal;

export type Cancelled =
  | {
      ok: true;
      record: MeetingRecord;
      alreadyDeleted: boolean;
      /** One occurrence of a series was cancelled (its start); the series goes on when `record` is scheduled. */
      cancelledInstant?: string;
    }
  | ChangeRefusal;

export interface SchedulerDeps {
  zoom: ZoomMeetings;
  meetings: MeetingRecords;
  publisher: MeetingPublisher;
  markers: OnceMarkers;
  logger: Logger;
  /** Invitees' emails for Zoom; without it, invitees are told in Slack only. */
  people?: PeopleDirectory;
  /** The host's Zoom account now: a meeting of another account is not changed from here. */
  connection?: ZoomConnection;
  now?: () => Date;
}

/** Whose meetings the create is about at Zoom: the scheduler's own, or the host's they schedule for. */
const hostAccount = (input: NewMeeting): HostAccount =>
  input.forHost ? { forZoomUser: input.forHost.zoomUserId } : {};

export class MeetingScheduler {
  constructor(private readonly deps: SchedulerDeps) {}

  /**
   * Creates the meeting at Zoom (at most once per `ledger`), stores it and shows it. A run after an
   * earlier one reached Zoom looks for that meeting among the host's upcoming ones before creating
   * anything; when it cannot tell, the outcome is `uncertain`. Zoom's and storage failures are
   * thrown (the caller retries or reports them).
   */
  async create(input: NewMeeting, ledger: CreateLedger = FIRST_RUN): Promise<CreateOutcome> {
    const { meetings, logger } = this.deps;
    let created = ledger.earlier?.stage === 'created' ? ledger.earlier : undefined;
    let startUrl: string | undefined;
    if (!created) {
      const reached = await this.reachZoom(input, ledger);
      if (!reached) return { status: 'uncertain', topic: input.topic };
      startUrl = reached.start_url;
      created = { stage: 'created', ...(await this.recordOf(input, reached)) };
      try {
        // Saved before posting, so a Zoom event arriving meanwhile finds the meeting.
        await meetings.save(created.record);
      } catch (err) {
        // The meeting exists at Zoom: the host has its link now, the channel gets it once storage is back.
        await ledger.notStoredYet(created.record);
        await ledger.note(created);
        throw err;
      }
      await ledger.note(created);
    }
    let record = await meetings.get(created.record.meetingId);
    if (!record) {
      record = created.record;
      await meetings.save(record);
    }
    const { recordingAuthenticationFailed } = created;
    if (record.postedAt) return { status: 'done', record, recordingAuthenticationFailed };
    try {
      return { status: 'done', record: await this.publish(record, startUrl), recordingAuthenticationFailed };
    } catch (err) {
      if (!(err instanceof NotShownError) && !ledger.final) throw err;
      logger.warn('meeting could not be posted', { meetingId: record.meetingId, error: err });
      return { status: 'done_not_shown', record };
    }
  }

  /** The meeting at Zoom: one an earlier run made, or a new one; null when that cannot be told. */
  private async reachZoom(input: NewMeeting, ledger: CreateLedger): Promise<ZoomMeeting | null> {
    if (ledger.earlier) {
      const existing = await this.findCreated(input);
      if (existing) return existing;
      // The earlier request got no answer and the meeting is not listed (yet?): do not risk a second.
      if (ledger.earlier.stage === 'sending') return null;
    }
    const inviteeEmails = await this.inviteeEmails(input);
    await ledger.note({ stage: 'sending' });
    try {
      return await this.deps.zoom.createMeeting(
        input.host,
        createRequest(input, inviteeEmails),
        hostAccount(input),
      );
    } catch (err) {
      // Zoom answered with a refusal: nothing was created, a retry may create.
      if (!(err instanceof NoAnswerError)) await ledger.note({ stage: 'refused' }).catch(() => undefined);
      throw err;
    }
  }

  /**
   * The account that created `meeting`: the scheduler's connection (with its email), else Zoom's
   * host_id. A meeting made for someone else is hosted by them but was made with the scheduler's token.
   */
  private async zoomAccountOf(
    input: NewMeeting,
    meeting: ZoomMeeting,
  ): Promise<MeetingRecord['zoomAccount']> {
    const connected = await this.deps.connection?.connectedAccount(input.host).catch(() => null);
    if (connected && (input.forHost || !meeting.host_id || meeting.host_id === connected.zoomUserId)) {
      return { id: connected.zoomUserId, ...(connected.email ? { email: connected.email } : {}) };
    }
    return meeting.host_id ? { id: meeting.host_id } : undefined;
  }

  /**
   * The host's upcoming meeting with this topic and start (an instant meeting cannot be told apart);
   * for a meeting made for someone else, among that host's meetings (`GET /users/{id}/meetings`).
   */
  private async findCreated(input: NewMeeting): Promise<ZoomMeeting | null> {
    if (!input.start) return null;
    const at = Date.parse(input.start.instant);
    const upcoming = await this.deps.zoom.listUpcomingMeetings(input.host, 300, hostAccount(input));
    const found = upcoming.find(
      (m) => m.topic === input.topic && m.start_time !== undefined && Date.parse(m.start_time) === at,
    );
    // The list carries no start link; the meeting itself does.
    return found ? this.deps.zoom.getMeeting(input.host, String(found.id)) : null;
  }

  private async recordOf(
    input: NewMeeting,
    meeting: ZoomMeeting,
  ): Promise<{ record: MeetingRecord; recordingAuthenticationFailed: boolean }> {
    const { zoom, logger } = this.deps;
    const meetingId = String(meeting.id);
    let recordingAuthenticationFailed = false;
    if (input.recordingAuthentication) {
      try {
        await zoom.updateRecordingSettings(input.host, meetingId, { recording_authentication: true });
      } catch (err) {
        recordingAuthenticationFailed = true;
        logger.warn('recording sign-in could not be applied', { meetingId, error: err });
      }
    }
    const now = (this.deps.now ?? (() => new Date()))();
    const [zoomAccount, scheduledFor] = await Promise.all([
      this.zoomAccountOf(input, meeting),
      this.scheduledFor(input, meeting),
    ]);
    const record = newRecord(input, meeting, {
      now,
      ...(zoomAccount ? { zoomAccount } : {}),
      ...(scheduledFor ? { scheduledFor } : {}),
      recordingAuthenticationFailed,
    });
    return { record, recordingAuthenticationFailed };
  }

  /** The host a meeting was made for, with their Slack user when the workspace has one with that email. */
  private async scheduledFor(
    input: NewMeeting,
    meeting: ZoomMeeting,
  ): Promise<MeetingRecord['scheduledFor'] | undefined> {
    if (!input.forHost) return undefined;
    const email = input.forHost.email ?? meeting.host_email;
    const { people, logger } = this.deps;
    const slackUserId =
      email && people?.userIdByEmail
        ? await people.userIdByEmail(input.host.teamId, email).catch((err) => {
            // The message then names the host by their Zoom email.
            logger.warn('host not looked up in Slack by email', { error: err });
            return undefined;
          })
        : undefined;
    return {
      zoomUserId: input.forHost.zoomUserId,
      ...(email ? { email } : {}),
      ...(slackUserId ? { slackUserId } : {}),
    };
  }

  /**
   * The first post, once: a short lease keeps two runs (a job taken over while its first run was
   * still alive) from posting it twice; `postedAt` on the record tells later runs it is done.
   */
  private async publish(record: MeetingRecord, startUrl: string | undefined): Promise<MeetingRecord> {
    const { meetings, markers, publisher, zoom } = this.deps;
    if (!(await markers.claim('publish', record.meetingId, PUBLISH_LEASE_SECONDS))) {
      throw new UnavailableError('the meeting is being posted by another worker');
    }
    try {
      const link =
        startUrl ?? (await zoom.getMeeting(record.host, record.meetingId).catch(() => null))?.start_url;
      const placement = await publisher.publish(record, link);
      const postedAt = new Date().toISOString();
      return (
        (await meetings.update(record.meetingId, (r) => ({
          ...r,
          ...(placement.messageTs ? { messageTs: placement.messageTs } : {}),
          ...(placement.responseUrl
            ? countResponseUrlPosts(
                { ...r, responseUrl: placement.responseUrl },
                placement.responseUrlPosts ?? 1,
              )
            : {}),
          ...(placement.invitees ? { invitees: placement.invitees } : {}),
          postedAt,
        }))) ?? record
      );
    } finally {
      await markers.release('publish', record.meetingId).catch(() => undefined);
    }
  }

  /** Emails Slack shows for the invitees; one it does not show leaves that invitee out of Zoom's list. */
  private async inviteeEmails(input: NewMeeting): Promise<string[]> {
    const { people, logger } = this.deps;
    if (!people || !input.invitees?.length) return [];
    const emails = await Promise.all(
      input.invitees.map((userId) =>
        people.emailOf({ teamId: input.host.teamId, userId }).catch((err) => {
          logger.warn('invitee email not read', { error: err });
          return undefined;
        }),
      ),
    );
    return [...new Set(emails.filter((e): e is string => Boolean(e)))];
  }

  /**
   * The reschedule form: the time, and also the topic, duration and description. Only what differs
   * from the record goes to Zoom; `unchanged` when nothing does.
   */
  async reschedule(actor: SlackUserRef, meetingId: string, change: MeetingChange): Promise<Rescheduled> {
    const checked = await this.check(actor, meetingId);
    if (!checked.ok) return checked;
    const before = checked.record;
    const edit = editOf(before, change);
    if (Object.keys(edit).length === 0) return { ok: true, record: before, unchanged: true };
    if (before.series) return this.rescheduleInSeries(actor, checked, edit, change);
    // Stored before the PATCH: Zoom's meeting.updated event for this change may arrive before the
    // PATCH returns, and must find the new time already there (else it announces the move twice).
    const record = (await this.deps.meetings.update(meetingId, (r) =>
      applyEdit(withResponseUrl(r, change.responseUrl), edit),
    )) as MeetingRecord;
    try {
      await this.deps.zoom.updateMeeting(checked.acting, meetingId, {
        ...(edit.start ? { start_time: edit.start.local, timezone: edit.start.timeZone } : {}),
        ...(edit.durationMinutes ? { duration: edit.durationMinutes } : {}),
        ...(edit.topic !== undefined ? { topic: edit.topic } : {}),
        ...(edit.agenda !== undefined ? { agenda: edit.agenda } : {}),
      });
    } catch (err) {
      await this.restore(meetingId, before, edit);
      if (!(err instanceof NotFoundError)) throw err;
      return {
        ok: false,
        reason: 'deleted',
        record: await this.markCancelled(meetingId, change.responseUrl),
      };
    }
    await this.announceEdit(actor, before, record, edit);
    return { ok: true, record, ...(before.startInstant ? { fromInstant: before.startInstant } : {}) };
  }

  /** The message follows; the thread says what changed (the move alone keeps its one-line note). */
  private async announceEdit(
    actor: SlackUserRef,
    before: MeetingRecord,
    record: MeetingRecord,
    edit: MeetingEdit,
  ): Promise<void> {
    await this.deps.publisher.refresh(record);
    const move = edit.start
      ? {
          ...(before.startInstant ? { fromInstant: before.startInstant } : {}),
          toInstant: record.startInstant ?? edit.start.instant,
        }
      : undefined;
    const details = edit.topic !== undefined || edit.durationMinutes || edit.agenda !== undefined;
    if (move && !details) {
      await this.deps.publisher.threadReply(record, { kind: 'moved', ...move, by: actor });
      return;
    }
    await this.deps.publisher.threadReply(record, {
      kind: 'edited',
      ...(move ? { move } : {}),
      ...(edit.topic !== undefined ? { topic: { from: before.topic, to: edit.topic } } : {}),
      ...(edit.durationMinutes
        ? { durationMinutes: { from: before.durationMinutes, to: edit.durationMinutes } }
        : {}),
      ...(edit.agenda !== undefined ? { agenda: true as const } : {}),
      by: actor,
    });
  }

  async cancel(
    actor: SlackUserRef,
    meetingId: string,
    opts: { responseUrl?: string; scope?: SeriesScope } = {},
  ): Promise<Cancelled> {
    const checked = await this.check(actor, meetingId);
    if (!checked.ok) return checked;
    if (checked.record.series && opts.scope !== 'series') {
      const done = await cancelOccurrence(this.seriesDeps(checked.acting), checked.record, opts.responseUrl);
      return { ok: true, ...done };
    }
    let alreadyDeleted = false;
    try {
      await this.deps.zoom.deleteMeeting(checked.acting, meetingId);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      alreadyDeleted = true;
    }
    return { ok: true, record: await this.markCancelled(meetingId, opts.responseUrl), alreadyDeleted };
  }

  private async check(actor: SlackUserRef, meetingId: string): Promise<ChangeAllowed | ChangeRefusal> {
    return checkChange(this.deps, actor, await this.deps.meetings.get(meetingId));
  }

  private seriesDeps(acting: SlackUserRef): SeriesDeps {
    const { zoom, meetings, publisher } = this.deps;
    return { zoom, acting, meetings, publisher, markCancelled: (id, url) => this.markCancelled(id, url) };
  }

  /** A series: the occurrence shown (default) or the whole series moves. */
  private async rescheduleInSeries(
    actor: SlackUserRef,
    checked: ChangeAllowed,
    edit: MeetingEdit,
    change: MeetingChange,
  ): Promise<Rescheduled> {
    const before = checked.record;
    let result: Awaited<ReturnType<typeof rescheduleSeries>>;
    try {
      result = await rescheduleSeries(this.seriesDeps(checked.acting), before, {
        ...edit,
        scope: change.scope ?? 'occurrence',
      });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      return {
        ok: false,
        reason: 'deleted',
        record: await this.markCancelled(before.meetingId, change.responseUrl),
      };
    }
    if ('gone' in result) return { ok: false, reason: 'not_scheduled', record: before };
    const record = result.moved;
    await this.announceEdit(actor, before, record, edit);
    return { ok: true, record, ...(before.startInstant ? { fromInstant: before.startInstant } : {}) };
  }

  /** Zoom refused the change: put back each field, unless something else changed it since. */
  private async restore(meetingId: string, before: MeetingRecord, edit: MeetingEdit): Promise<void> {
    await this.deps.meetings.update(meetingId, (r) => {
      const { startInstant: _, agenda: __, ...rest } = r;
      const back = <T>(now: T, attempted: T | undefined, old: T): T =>
        attempted !== undefined && now === attempted ? old : now;
      const startInstant = edit.start
        ? back(r.startInstant, edit.start.instant, before.startInstant)
        : r.startInstant;
      const agenda = back(r.agenda ?? '', edit.agenda, before.agenda ?? '');
      return {
        ...rest,
        ...(startInstant ? { startInstant } : {}),
        ...(agenda ? { agenda } : {}),
        timeZone: edit.start && startInstant === before.startInstant ? before.timeZone : r.timeZone,
        topic: back(r.topic, edit.topic, before.topic),
        durationMinutes: back(r.durationMinutes, edit.durationMinutes, before.durationMinutes),
      };
    });
  }

  private async markCancelled(meetingId: string, responseUrl: string | undefined): Promise<MeetingRecord> {
    const record = (await this.deps.meetings.update(meetingId, (r) => ({
      ...withResponseUrl(r, responseUrl),
      status: 'cancelled',
    }))) as MeetingRecord;
    await this.deps.publisher.refresh(record);
    return record;
  }
}

/** A message shown only through a response_url is updated through the newest one (from the button). */
function withResponseUrl(record: MeetingRecord, responseUrl: string | undefined): MeetingRecord {
  return !record.messageTs && responseUrl ? freshResponseUrl(record, responseUrl, new Date()) : record;
}
