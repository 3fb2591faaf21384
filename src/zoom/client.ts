/** Zoom REST client (axios) acting as one Slack user's connected Zoom account. */
// CONTRACT STUB: bodies to be implemented; the exported signatures are what the rest of the bot uses.
import type { Logger } from '../log.js';
import type { TokenStore } from './tokens.js';
import type { MeetingCreateInput, MeetingUpdateInput, SlackUserRef, ZoomMeeting } from './types.js';

export interface ZoomClientOptions {
  apiUrl: string;
  tokens: TokenStore;
  timeoutMs?: number;
  logger?: Logger;
}

export class ZoomClient {
  constructor(readonly options: ZoomClientOptions) {}
  /** POST /users/me/meetings. Never retried blindly (a retry can create a second meeting). */
  createMeeting(_user: SlackUserRef, _input: MeetingCreateInput): Promise<ZoomMeeting> {
    throw new Error('not implemented');
  }
  getMeeting(_user: SlackUserRef, _meetingId: string): Promise<ZoomMeeting> {
    throw new Error('not implemented');
  }
  updateMeeting(_user: SlackUserRef, _meetingId: string, _patch: MeetingUpdateInput): Promise<void> {
    throw new Error('not implemented');
  }
  deleteMeeting(_user: SlackUserRef, _meetingId: string): Promise<void> {
    throw new Error('not implemented');
  }
  listUpcomingMeetings(_user: SlackUserRef, _pageSize?: number): Promise<ZoomMeeting[]> {
    throw new Error('not implemented');
  }
  updateRecordingSettings(
    _user: SlackUserRef,
    _meetingId: string,
    _settings: { recording_authentication?: boolean },
  ): Promise<void> {
    throw new Error('not implemented');
  }
}
