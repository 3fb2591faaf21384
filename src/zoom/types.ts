/** Shapes exchanged with Zoom's REST API (only the fields this bot uses). */

export type { AutoRecording, MeetingSettings, SlackUserRef } from '../scheduling/ports/types.js';
export type {
  MeetingCreateInput,
  MeetingOccurrence,
  MeetingRecurrence,
  MeetingUpdateInput,
  OccurrenceTarget,
  ZoomMeeting,
} from '../scheduling/ports/zoom.js';

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
