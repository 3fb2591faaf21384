/**
 * Real Redis + the real MeetingStore, with recording stand-ins for the Slack announcer, the token
 * index and Zoom's recording-settings call (the end-to-end tests run the real ones).
 */

import { createLogger } from '../../../src/log.js';
import { Keys, type RedisClient } from '../../../src/redis.js';
import type { MeetingEventDeps } from '../../../src/scheduling/meeting-events.js';
import type { MeetingNote, MeetingRecord, UserNote } from '../../../src/scheduling/types.js';
import { RedisOnceMarkers } from '../../../src/storage/markers.js';
import { MeetingStore } from '../../../src/storage/meeting-store.js';
import { RedisUserData } from '../../../src/storage/user-data.js';
import type { SlackUserRef } from '../../../src/zoom/types.js';
import type { TestRedis } from '../../support/redis.js';

export type AnnouncerCall =
  | { call: 'refresh'; record: MeetingRecord }
  | { call: 'threadReply'; record: MeetingRecord; note: MeetingNote }
  | { call: 'notifyUser'; user: SlackUserRef; note: UserNote };

export interface EventTestDeps extends MeetingEventDeps {
  redis: RedisClient;
  keys: Keys;
  /** The same stand-in as `accounts` (the token index). */
  tokens: MeetingEventDeps['accounts'];
  announced: AnnouncerCall[];
  recordingSettings: { user: SlackUserRef; meetingId: string; settings: unknown }[];
  /** Set to make the next calls fail. */
  failures: { refresh?: Error; recordingSettings?: Error };
  /** Links a Slack user to a Zoom user the way the token store does (tokens key + index set). */
  link(user: SlackUserRef, zoomUserId: string): Promise<void>;
  /** Every key under this test's prefix. */
  allKeys(): Promise<string[]>;
}

export function eventDeps(redis: TestRedis, prefix = redis.prefix()): EventTestDeps {
  const client = redis.client();
  const keys = new Keys(prefix);
  const announced: AnnouncerCall[] = [];
  const recordingSettings: EventTestDeps['recordingSettings'] = [];
  const failures: EventTestDeps['failures'] = {};
  const accounts: EventTestDeps['accounts'] = {
    async slackUsersForZoomUser(zoomUserId) {
      const members = await client.smembers(keys.zoomUserLinks(zoomUserId));
      return members.map((m) => {
        const [teamId = '', userId = ''] = m.split(':');
        return { teamId, userId };
      });
    },
    async remove(user) {
      const raw = await client.get(keys.tokens(user.teamId, user.userId));
      if (!raw) return null;
      const zoomUserId = JSON.parse(raw).zoomUserId as string;
      await client.del(keys.tokens(user.teamId, user.userId));
      await client.srem(keys.zoomUserLinks(zoomUserId), `${user.teamId}:${user.userId}`);
      return null;
    },
  };
  return {
    accounts,
    tokens: accounts,
    markers: new RedisOnceMarkers(client, keys),
    userData: new RedisUserData(client, keys),
    redis: client,
    keys,
    logger: createLogger('error', () => {}),
    meetings: new MeetingStore(client, keys),
    announced,
    recordingSettings,
    failures,
    announcer: {
      async refresh(record) {
        if (failures.refresh) throw failures.refresh;
        announced.push({ call: 'refresh', record });
      },
      async threadReply(record, note) {
        announced.push({ call: 'threadReply', record, note });
      },
      async notifyUser(user, note) {
        // As the Slack side does: looking up the user's locale caches their profile again.
        await client.set(keys.slackProfile(user.teamId, user.userId), '{"locale":"ja-JP"}');
        announced.push({ call: 'notifyUser', user, note });
      },
    },
    zoom: {
      async updateRecordingSettings(user, meetingId, settings) {
        if (failures.recordingSettings) throw failures.recordingSettings;
        recordingSettings.push({ user, meetingId, settings });
      },
    },
    async link(user, zoomUserId) {
      await client.set(keys.tokens(user.teamId, user.userId), JSON.stringify({ zoomUserId }));
      await client.sadd(keys.zoomUserLinks(zoomUserId), `${user.teamId}:${user.userId}`);
    },
    async allKeys() {
      const escaped = prefix.replace(/[*?[\]\\{}]/g, '\\$&');
      return (await client.keys(`${escaped}*`)).sort();
    },
  };
}

export function meetingRecord(over: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    meetingId: '85012345678',
    host: { teamId: 'T0001', userId: 'U0001' },
    zoomUserId: 'zu-host',
    topic: '週次定例',
    startInstant: '2026-11-29T06:00:00.000Z',
    timeZone: 'Asia/Tokyo',
    durationMinutes: 30,
    joinUrl: 'https://zoom.us/j/85012345678',
    locale: 'ja',
    recording: 'none',
    recordingAuthentication: false,
    status: 'scheduled',
    channelId: 'C0001',
    messageTs: '1764300000.000100',
    createdAt: '2026-11-28T00:00:00.000Z',
    ...over,
  };
}
