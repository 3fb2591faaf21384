/**
 * A Redis lock for one key: SET NX PX with a unique value, released by compare-and-delete, so a
 * holder whose lock already expired can never release someone else's.
 */
import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../redis.js';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export class RedisLock {
  constructor(private readonly redis: RedisClient) {}

  /** The lock's value when taken, or null when someone else holds it. */
  async tryAcquire(key: string, ttlMs: number): Promise<string | null> {
    const value = randomBytes(16).toString('hex');
    const ok = await this.redis.set(key, value, 'PX', ttlMs, 'NX');
    return ok === 'OK' ? value : null;
  }

  /** False when the lock had expired (and may now belong to another holder, left untouched). */
  async release(key: string, value: string): Promise<boolean> {
    const removed = (await this.redis.eval(RELEASE, 1, key, value)) as number;
    return removed === 1;
  }
}

/** Deletes `key` only while it still holds `expected` (the value this process read). */
export async function deleteIfUnchanged(redis: RedisClient, key: string, expected: string): Promise<boolean> {
  const removed = (await redis.eval(RELEASE, 1, key, expected)) as number;
  return removed === 1;
}

const SET_IF = `if redis.call('get', KEYS[1]) == ARGV[1] then redis.call('set', KEYS[1], ARGV[2]) return 1 else return 0 end`;

/** Sets `key` to `next` only while it still holds `expected`, in one step (one key: one slot). */
export async function setIfUnchanged(
  redis: RedisClient,
  key: string,
  expected: string,
  next: string,
): Promise<boolean> {
  const set = (await redis.eval(SET_IF, 1, key, expected, next)) as number;
  return set === 1;
}
