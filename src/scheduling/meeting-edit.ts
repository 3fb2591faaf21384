/**
 * The reschedule form's change to a meeting, and the parts of it that differ from the record:
 * only those are sent to Zoom.
 */
import type { SeriesScope } from './series-changes.js';
import type { MeetingRecord } from './types.js';

/** A start as the forms read it: wall time in `timeZone`, and the instant (ISO UTC). */
interface StartTime {
  local: string;
  timeZone: string;
  instant: string;
}

/** What the reschedule form asks for (every field it shows). */
export interface MeetingChange {
  start: StartTime;
  durationMinutes?: number;
  topic?: string;
  /** Empty: no description. */
  agenda?: string;
  responseUrl?: string;
  scope?: SeriesScope;
}

/** The parts of a change that differ from the record: what is sent to Zoom. */
export interface MeetingEdit {
  start?: StartTime;
  durationMinutes?: number;
  topic?: string;
  agenda?: string;
}

export function editOf(before: MeetingRecord, change: MeetingChange): MeetingEdit {
  return {
    ...(change.start.instant !== before.startInstant ? { start: change.start } : {}),
    ...(change.durationMinutes && change.durationMinutes !== before.durationMinutes
      ? { durationMinutes: change.durationMinutes }
      : {}),
    ...(change.topic !== undefined && change.topic !== before.topic ? { topic: change.topic } : {}),
    ...(change.agenda !== undefined && change.agenda !== (before.agenda ?? '')
      ? { agenda: change.agenda }
      : {}),
  };
}

export function applyEdit(r: MeetingRecord, edit: MeetingEdit): MeetingRecord {
  const { agenda: _, ...rest } = r;
  const agenda = edit.agenda ?? r.agenda;
  return {
    ...rest,
    ...(edit.start ? { startInstant: edit.start.instant, timeZone: edit.start.timeZone } : {}),
    ...(edit.durationMinutes ? { durationMinutes: edit.durationMinutes } : {}),
    ...(edit.topic !== undefined ? { topic: edit.topic } : {}),
    ...(agenda ? { agenda } : {}),
  };
}
