/** Plain data the scheduling core shares with its adapters (Zoom, Slack, storage). */

/** Which Slack user a meeting or a Zoom connection belongs to. */
export interface SlackUserRef {
  teamId: string;
  userId: string;
}

/** The languages the bot speaks. */
export type Locale = 'ja' | 'en';

export type AutoRecording = 'none' | 'local' | 'cloud';

/** The per-meeting switches the scheduling form offers. */
export type MeetingOption =
  | 'host_video'
  | 'participant_video'
  | 'join_before_host'
  | 'mute_upon_entry'
  | 'waiting_room';

/** The host's own Zoom defaults for a new meeting; an absent field is one Zoom did not tell. */
export interface HostDefaults {
  options: Partial<Record<MeetingOption, boolean>>;
  recording?: AutoRecording;
}

export interface MeetingSettings {
  host_video?: boolean;
  participant_video?: boolean;
  join_before_host?: boolean;
  mute_upon_entry?: boolean;
  waiting_room?: boolean;
  auto_recording?: AutoRecording;
  /** Recorded on the meeting; Zoom emails them only with a calendar integration, so the bot tells them too. */
  meeting_invitees?: { email: string }[];
}
