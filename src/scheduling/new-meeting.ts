/** A meeting to create: what the form asked for, the Zoom request made of it, and its first record. */
import { type RecurrenceRule, toZoomRecurrence } from '../time/recurrence.js';
import type { AutoRecording, Locale, MeetingSettings, SlackUserRef } from './ports/types.js';
import type { MeetingCreateInput, ZoomMeeting } from './ports/zoom.js';
import type { MeetingRecord } from './types.js';

export interface StartTime {
  /** Wall time `yyyy-MM-ddTHH:mm:ss` in `timeZone`. */
  local: string;
  timeZone: string;
  /** ISO UTC. */
  instant: string;
}

export interface NewMeeting {
  /** The Slack user who schedules it, with their own Zoom token. */
  host: SlackUserRef;
  /**
   * Scheduled for another Zoom user who gave `host` their scheduling privilege
   * (`POST /users/{zoomUserId}/meetings`); the email when the form knew it.
   */
  forHost?: {
    zoomUserId: string;
    /** From Zoom's list of whom the user may schedule for. */
    email?: string;
    /** How the form named them (words only: it came with the submission). */
    label?: string;
  };
  locale: Locale;
  topic: string;
  /** Absent: an instant meeting. */
  start?: StartTime;
  timeZone: string;
  durationMinutes: number;
  agenda?: string;
  /** Only the switches the user changed from the host's Zoom defaults: Zoom applies its own to the rest. */
  options: Omit<MeetingSettings, 'auto_recording'>;
  /** Absent: the host's Zoom default. */
  recording?: AutoRecording;
  recordingAuthentication: boolean;
  channelId: string;
  /** Post the meeting as a reply in this thread of the channel. */
  threadTs?: string;
  responseUrl?: string;
  /** A recurring series (Zoom type 8); `start` is its first meeting. */
  recurrence?: RecurrenceRule;
  /** Slack user ids (the host's workspace) to invite: told by DM, recorded in Zoom by email. */
  invitees?: string[];
  /** Remind the channel this many minutes before the start (0: no reminder). */
  reminderMinutes?: number;
}

/** The body of the create. */
export function createRequest(input: NewMeeting, inviteeEmails: string[]): MeetingCreateInput {
  return {
    topic: input.topic,
    type: input.recurrence && input.start ? 8 : input.start ? 2 : 1,
    ...(input.recurrence && input.start
      ? { recurrence: toZoomRecurrence(input.recurrence, input.start.timeZone) }
      : {}),
    ...(input.start ? { start_time: input.start.local, timezone: input.start.timeZone } : {}),
    duration: input.durationMinutes,
    ...(input.agenda ? { agenda: input.agenda } : {}),
    ...settingsOf(input, inviteeEmails),
  };
}

/** What the record keeps beyond the form and Zoom's answer. */
export interface RecordExtras {
  now: Date;
  zoomAccount?: MeetingRecord['zoomAccount'];
  scheduledFor?: MeetingRecord['scheduledFor'];
  recordingAuthenticationFailed: boolean;
}

export function newRecord(input: NewMeeting, meeting: ZoomMeeting, extras: RecordExtras): MeetingRecord {
  const { now, zoomAccount, scheduledFor } = extras;
  return {
    meetingId: String(meeting.id),
    ...(zoomAccount ? { zoomAccount } : {}),
    host: input.host,
    ...(scheduledFor ? { scheduledFor } : {}),
    ...(meeting.host_id ? { zoomUserId: meeting.host_id } : {}),
    topic: input.topic,
    ...(input.start
      ? {
          startInstant: meeting.start_time ? new Date(meeting.start_time).toISOString() : input.start.instant,
        }
      : {}),
    timeZone: input.start?.timeZone ?? input.timeZone,
    durationMinutes: input.durationMinutes,
    ...(input.agenda ? { agenda: input.agenda } : {}),
    joinUrl: meeting.join_url,
    locale: input.locale,
    recording: input.recording ?? recordingOf(meeting.settings?.auto_recording),
    recordingAuthentication: input.recordingAuthentication && !extras.recordingAuthenticationFailed,
    status: 'scheduled',
    channelId: input.channelId,
    ...(input.threadTs ? { threadTs: input.threadTs } : {}),
    ...(input.responseUrl
      ? { responseUrl: input.responseUrl, responseUrlUse: { since: now.toISOString(), posts: 0 } }
      : {}),
    createdAt: now.toISOString(),
    ...(input.recurrence && input.start
      ? { series: { rule: input.recurrence, firstLocal: input.start.local } }
      : {}),
    ...(input.invitees?.length ? { invitees: input.invitees.map((userId) => ({ userId })) } : {}),
    ...(input.reminderMinutes ? { reminder: { minutes: input.reminderMinutes } } : {}),
  };
}

/** The create's `settings`: what the user set, nothing else (an omitted field gets the host's default). */
function settingsOf(input: NewMeeting, inviteeEmails: string[]): { settings?: MeetingSettings } {
  const settings: MeetingSettings = {
    ...input.options,
    ...(input.recording ? { auto_recording: input.recording } : {}),
    ...(inviteeEmails.length > 0 ? { meeting_invitees: inviteeEmails.map((email) => ({ email })) } : {}),
  };
  return Object.keys(settings).length > 0 ? { settings } : {};
}

/** What Zoom says the meeting records to (the host's default when the create did not say). */
function recordingOf(value: unknown): AutoRecording {
  return value === 'local' || value === 'cloud' ? value : 'none';
}
