/** Plain data the scheduling core shares with its adapters (Zoom, Slack, storage). */

/** Which Slack user a meeting or a Zoom connection belongs to. */
export interface SlackUserRef {
  teamId: string;
  userId: string;
}

/** The languages the bot speaks. */
export type Locale = 'ja' | 'en';

export type AutoRecording = 'none' | 'local' | 'cloud';

export interface MeetingSettings {
  host_video?: boolean;
  participant_video?: boolean;
  join_before_host?: boolean;
  mute_upon_entry?: boolean;
  waiting_room?: boolean;
  auto_recording?: AutoRecording;
}
