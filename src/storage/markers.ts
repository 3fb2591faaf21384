/** One-time claims in Redis (SET NX with a TTL): duplicate submissions, webhook redeliveries. */
import type { Keys, RedisClient } from '../redis.js';
import type { OnceMarkers } from '../scheduling/ports/storage.js';

export class RedisOnceMarkers implements OnceMarkers {
  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
  ) {}

  async claim(scope: string, id: string, ttlSeconds: number): Promise<boolean> {
    return (await this.redis.set(this.keys.once(scope, id), '1', 'EX', ttlSeconds, 'NX')) === 'OK';
  }

  async release(scope: string, id: string): Promise<void> {
    await this.redis.del(this.keys.once(scope, id));
  }
}
