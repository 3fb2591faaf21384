/** Shapes exchanged with Zoom's REST API (only the fields this bot uses). */

/** Which Slack user a Zoom connection belongs to. */
export interface SlackUserRef {
  teamId: string;
  userId: string;
}

export type AutoRecording = 'none' | 'local' | 'cloud';

export interface MeetingSettings {
  host_video?: boolean;
  participant_video?: boolean;
  join_before_host?: boolean;
  mute_upon_entry?: boolean;
  waiting_room?: boolean;
  auto_recording?: AutoRecording;
}

/** Body of POST /users/me/meetings. `start_time` is local wall time `yyyy-MM-ddTHH:mm:ss` read in `timezone`. */
export interface MeetingCreateInput {
  topic: string;
  type: 1 | 2;
  start_time?: string;
  duration?: number;
  timezone?: string;
  agenda?: string;
  settings?: MeetingSettings;
}

/** Body of PATCH /meetings/{id}. */
export type MeetingUpdateInput = Partial<Omit<MeetingCreateInput, 'type'>>;

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

/** What the token store keeps for one Slack user (encrypted in Redis). */
export interface ZoomTokenSet {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token stops working. */
  expiresAt: number;
  scope: string;
  zoomUserId: string;
  zoomEmail: string;
}
