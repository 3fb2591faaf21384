/**
 * What the Slack listeners are given (built in src/bootstrap.ts): the scheduling use cases and the
 * few lookups they answer from. Each listener takes only the parts it uses.
 */
import type { AfterAnswer } from '../jobs/kinds.js';
import type { Logger } from '../log.js';
import type { MeetingRecords, OnceMarkers, UserData } from '../scheduling/ports/storage.js';
import type { ZoomHostDefaults, ZoomMeetings, ZoomSchedulers } from '../scheduling/ports/zoom.js';
import type { MeetingScheduler } from '../scheduling/scheduler.js';
import type { ZoomConnections } from '../zoom/connections.js';
import type { TokenStore } from '../zoom/tokens.js';
import type { SlackAnnouncer } from './announcer.js';
import type { PreferenceStore } from './preferences.js';
import type { ProfileCache } from './profiles.js';

export interface SlackDeps {
  logger: Logger;
  now: () => Date;
  scheduler: MeetingScheduler;
  meetings: Pick<MeetingRecords, 'get' | 'removeAllFor'>;
  /** Erases what Redis keeps of a user (disconnect). */
  userData: Pick<UserData, 'eraseUser'>;
  markers: OnceMarkers;
  profiles: ProfileCache;
  /** Personal defaults from the App Home (the modal and the bot's language follow them). */
  preferences: PreferenceStore;
  announcer: SlackAnnouncer;
  connections: Pick<
    ZoomConnections,
    'startConnect' | 'disconnect' | 'pendingLink' | 'confirmLink' | 'rejectLink'
  >;
  tokens: Pick<TokenStore, 'load'>;
  /** Zoom lookups the listeners answer from (the form's host choice asks whom the user schedules for). */
  zoom: Pick<ZoomMeetings, 'getMeeting' | 'listUpcomingMeetings'> & ZoomSchedulers;
  /** Work after the answer, stored in Redis before the answer goes out. */
  jobs: AfterAnswer;
  /** The host's Zoom defaults the scheduling form starts from. */
  hostDefaults: ZoomHostDefaults;
}
