/**
 * What the scheduling core asks of Zoom, acting as one Slack user's connected Zoom account.
 * Implemented by src/zoom/client.ts; failures are the errors of ./errors.ts.
 */
import type { MeetingSettings, SlackUserRef } from './types.js';

/** Zoom's `recurrence` of a type 8 meeting ("Recurrence Object Definitions"); weekdays 1 = Sunday. */
export interface MeetingRecurrence {
  type: 1 | 2 | 3;
  repeat_interval: number;
  weekly_days?: string;
  monthly_day?: number;
  monthly_week?: number;
  monthly_week_day?: number;
  end_times?: number;
  /** UTC, `…Z`; never with end_times. */
  end_date_time?: string;
}

/** A new meeting. `start_time` is local wall time `yyyy-MM-ddTHH:mm:ss` read in `timezone`. */
export interface MeetingCreateInput {
  topic: string;
  /** 1 instant, 2 scheduled, 8 recurring with a fixed time (then `recurrence` is set). */
  type: 1 | 2 | 8;
  recurrence?: MeetingRecurrence;
  start_time?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  settings?: MeetingSettings;
}

export type MeetingUpdateInput = Partial<Omit<MeetingCreateInput, 'type' | 'recurrence'>>;

export interface ZoomMeeting {
  id: number;
  uuid?: string;
  host_id?: string;
  topic: string;
  type: number;
  status?: string;
  /** UTC, e.g. 2026-11-29T06:00:00Z */
  start_time?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  join_url: string;
  /** Carries the host's key: only ever shown to the host. */
  start_url?: string;
  password?: string;
  settings?: MeetingSettings;
}

export interface ZoomMeetings {
  /** Never retried blindly by the adapter (a retry can create a second meeting). */
  createMeeting(user: SlackUserRef, input: MeetingCreateInput): Promise<ZoomMeeting>;
  getMeeting(user: SlackUserRef, meetingId: string): Promise<ZoomMeeting>;
  updateMeeting(user: SlackUserRef, meetingId: string, patch: MeetingUpdateInput): Promise<void>;
  deleteMeeting(user: SlackUserRef, meetingId: string): Promise<void>;
  listUpcomingMeetings(user: SlackUserRef, pageSize?: number): Promise<ZoomMeeting[]>;
  updateRecordingSettings(
    user: SlackUserRef,
    meetingId: string,
    settings: { recording_authentication?: boolean },
  ): Promise<void>;
}
