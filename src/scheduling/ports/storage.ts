/** What the scheduling core keeps and looks up; implemented over Redis in src/storage/. */
import type { MeetingRecord } from '../types.js';
import type { SlackUserRef } from './types.js';

export interface MeetingRecords {
  save(record: MeetingRecord): Promise<void>;
  get(meetingId: string | number): Promise<MeetingRecord | null>;
  /** Compare-and-set: applies `change` to the stored record; null when there is none. */
  update(
    meetingId: string | number,
    change: (r: MeetingRecord) => MeetingRecord,
  ): Promise<MeetingRecord | null>;
  /** Deletes every record a Slack user created; returns how many. */
  removeAllFor(user: SlackUserRef): Promise<number>;
}

/** One-time claims (a delivery, a submission): true only for the first claimant within the TTL. */
export interface OnceMarkers {
  claim(scope: string, id: string, ttlSeconds: number): Promise<boolean>;
  release(scope: string, id: string): Promise<void>;
}

/** The Slack users linked to Zoom users, and removing what the bot keeps for them. */
export interface ZoomAccounts {
  slackUsersForZoomUser(zoomUserId: string): Promise<SlackUserRef[]>;
  /** Deletes the user's Zoom connection (tokens and links). */
  remove(user: SlackUserRef): Promise<unknown>;
}

export interface UserData {
  /** Deletes every remaining key of one Slack user (profile cache and the like). */
  eraseUser(user: SlackUserRef): Promise<void>;
  /** Deletes the index of Slack users linked to a Zoom user. */
  forgetZoomUser(zoomUserId: string): Promise<void>;
}
