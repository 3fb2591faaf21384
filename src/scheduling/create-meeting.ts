/**
 * Creating a meeting: at Zoom at most once per ledger (a retried run looks for it first), stored,
 * then shown once. Zoom's and storage failures are thrown (the caller retries or reports them).
 */
import type { Logger } from '../log.js';
import { createRequest, type NewMeeting, newRecord } from './new-meeting.js';
import { NoAnswerError, NotShownError, UnavailableError } from './ports/errors.js';
import type { PeopleDirectory } from './ports/people.js';
import type { MeetingRecords, OnceMarkers } from './ports/storage.js';
import type { HostAccount, ZoomConnection, ZoomMeeting, ZoomMeetings } from './ports/zoom.js';
import { countResponseUrlPosts } from './response-url.js';
import type { Invitee, MeetingAnnouncer, MeetingRecord } from './types.js';

/** Where the first announcement of a meeting went. */
export interface Placement {
  messageTs?: string;
  responseUrl?: string;
  /** How many posts the first showing made on `responseUrl`. */
  responseUrlPosts?: number;
  /** The invitees, with the invitation each was sent (absent where it could not be sent). */
  invitees?: Invitee[];
  /** Slack said the host of a meeting scheduled for them is not a member of its channel. */
  hostOutsideChannel?: true;
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

export interface CreateDeps {
  zoom: ZoomMeetings;
  meetings: MeetingRecords;
  publisher: MeetingPublisher;
  markers: OnceMarkers;
  logger: Logger;
  /** Invitees' emails for Zoom; without it, invitees are told in Slack only. */
  people?: PeopleDirectory;
  /** The scheduler's Zoom account now: recorded as the account that created the meeting. */
  connection?: ZoomConnection;
  now?: () => Date;
}

/** Whose meetings the create is about at Zoom: the scheduler's own, or the host's they schedule for. */
const hostAccount = (input: NewMeeting): HostAccount =>
  input.forHost ? { forZoomUser: input.forHost.zoomUserId } : {};

export class MeetingCreator {
  constructor(private readonly deps: CreateDeps) {}

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
          ...(placement.hostOutsideChannel && r.scheduledFor
            ? { scheduledFor: { ...r.scheduledFor, outsideChannel: true as const } }
            : {}),
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
}
