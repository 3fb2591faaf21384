/** Removing what Redis still holds for a Slack user once their Zoom connection is gone. */
import type { Keys, RedisClient } from '../redis.js';
import type { UserData } from '../scheduling/ports/storage.js';
import type { SlackUserRef } from '../scheduling/ports/types.js';

export class RedisUserData implements UserData {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  /** Deletes every key of the user: all share the user's hash tag, so one DEL in one slot, no scan. */
  async eraseUser(user: SlackUserRef): Promise<void> {
    await this.redis.del(...this.keys.userKeys(user.teamId, user.userId));
    // Nothing of the user is left, so their workspace no longer lists them (another slot: own command).
    await this.redis.srem(this.keys.teamUsers(user.teamId), user.userId);
  }

  async forgetZoomUser(zoomUserId: string): Promise<void> {
    await this.redis.del(this.keys.zoomUserLinks(zoomUserId));
  }
}
