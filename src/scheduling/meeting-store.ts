/** Meeting records in Redis, so any replica can handle a button click or a webhook for any meeting. */
import type { Redis } from 'ioredis';
import type { Keys } from '../redis.js';
import type { SlackUserRef } from '../zoom/types.js';
import type { MeetingRecord } from './types.js';

/** Records outlive the meeting long enough for late webhooks (recordings) and clicks on old messages. */
const RECORD_TTL_SECONDS = 90 * 24 * 3600;

export class MeetingStore {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  async save(record: MeetingRecord): Promise<void> {
    const { teamId, userId } = record.host;
    await this.redis
      .multi()
      .set(this.keys.meeting(record.meetingId), JSON.stringify(record), 'EX', RECORD_TTL_SECONDS)
      .sadd(this.keys.userMeetings(teamId, userId), record.meetingId)
      .expire(this.keys.userMeetings(teamId, userId), RECORD_TTL_SECONDS)
      .exec();
  }

  async get(meetingId: string | number): Promise<MeetingRecord | null> {
    const raw = await this.redis.get(this.keys.meeting(String(meetingId)));
    if (!raw) return null;
    try {
      return JSON.parse(raw) as MeetingRecord;
    } catch {
      return null;
    }
  }

  /** Reads, applies `change`, writes back; returns the new record (null when unknown). */
  async update(
    meetingId: string | number,
    change: (r: MeetingRecord) => MeetingRecord,
  ): Promise<MeetingRecord | null> {
    const current = await this.get(meetingId);
    if (!current) return null;
    const next = change(current);
    await this.save(next);
    return next;
  }

  /** Deletes every record a Slack user created (Zoom deauthorization). Returns how many. */
  async removeAllFor(user: SlackUserRef): Promise<number> {
    const setKey = this.keys.userMeetings(user.teamId, user.userId);
    const ids = await this.redis.smembers(setKey);
    const pipeline = this.redis.multi();
    for (const id of ids) pipeline.del(this.keys.meeting(id));
    pipeline.del(setKey);
    await pipeline.exec();
    return ids.length;
  }
}
