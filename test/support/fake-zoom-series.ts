/**
 * Type 8 meetings in the fake Zoom: the recurrence on create and update, and one occurrence read,
 * changed (`PATCH /meetings/{id}?occurrence_id=…`) or removed (`DELETE …?occurrence_id=…`).
 * Zoom's documented errors: an unknown occurrence is `400` code `300` "Invalid parameter:
 * `occurrence_id`." (DELETE /meetings/{meetingId}, Meetings API); an occurrence PATCH supports only
 * agenda, start_time, duration and some settings (the `occurrence_id` parameter's description).
 */
import type { FakeAnswer } from './fake-zoom-oauth.js';
import {
  expandOccurrences,
  type FakeOccurrence,
  type FakeRecurrence,
  recurrenceProblems,
} from './fake-zoom-recurrence.js';
import type { FakeMeeting } from './fake-zoom-state.js';
import { zoomStartToUtc } from './fake-zoom-time.js';

type Body = Record<string, unknown>;

const INVALID_OCCURRENCE: FakeAnswer = {
  status: 400,
  body: { code: 300, message: 'Invalid parameter: `occurrence_id`.' },
};
const OCCURRENCE_FIELDS = new Set(['agenda', 'start_time', 'duration', 'settings']);
const OCCURRENCE_SETTINGS = new Set([
  'host_video',
  'participant_video',
  'join_before_host',
  'mute_upon_entry',
  'waiting_room',
  'watermark',
  'auto_recording',
]);

/** Checks and sets the series of a type 8 meeting (create, or an update that changes it); problems when refused. */
export function applySeries(meeting: FakeMeeting, body: Body, creating: boolean): string[] {
  const recurrence = body.recurrence as FakeRecurrence | undefined;
  if (meeting.type !== 8) {
    return recurrence ? ['recurrence: only a recurring meeting with a fixed time (type 8) takes one'] : [];
  }
  if (creating && !recurrence)
    return ['recurrence: required for a recurring meeting with a fixed time (type 8)'];
  if (creating && body.start_time === undefined)
    return ['start_time: required for a recurring meeting (type 8)'];
  const next = recurrence ?? meeting.recurrence;
  if (!next) return [];
  const problems = recurrenceProblems(next, meeting.start_time);
  if (problems.length > 0) return problems;
  if (creating || recurrence || body.start_time !== undefined || body.duration !== undefined) {
    meeting.recurrence = { ...next };
    const occurrences = expandOccurrences(
      next,
      meeting.start_time!,
      meeting.timezone ?? 'UTC',
      meeting.duration ?? 60,
    );
    meeting.occurrences = occurrences;
    // Zoom's start_time of a series is its first meeting.
    if (occurrences[0]) meeting.start_time = occurrences[0].start_time;
  }
  return [];
}

/** The occurrences GET /meetings/{id} lists: past ones only with show_previous_occurrences=true. */
export function listedOccurrences(
  meeting: FakeMeeting,
  query: Record<string, string>,
): FakeOccurrence[] | undefined {
  if (!meeting.occurrences) return undefined;
  if (query.show_previous_occurrences === 'true') return meeting.occurrences.map((o) => ({ ...o }));
  const now = Date.now();
  return meeting.occurrences
    .filter((o) => Date.parse(o.start_time) + o.duration * 60_000 > now)
    .map((o) => ({ ...o }));
}

function findOccurrence(meeting: FakeMeeting, occurrenceId: string): FakeOccurrence | undefined {
  const found = meeting.occurrences?.find((o) => o.occurrence_id === occurrenceId);
  return found && found.status === 'available' ? found : undefined;
}

/** GET /meetings/{id}?occurrence_id=…: the meeting as that occurrence. */
export function getOccurrence(meeting: FakeMeeting, occurrenceId: string, body: Body): FakeAnswer {
  const occurrence = findOccurrence(meeting, occurrenceId);
  if (!occurrence) return INVALID_OCCURRENCE;
  return {
    status: 200,
    body: {
      ...body,
      start_time: occurrence.start_time,
      duration: occurrence.duration,
      occurrences: [{ ...occurrence }],
    },
  };
}

/** PATCH /meetings/{id}?occurrence_id=…: moves or edits that one occurrence. */
export function patchOccurrence(
  meeting: FakeMeeting,
  occurrenceId: string,
  body: Body,
  refuse: (problems: string[]) => FakeAnswer,
): FakeAnswer {
  const occurrence = findOccurrence(meeting, occurrenceId);
  if (!occurrence) return INVALID_OCCURRENCE;
  const problems = Object.keys(body)
    .filter((k) => !OCCURRENCE_FIELDS.has(k))
    .map((k) => `${k}: cannot be changed for one occurrence`);
  for (const key of Object.keys((body.settings as Body | undefined) ?? {})) {
    if (!OCCURRENCE_SETTINGS.has(key)) problems.push(`settings.${key}: cannot be changed for one occurrence`);
  }
  if (problems.length > 0) return refuse(problems);
  if (typeof body.duration === 'number') occurrence.duration = body.duration;
  if (typeof body.start_time === 'string') {
    const next = zoomStartToUtc(body.start_time, meeting.timezone);
    // As for a meeting, Zoom ignores a start in the past.
    if (Date.parse(next) > Date.now()) occurrence.start_time = next;
  }
  return { status: 204 };
}

/** DELETE /meetings/{id}?occurrence_id=…: that occurrence stays listed as `deleted`. */
export function deleteOccurrence(meeting: FakeMeeting, occurrenceId: string): FakeAnswer {
  const occurrence = findOccurrence(meeting, occurrenceId);
  if (!occurrence) return INVALID_OCCURRENCE;
  occurrence.status = 'deleted';
  return { status: 204 };
}
