/** Removing what Redis still holds for a Slack user once their Zoom connection is gone. */
import type { Redis } from 'ioredis';
import type { Keys } from '../redis.js';
import type { UserData } from '../scheduling/ports/storage.js';
import type { SlackUserRef } from '../scheduling/ports/types.js';

export class RedisUserData implements UserData {
  constructor(
    private readonly redis: Redis,
    private readonly keys: Keys,
  ) {}

  /** Deletes every key under `${prefix}{team:user}:`. */
  async eraseUser(user: SlackUserRef): Promise<void> {
    const pattern = this.keys.userKeyPattern(user.teamId, user.userId);
    let cursor = '0';
    do {
      const [nextCursor, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 200);
      cursor = nextCursor;
      if (keys.length > 0) await this.redis.del(...keys);
    } while (cursor !== '0');
  }

  async forgetZoomUser(zoomUserId: string): Promise<void> {
    await this.redis.del(this.keys.zoomUserLinks(zoomUserId));
  }
}
