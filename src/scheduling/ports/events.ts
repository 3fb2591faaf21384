/** Zoom's events as the scheduling core acts on them (parsed from webhooks by src/zoom/webhooks.ts). */

/** Fields of a meeting that `meeting.updated` can change and the bot shows. */
export interface MeetingChanges {
  topic?: string;
  /** ISO UTC, when Zoom's start_time carried an offset or a time zone came with it. */
  startInstant?: string;
  /** Zoom's start_time without offset or zone: read in the meeting's zone. */
  startLocal?: string;
  durationMinutes?: number;
  timeZone?: string;
}

/** When Zoom produced the event (its `event_ts`, epoch ms); absent when Zoom sent none. */
interface Produced {
  eventTs?: number;
}

export type ZoomEvent =
  | { kind: 'app_deauthorized'; zoomUserId: string }
  | ({ kind: 'meeting_updated'; meetingId: string; changes: MeetingChanges } & Produced)
  | ({ kind: 'meeting_deleted'; meetingId: string } & Produced)
  | ({ kind: 'meeting_started'; meetingId: string; startedAt: string } & Produced)
  | ({ kind: 'meeting_ended'; meetingId: string; startedAt?: string; endedAt: string } & Produced)
  | { kind: 'recording_completed'; meetingId: string; shareUrl: string; passcode?: string };
