/** The users of each Slack workspace the bot keeps anything for: removing a workspace lists them, no scan. */
import type { Keys, RedisClient } from '../redis.js';
import type { SlackUserRef } from '../scheduling/ports/types.js';

export class RedisWorkspaceUsers {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async list(teamId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.teamUsers(teamId));
  }

  async forget(user: SlackUserRef): Promise<void> {
    await this.redis.srem(this.keys.teamUsers(user.teamId), user.userId);
  }
}
