/**
 * Reschedule and cancel on a recurring series (Zoom type 8): one occurrence, the one the message
 * shows (`PATCH` / `DELETE /meetings/{id}?occurrence_id=…`, ids from `GET /meetings/{id}`), or the
 * whole series (`PATCH /meetings/{id}` with the new first meeting and recurrence).
 */
import { seriesOccurrences } from '../time/occurrences.js';
import {
  type RecurrenceRule,
  repeatChoiceOf,
  ruleFromRepeatFields,
  toZoomRecurrence,
} from '../time/recurrence.js';
import { NotFoundError } from './ports/errors.js';
import type { MeetingRecords } from './ports/storage.js';
import type { SlackUserRef } from './ports/types.js';
import type { MeetingOccurrence, ZoomMeeting, ZoomMeetings } from './ports/zoom.js';
import type { MeetingAnnouncer, MeetingRecord } from './types.js';

export type SeriesScope = 'occurrence' | 'series';

export interface SeriesDeps {
  zoom: ZoomMeetings;
  /** Whose Zoom token the calls use (the scheduler's, or the host's own: see change-permission.ts). */
  acting: SlackUserRef;
  /** Who asked for the change (the scheduler or the host). */
  actor: SlackUserRef;
  meetings: MeetingRecords;
  publisher: MeetingAnnouncer;
  /** Marks the meeting cancelled and shows it so. */
  markCancelled(meetingId: string, responseUrl: string | undefined): Promise<MeetingRecord>;
}

const zoomUtc = (instant: string) => `${new Date(instant).toISOString().slice(0, 19)}Z`;
const iso = (zoomTime: string) => new Date(zoomTime).toISOString();

/** The available occurrence the message shows (the one starting at `shown`, else the next one). */
export function shownOccurrence(
  meeting: ZoomMeeting,
  shown: string | undefined,
): MeetingOccurrence | undefined {
  const available = (meeting.occurrences ?? []).filter((o) => o.status !== 'deleted');
  const at = shown ? Date.parse(shown) : 0;
  return (
    available.find((o) => Date.parse(o.start_time) === at) ??
    available.find((o) => Date.parse(o.start_time) >= at)
  );
}

/**
 * The rule for a series moved to start at `newLocal`: a rule the modal's choices say (weekly, the
 * same date each month…) follows the new first day; one typed otherwise (火・木) is kept as it is.
 */
export function movedRule(rule: RecurrenceRule, firstLocal: string, newLocal: string): RecurrenceRule {
  const choice = repeatChoiceOf(rule, firstLocal);
  if (choice === 'as_typed' || choice === 'none') return rule;
  const end = rule.end;
  return (
    ruleFromRepeatFields({
      choice,
      startLocal: newLocal,
      ...(end?.kind === 'count' ? { count: end.count } : end ? { until: end.date } : {}),
    }) ?? rule
  );
}

/** What the reschedule form changed on a series; absent parts stay as they are. */
export interface SeriesMove {
  start?: { local: string; timeZone: string; instant: string };
  durationMinutes?: number;
  /** Topic and description belong to the whole series in Zoom, whatever the scope. */
  topic?: string;
  agenda?: string;
  scope: SeriesScope;
}

const details = (move: SeriesMove) => ({
  ...(move.topic !== undefined ? { topic: move.topic } : {}),
  ...(move.agenda !== undefined ? { agenda: move.agenda } : {}),
});

function withDetails(r: MeetingRecord, move: SeriesMove): MeetingRecord {
  const { agenda: _, ...rest } = r;
  const agenda = move.agenda ?? r.agenda;
  return {
    ...rest,
    ...(move.topic !== undefined ? { topic: move.topic } : {}),
    ...(agenda ? { agenda } : {}),
    durationMinutes: move.durationMinutes ?? r.durationMinutes,
  };
}

/** Moves or edits the occurrence shown, or the whole series; `gone` when nothing is left to move. */
export async function rescheduleSeries(
  deps: SeriesDeps,
  before: MeetingRecord,
  move: SeriesMove,
): Promise<{ moved: MeetingRecord } | { gone: true }> {
  const { zoom } = deps;
  const id = before.meetingId;
  const series = before.series!;
  if (move.scope === 'series') {
    let timed:
      | { rule: RecurrenceRule; first: { local: string; instant: string }; timeZone: string }
      | undefined;
    if (move.start) {
      const rule = movedRule(series.rule, series.firstLocal, move.start.local);
      const first = seriesOccurrences(rule, move.start, 1)[0];
      if (!first) return { gone: true };
      timed = { rule, first, timeZone: move.start.timeZone };
    }
    return storedThenSent(
      deps,
      before,
      (r) => ({
        ...withDetails(r, move),
        ...(timed
          ? {
              startInstant: timed.first.instant,
              timeZone: timed.timeZone,
              series: { rule: timed.rule, firstLocal: timed.first.local },
            }
          : {}),
      }),
      () =>
        zoom.updateMeeting(deps.acting, id, {
          ...(timed
            ? {
                start_time: timed.first.local,
                timezone: timed.timeZone,
                recurrence: toZoomRecurrence(timed.rule, timed.timeZone),
              }
            : {}),
          ...(move.durationMinutes ? { duration: move.durationMinutes } : {}),
          ...details(move),
        }),
    );
  }
  let occurrence: MeetingOccurrence | undefined;
  if (move.start || move.durationMinutes) {
    occurrence = shownOccurrence(await zoom.getMeeting(deps.acting, id), before.startInstant);
    if (!occurrence) return { gone: true };
  }
  return storedThenSent(
    deps,
    before,
    (r) => ({
      ...withDetails(r, move),
      ...(move.start ? { startInstant: move.start.instant } : {}),
    }),
    async () => {
      if (occurrence) {
        // An occurrence takes start_time, duration and agenda only (no timezone): its start goes in UTC.
        await zoom.updateMeeting(
          deps.acting,
          id,
          {
            ...(move.start ? { start_time: zoomUtc(move.start.instant) } : {}),
            ...(move.durationMinutes ? { duration: move.durationMinutes } : {}),
          },
          { occurrenceId: occurrence.occurrence_id },
        );
      }
      if (move.topic !== undefined || move.agenda !== undefined) {
        await zoom.updateMeeting(deps.acting, id, details(move));
      }
    },
  );
}

/**
 * Stored before Zoom is asked, as for a one-off meeting: Zoom's meeting.updated for this change may
 * arrive first and must find it there. Zoom refusing puts the record back as it was, unless
 * something else changed its time meanwhile.
 */
async function storedThenSent(
  deps: SeriesDeps,
  before: MeetingRecord,
  change: (r: MeetingRecord) => MeetingRecord,
  send: () => Promise<void>,
): Promise<{ moved: MeetingRecord } | { gone: true }> {
  const moved = await deps.meetings.update(before.meetingId, change);
  if (!moved) return { gone: true };
  try {
    await send();
  } catch (err) {
    const { startInstant, timeZone, durationMinutes, series, topic, agenda } = before;
    await deps.meetings.update(before.meetingId, (r) => {
      if (r.startInstant !== moved.startInstant) return r;
      const { agenda: _, ...rest } = r;
      return {
        ...rest,
        startInstant,
        timeZone,
        durationMinutes,
        series,
        topic,
        ...(agenda ? { agenda } : {}),
      };
    });
    throw err;
  }
  return { moved };
}

/**
 * Cancels only the occurrence shown; the message then shows the next one left, or the series as
 * cancelled when none is. `cancelledInstant` is the start of the occurrence removed.
 */
export async function cancelOccurrence(
  deps: SeriesDeps,
  record: MeetingRecord,
  responseUrl: string | undefined,
): Promise<{ record: MeetingRecord; alreadyDeleted: boolean; cancelledInstant?: string }> {
  const { zoom, meetings, publisher } = deps;
  const id = record.meetingId;
  let meeting: ZoomMeeting;
  try {
    meeting = await zoom.getMeeting(deps.acting, id);
  } catch (err) {
    if (!(err instanceof NotFoundError)) throw err;
    return { record: await deps.markCancelled(id, responseUrl), alreadyDeleted: true };
  }
  const occurrence = shownOccurrence(meeting, record.startInstant);
  if (!occurrence) return { record: await deps.markCancelled(id, responseUrl), alreadyDeleted: true };
  await zoom.deleteMeeting(deps.acting, id, { occurrenceId: occurrence.occurrence_id });
  const cancelledAt = Date.parse(occurrence.start_time);
  const next = (meeting.occurrences ?? []).find(
    (o) =>
      o.status !== 'deleted' &&
      o.occurrence_id !== occurrence.occurrence_id &&
      Date.parse(o.start_time) > cancelledAt,
  );
  const cancelledInstant = iso(occurrence.start_time);
  if (!next)
    return { record: await deps.markCancelled(id, responseUrl), alreadyDeleted: false, cancelledInstant };
  const updated =
    (await meetings.update(id, (r) => ({ ...r, startInstant: iso(next.start_time) }))) ?? record;
  await publisher.refresh(updated, deps.actor);
  return { record: updated, alreadyDeleted: false, cancelledInstant };
}
