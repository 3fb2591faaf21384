/**
 * Pure: what a Zoom meeting event changes in a meeting record, and what people are told of it
 * (meeting-events.ts applies it). Started, ended (a series then shows its next meeting), deleted,
 * and meeting.updated (time, topic, length, zone).
 */
import { fromZonedTime } from 'date-fns-tz/fromZonedTime';
import { nextOccurrence } from '../time/occurrences.js';
import type { MeetingChanges, ZoomEvent } from './ports/events.js';
import type { MeetingNote, MeetingRecord } from './types.js';

export type MeetingEvent = Extract<ZoomEvent, { meetingId: string }>;

/** The new record and what to tell people, or null when the record already says it all. */
export interface MeetingPlan {
  next: MeetingRecord;
  refresh: boolean;
  notes: MeetingNote[];
}

export type PlannedEvent = Exclude<MeetingEvent, { kind: 'recording_completed' }>;

/**
 * Pure: how a meeting event changes a record (null when it changes nothing). An event older
 * (Zoom's `event_ts`) than the last one applied to the same fields changes nothing: status
 * (started/ended/deleted) and details (meeting.updated) are ordered separately, as they are
 * independent.
 */
export function planMeetingChange(record: MeetingRecord, event: PlannedEvent): MeetingPlan | null {
  const group = event.kind === 'meeting_updated' ? 'details' : 'status';
  const mark = record.appliedEventTs?.[group];
  if (event.eventTs !== undefined && mark !== undefined && event.eventTs < mark) return null;
  const plan = planByKind(record, event);
  if (!plan || event.eventTs === undefined) return plan;
  const appliedEventTs = { ...plan.next.appliedEventTs, [group]: event.eventTs };
  return { ...plan, next: { ...plan.next, appliedEventTs } };
}

function planByKind(record: MeetingRecord, event: PlannedEvent): MeetingPlan | null {
  switch (event.kind) {
    case 'meeting_updated':
      return planUpdate(record, event.changes);
    case 'meeting_deleted':
      if (record.status === 'cancelled') return null;
      return { next: { ...record, status: 'cancelled' }, refresh: true, notes: [] };
    case 'meeting_started': {
      if (record.status === 'cancelled') return null;
      if (record.status === 'started' && sameInstant(record.startedAt, event.startedAt)) return null;
      // A started event that arrives after the meeting's end (out of order) does not reopen it.
      if (record.status === 'ended' && record.endedAt && !isAfter(event.startedAt, record.endedAt))
        return null;
      const { endedAt: _e, durationRanMinutes: _d, ...rest } = record;
      return { next: { ...rest, status: 'started', startedAt: event.startedAt }, refresh: true, notes: [] };
    }
    case 'meeting_ended': {
      if (record.status === 'cancelled') return null;
      // A series shows its next occurrence after an end: the same end again changes nothing.
      if ((record.status === 'ended' || record.series) && sameInstant(record.endedAt, event.endedAt))
        return null;
      const startedAt = event.startedAt ?? record.startedAt;
      const next: MeetingRecord = { ...record, status: 'ended', endedAt: event.endedAt };
      if (startedAt) {
        next.startedAt = startedAt;
        next.durationRanMinutes = Math.max(
          0,
          Math.round((Date.parse(event.endedAt) - Date.parse(startedAt)) / 60_000),
        );
      }
      return { next: nextOfSeries(next) ?? next, refresh: true, notes: [] };
    }
  }
}

/**
 * A series whose shown occurrence has ended shows its next one, scheduled again (the last run's
 * start, end and length stay on the record); undefined when it is not a series or none is left.
 */
function nextOfSeries(ended: MeetingRecord): MeetingRecord | undefined {
  if (!ended.series || !ended.endedAt) return undefined;
  const after = Math.max(Date.parse(ended.endedAt), Date.parse(ended.startInstant ?? ended.endedAt));
  const start = { local: ended.series.firstLocal, timeZone: ended.timeZone };
  const upcoming = nextOccurrence(ended.series.rule, start, new Date(after));
  return upcoming ? { ...ended, status: 'scheduled', startInstant: upcoming.instant } : undefined;
}

function planUpdate(record: MeetingRecord, changes: MeetingChanges): MeetingPlan | null {
  const next: MeetingRecord = { ...record };
  const notes: MeetingNote[] = [];
  let changed = false;
  if (changes.topic !== undefined && changes.topic !== record.topic) {
    next.topic = changes.topic;
    changed = true;
  }
  if (changes.durationMinutes !== undefined && changes.durationMinutes !== record.durationMinutes) {
    next.durationMinutes = changes.durationMinutes;
    changed = true;
  }
  if (changes.timeZone !== undefined && changes.timeZone !== record.timeZone) {
    next.timeZone = changes.timeZone;
    changed = true;
  }
  const toInstant =
    changes.startInstant ??
    (changes.startLocal ? localToInstant(changes.startLocal, next.timeZone) : undefined);
  // The bot's own reschedule already stored the new time (and announced it): nothing to add then.
  if (toInstant && !sameInstant(toInstant, record.startInstant)) {
    next.startInstant = toInstant;
    notes.push({
      kind: 'moved',
      toInstant,
      ...(record.startInstant ? { fromInstant: record.startInstant } : {}),
    });
    changed = true;
  }
  return changed ? { next, refresh: true, notes } : null;
}

const sameInstant = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && Date.parse(a) === Date.parse(b);
const isAfter = (a: string, b: string) => Date.parse(a) > Date.parse(b);

/** Zoom's wall time `yyyy-MM-ddTHH:mm[:ss]` in `timeZone` as ISO UTC (undefined when unreadable). */
function localToInstant(local: string, timeZone: string): string | undefined {
  try {
    const date = fromZonedTime(local, timeZone);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  } catch {
    return undefined;
  }
}
