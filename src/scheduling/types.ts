/** The scheduling core's own data. No Slack or HTTP types in here. */
import type { RecurrenceRule } from '../time/recurrence.js';
import type { AutoRecording, Locale, SlackUserRef } from './ports/types.js';

export type MeetingStatus = 'scheduled' | 'started' | 'ended' | 'cancelled';

/** What the bot remembers about a meeting it posted (no start_url, no tokens). */
export interface MeetingRecord {
  /** Zoom's meeting id, always as a string (Zoom sends it as a number or a string). */
  meetingId: string;
  /**
   * The Slack user who created it, with their own Zoom token. For a meeting scheduled for someone
   * else this is the scheduler (see `scheduledFor`); they and that host may reschedule or cancel.
   */
  host: SlackUserRef;
  /**
   * Scheduled for another Zoom user through Zoom's scheduling privilege: that host's Zoom id and
   * email, and their Slack user (same workspace) when one has that email.
   */
  scheduledFor?: {
    zoomUserId: string;
    email?: string;
    slackUserId?: string;
    /** That Slack user is not a member of the meeting's channel (they are reminded by DM too). */
    outsideChannel?: true;
  };
  zoomUserId?: string;
  topic: string;
  /** Instant meetings have no start. ISO UTC. */
  startInstant?: string;
  timeZone: string;
  durationMinutes: number;
  agenda?: string;
  joinUrl: string;
  locale: Locale;
  recording: AutoRecording;
  recordingAuthentication: boolean;
  status: MeetingStatus;
  startedAt?: string;
  endedAt?: string;
  /** How long it actually ran (meeting.ended), whole minutes. */
  durationRanMinutes?: number;
  /** Share link of the last cloud recording posted in the thread (so a redelivery posts nothing twice). */
  recordingShareUrl?: string;
  /** Where it was announced: a channel message (channel + ts), or only through a response_url. */
  channelId: string;
  /** The thread the message was posted in (its parent's ts), when it is a reply. */
  threadTs?: string;
  messageTs?: string;
  responseUrl?: string;
  /** The Zoom account that created it (only that account can change it). */
  zoomAccount?: { id: string; email?: string };
  /** When `responseUrl` was issued and how many posts it took (Slack takes 5 within 30 minutes). */
  responseUrlUse?: { since: string; posts: number };
  /** When the meeting was first shown (channel or response_url); absent until then. */
  postedAt?: string;
  createdAt: string;
  /**
   * A recurring series (Zoom type 8): its rule and first meeting (wall time in `timeZone`), from which
   * every occurrence follows; `startInstant` is the occurrence the message shows (the next one).
   */
  series?: { rule: RecurrenceRule; firstLocal: string };
  /**
   * Minutes before the start to remind the channel (absent or 0: none), and the Slack scheduled
   * messages now waiting for it (one in the channel, or one per DM where the bot cannot post there).
   */
  reminder?: { minutes: number; scheduled?: ScheduledReminder[] };
  /** Slack users invited (same workspace as the host), and where their invitation was sent. */
  invitees?: Invitee[];
  /**
   * Zoom's `event_ts` of the last event applied to each independent group of fields: `status`
   * (started, ended, deleted) and `details` (time, topic, length, zone from meeting.updated). An
   * event older than its group's mark is refused, whichever replica sees it last.
   */
  appliedEventTs?: { status?: number; details?: number };
}

/** One chat.scheduleMessage waiting: where, its id, and when it posts (epoch seconds). */
export interface ScheduledReminder {
  channel: string;
  id: string;
  postAt: number;
}

/** An invited Slack user; `dm` is their invitation message, updated as the meeting changes. */
export interface Invitee {
  userId: string;
  dm?: { channel: string; ts: string };
}

/** Notes the announcer renders in the meeting's language. */
export type MeetingNote =
  | { kind: 'moved'; fromInstant?: string; toInstant: string; by?: SlackUserRef }
  /** The reschedule form changed more than the time: each part present is a change. */
  | {
      kind: 'edited';
      move?: { fromInstant?: string; toInstant: string };
      topic?: { from: string; to: string };
      durationMinutes?: { from: number; to: number };
      agenda?: true;
      by?: SlackUserRef;
    }
  | { kind: 'recording'; shareUrl: string; passcode?: string };

export type UserNote =
  /** The Zoom connection was removed from the Zoom side (app_deauthorized). */
  | { kind: 'zoom_deauthorized' }
  /**
   * A cloud recording is ready but "viewers must sign in" could not be applied, so its link was
   * not posted in the channel; the host finds it in Zoom.
   */
  | { kind: 'recording_not_shared'; meetingId: string; topic: string };

/**
 * The port through which the scheduling core shows changes to people. Implemented on the Slack
 * side; the core never knows about blocks or channels.
 */
export interface MeetingAnnouncer {
  /**
   * Re-render the meeting's channel message from the record (status, time, buttons); `changedBy`:
   * the Slack user whose change it shows (none for a change made in Zoom).
   */
  refresh(record: MeetingRecord, changedBy?: SlackUserRef): Promise<void>;
  /** A reply in the thread under the meeting's message. */
  threadReply(record: MeetingRecord, note: MeetingNote): Promise<void>;
  /** A private message to one user, in their language. */
  notifyUser(user: SlackUserRef, note: UserNote): Promise<void>;
}
