/** Meeting records in Redis, so any replica can handle a button click or a webhook for any meeting. */
import type { Keys, RedisClient } from '../redis.js';
import type { MeetingRecords } from '../scheduling/ports/storage.js';
import type { SlackUserRef } from '../scheduling/ports/types.js';
import type { MeetingRecord } from '../scheduling/types.js';

/** Records outlive the meeting long enough for late webhooks (recordings) and clicks on old messages. */
const RECORD_TTL_SECONDS = 90 * 24 * 3600;

const MAX_UPDATE_ATTEMPTS = 20;

/** SET key to ARGV[2] (with TTL ARGV[3]) only while it still holds ARGV[1]. */
const COMPARE_AND_SET = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0`;

function parse(raw: string): MeetingRecord | null {
  try {
    return JSON.parse(raw) as MeetingRecord;
  } catch {
    return null;
  }
}

export class MeetingStore implements MeetingRecords {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /**
   * The record and the host's index live in two slots (a cluster cannot write both at once), so
   * the index is written first: a stored record is always found by `removeAllFor`, and an index
   * entry without a record (a failure in between) only costs an extra DEL.
   */
  async save(record: MeetingRecord): Promise<void> {
    const { teamId, userId } = record.host;
    const index = this.keys.userMeetings(teamId, userId);
    await this.redis.multi().sadd(index, record.meetingId).expire(index, RECORD_TTL_SECONDS).exec();
    await this.redis.set(
      this.keys.meeting(record.meetingId),
      JSON.stringify(record),
      'EX',
      RECORD_TTL_SECONDS,
    );
  }

  async get(meetingId: string | number): Promise<MeetingRecord | null> {
    const raw = await this.redis.get(this.keys.meeting(String(meetingId)));
    return raw ? parse(raw) : null;
  }

  /**
   * Reads, applies `change`, writes back only if nobody wrote in between (else re-reads and tries
   * again), so a button click and a webhook on two replicas never lose each other's fields.
   * Returns the new record (null when unknown or unreadable).
   */
  async update(
    meetingId: string | number,
    change: (r: MeetingRecord) => MeetingRecord,
  ): Promise<MeetingRecord | null> {
    const key = this.keys.meeting(String(meetingId));
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt++) {
      const raw = await this.redis.get(key);
      const current = raw ? parse(raw) : null;
      if (!raw || !current) return null;
      const next = change(current);
      // A change function returns the record itself when it changes nothing: no write then.
      if (next === current) return current;
      const written = await this.redis.eval(
        COMPARE_AND_SET,
        1,
        key,
        raw,
        JSON.stringify(next),
        RECORD_TTL_SECONDS,
      );
      if (written === 1) return next;
      // Someone wrote first: back off a little (with jitter, so writers do not collide in step).
      await new Promise((r) => setTimeout(r, Math.random() * 5 * (attempt + 1)));
    }
    throw new Error(`meeting ${meetingId} is being changed by too many writers at once`);
  }

  /** Deletes every record a Slack user created (Zoom deauthorization). Returns how many. */
  async removeAllFor(user: SlackUserRef): Promise<number> {
    const setKey = this.keys.userMeetings(user.teamId, user.userId);
    const ids = await this.redis.smembers(setKey);
    // One DEL per record: each record has its own slot. The index goes last, so a failure part-way
    // leaves the rest findable for the retry.
    await Promise.all(ids.map((id) => this.redis.del(this.keys.meeting(id))));
    await this.redis.del(setKey);
    return ids.length;
  }
}
