/**
 * What the scheduling core asks of Zoom, acting as one Slack user's connected Zoom account.
 * Implemented by src/zoom/client.ts; failures are the errors of ./errors.ts.
 */
import type { HostDefaults, MeetingSettings, SlackUserRef } from './types.js';

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

/** Body of PATCH /meetings/{id}; `recurrence` changes a whole series. */
export type MeetingUpdateInput = Partial<Omit<MeetingCreateInput, 'type'>>;

/** One meeting of a series, as GET /meetings/{id} lists it. */
export interface MeetingOccurrence {
  /** Zoom's id of the occurrence (its original start in epoch ms). */
  occurrence_id: string;
  /** UTC, `…Z`. */
  start_time: string;
  duration?: number;
  status?: 'available' | 'deleted';
}

/** Which meetings of a series a PATCH or DELETE touches: one occurrence, or (absent) all of them. */
export interface OccurrenceTarget {
  occurrenceId?: string;
}

export interface ZoomMeeting {
  id: number;
  uuid?: string;
  host_id?: string;
  /** The create's answer names the host by email too. */
  host_email?: string;
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
  /** A series (type 8) only. */
  recurrence?: MeetingRecurrence;
  occurrences?: MeetingOccurrence[];
}

/**
 * Whose meetings a call is about: the connected account's own (absent), or another Zoom user's that
 * account may schedule for (Zoom's scheduling privilege, `/users/{zoomUserId}/…`).
 */
export interface HostAccount {
  forZoomUser?: string;
}

export interface ZoomMeetings {
  /**
   * Never retried blindly by the adapter (a retry can create a second meeting). With
   * `host.forZoomUser`, created for that user; Zoom refusing it throws NoSchedulingPrivilegeError.
   */
  createMeeting(user: SlackUserRef, input: MeetingCreateInput, host?: HostAccount): Promise<ZoomMeeting>;
  getMeeting(user: SlackUserRef, meetingId: string): Promise<ZoomMeeting>;
  /** With `target.occurrenceId`, only that meeting of a series (PATCH /meetings/{id}?occurrence_id=…). */
  updateMeeting(
    user: SlackUserRef,
    meetingId: string,
    patch: MeetingUpdateInput,
    target?: OccurrenceTarget,
  ): Promise<void>;
  /** With `target.occurrenceId`, only that meeting of a series; it stays listed as `deleted`. */
  deleteMeeting(user: SlackUserRef, meetingId: string, target?: OccurrenceTarget): Promise<void>;
  listUpcomingMeetings(user: SlackUserRef, pageSize?: number, host?: HostAccount): Promise<ZoomMeeting[]>;
  updateRecordingSettings(
    user: SlackUserRef,
    meetingId: string,
    settings: { recording_authentication?: boolean },
  ): Promise<void>;
}

/** Which Zoom account a Slack user is connected as now (null: none). */
export interface ZoomConnection {
  connectedAccount(user: SlackUserRef): Promise<{ zoomUserId: string; email?: string } | null>;
}

/** The host's Zoom settings as defaults for the scheduling form (cached for a few minutes). */
export interface ZoomHostDefaults {
  /** Null when Zoom's settings could not be read (the form then says so). */
  get(user: SlackUserRef): Promise<HostDefaults | null>;
}

/** A Zoom user the connected account may schedule for (GET /users/me/schedulers). */
export interface ZoomScheduler {
  id: string;
  email: string;
}

export interface ZoomSchedulers {
  /** Whom the user's Zoom account may schedule meetings for (Zoom's scheduling privilege). */
  listSchedulers(user: SlackUserRef): Promise<ZoomScheduler[]>;
}
