/**
 * The scheduling use cases: create, reschedule and cancel a meeting. They talk to Zoom, keep the
 * record in Redis and show every change through the announcer port; nothing here knows Slack.
 * Zoom failures propagate as the typed errors of ./ports/errors.ts, with nothing changed.
 */
import { type ChangeAllowed, type ChangeRefusal, checkChange } from './change-permission.js';
import { type CreateDeps, type CreateLedger, type CreateOutcome, MeetingCreator } from './create-meeting.js';
import { applyEdit, editOf, type MeetingChange, type MeetingEdit } from './meeting-edit.js';
import type { NewMeeting } from './new-meeting.js';
import { NotFoundError } from './ports/errors.js';
import type { SlackUserRef } from './ports/types.js';
import type { ZoomConnection } from './ports/zoom.js';
import { freshResponseUrl } from './response-url.js';
import { cancelOccurrence, rescheduleSeries, type SeriesDeps, type SeriesScope } from './series-changes.js';
import type { MeetingRecord } from './types.js';

export type { ChangeRefusal } from './change-permission.js';
export type {
  CreateLedger,
  CreateOutcome,
  CreateProgress,
  MeetingPublisher,
  Placement,
} from './create-meeting.js';
export type { MeetingChange } from './meeting-edit.js';
export type { NewMeeting, StartTime } from './new-meeting.js';

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

export interface SchedulerDeps extends CreateDeps {
  /** The host's Zoom account now: a meeting of another account is not changed from here. */
  connection?: ZoomConnection;
}

export class MeetingScheduler {
  private readonly creator: MeetingCreator;

  constructor(private readonly deps: SchedulerDeps) {
    this.creator = new MeetingCreator(deps);
  }

  /** See MeetingCreator.create. */
  create(input: NewMeeting, ledger?: CreateLedger): Promise<CreateOutcome> {
    return this.creator.create(input, ledger);
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
        record: await this.markCancelled(meetingId, change.responseUrl, actor),
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
    await this.deps.publisher.refresh(record, actor);
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
      const done = await cancelOccurrence(
        this.seriesDeps(checked.acting, actor),
        checked.record,
        opts.responseUrl,
      );
      return { ok: true, ...done };
    }
    let alreadyDeleted = false;
    try {
      await this.deps.zoom.deleteMeeting(checked.acting, meetingId);
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      alreadyDeleted = true;
    }
    return {
      ok: true,
      record: await this.markCancelled(meetingId, opts.responseUrl, actor),
      alreadyDeleted,
    };
  }

  /**
   * Whether `actor` may change the meeting now, and with whose Zoom connection: asked before a form
   * opens (nobody fills in a form only to be refused) and again by the change itself. `record`:
   * the meeting's record when the caller has just read it.
   */
  async check(
    actor: SlackUserRef,
    meetingId: string,
    record?: MeetingRecord | null,
  ): Promise<ChangeAllowed | ChangeRefusal> {
    return checkChange(this.deps, actor, record ?? (await this.deps.meetings.get(meetingId)));
  }

  private seriesDeps(acting: SlackUserRef, actor: SlackUserRef): SeriesDeps {
    const { zoom, meetings, publisher } = this.deps;
    return {
      zoom,
      acting,
      actor,
      meetings,
      publisher,
      markCancelled: (id, url) => this.markCancelled(id, url, actor),
    };
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
      result = await rescheduleSeries(this.seriesDeps(checked.acting, actor), before, {
        ...edit,
        scope: change.scope ?? 'occurrence',
      });
    } catch (err) {
      if (!(err instanceof NotFoundError)) throw err;
      return {
        ok: false,
        reason: 'deleted',
        record: await this.markCancelled(before.meetingId, change.responseUrl, actor),
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

  private async markCancelled(
    meetingId: string,
    responseUrl: string | undefined,
    by: SlackUserRef,
  ): Promise<MeetingRecord> {
    const record = (await this.deps.meetings.update(meetingId, (r) => ({
      ...withResponseUrl(r, responseUrl),
      status: 'cancelled',
    }))) as MeetingRecord;
    await this.deps.publisher.refresh(record, by);
    return record;
  }
}

/** A message shown only through a response_url is updated through the newest one (from the button). */
function withResponseUrl(record: MeetingRecord, responseUrl: string | undefined): MeetingRecord {
  return !record.messageTs && responseUrl ? freshResponseUrl(record, responseUrl, new Date()) : record;
}
