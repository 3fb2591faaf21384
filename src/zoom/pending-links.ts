/**
 * Zoom token pairs waiting for their Slack user to say "this is my Zoom account" (the Zoom email
 * differed from the Slack profile's). Each pair is sealed under its user's key; a sorted set of
 * deadlines, read by a periodic sweep in every replica, makes sure an unconfirmed pair is revoked at
 * Zoom and deleted even if no one ever clicks (Redis key expiry alone would delete it unrevoked).
 */
import { randomBytes } from 'node:crypto';
import type { Keys, RedisClient } from '../redis.js';
import { Sealer } from './crypto.js';
import { deleteIfUnchanged } from './lock.js';
import type { SlackUserRef, ZoomTokenSet } from './types.js';

/** Where the Slack user asked to connect, so the question reaches them there. */
export interface ConnectOrigin {
  channelId?: string;
  responseUrl?: string;
}

export interface PendingLink {
  /** Names this one pending pair: a button for an older pair cannot confirm a newer one. */
  linkId: string;
  tokens: ZoomTokenSet;
  /** Epoch ms. */
  expiresAt: number;
}

/** How long a sweeper owns a due entry before another replica may take it over (it crashed). */
const CLAIM_MS = 60_000;
/** Batch per sweep; the rest is taken by the next sweep. */
const SWEEP_BATCH = 50;

/** Takes a due member for CLAIM_MS: only one replica revokes a given pair. */
const CLAIM = `local s = redis.call('zscore', KEYS[1], ARGV[1])
if s and tonumber(s) <= tonumber(ARGV[2]) then
  redis.call('zadd', KEYS[1], ARGV[3], ARGV[1])
  return 1
end
return 0`;

const member = (user: SlackUserRef) => `${user.teamId}:${user.userId}`;
const associatedData = (user: SlackUserRef) => `zoom-pending-link:${member(user)}`;

export class PendingLinks {
  private readonly sealer: Sealer;

  constructor(
    private readonly redis: RedisClient,
    private readonly keys: Keys,
    encryptionKeys: Buffer[],
  ) {
    this.sealer = new Sealer(encryptionKeys);
  }

  /** Holds `tokens` for `user` until `expiresAt`; answers the pair it replaced (to revoke), if any. */
  async hold(
    user: SlackUserRef,
    tokens: ZoomTokenSet,
    expiresAt: number,
  ): Promise<{ link: PendingLink; replaced: PendingLink | null }> {
    const link: PendingLink = { linkId: randomBytes(9).toString('base64url'), tokens, expiresAt };
    const sealed = this.sealer.seal(JSON.stringify(link), associatedData(user));
    // Kept a day past the deadline only so a stalled sweep can still revoke it; the sweep deletes it.
    const keepSeconds = Math.ceil((expiresAt - Date.now()) / 1000) + 86_400;
    const previous = await this.redis.set(
      this.keys.pendingLink(user.teamId, user.userId),
      sealed,
      'EX',
      keepSeconds,
      'GET',
    );
    await this.redis.zadd(this.keys.pendingLinkDeadlines(), expiresAt, member(user));
    return { link, replaced: previous ? this.open(user, previous) : null };
  }

  /** The user's pending pair, or null. An expired one is still answered (callers check `expiresAt`). */
  async get(user: SlackUserRef): Promise<PendingLink | null> {
    const raw = await this.redis.get(this.keys.pendingLink(user.teamId, user.userId));
    return raw ? this.open(user, raw) : null;
  }

  /** Removes and answers the pending pair when it is `linkId` (any pair when omitted); null otherwise. */
  async take(user: SlackUserRef, linkId?: string): Promise<PendingLink | null> {
    const key = this.keys.pendingLink(user.teamId, user.userId);
    const raw = await this.redis.get(key);
    if (!raw) return null;
    const link = this.open(user, raw);
    if (link && linkId !== undefined && link.linkId !== linkId) return null;
    // Compare-and-delete: of two clicks (or a click and the sweep), exactly one gets the pair.
    if (!(await deleteIfUnchanged(this.redis, key, raw))) return null;
    await this.redis.zrem(this.keys.pendingLinkDeadlines(), member(user));
    return link;
  }

  /**
   * Pending pairs past their deadline, each claimed for this caller alone, removed from the store
   * and handed to `revoke`. When `revoke` throws, the entry is kept and retried after CLAIM_MS.
   */
  async sweep(
    now: number,
    revoke: (user: SlackUserRef, link: PendingLink) => Promise<void>,
  ): Promise<{ revoked: number; failed: number }> {
    const deadlines = this.keys.pendingLinkDeadlines();
    const due = await this.redis.zrangebyscore(deadlines, '-inf', now, 'LIMIT', 0, SWEEP_BATCH);
    let revoked = 0;
    let failed = 0;
    for (const m of due) {
      const claimed = (await this.redis.eval(CLAIM, 1, deadlines, m, now, now + CLAIM_MS)) as number;
      if (claimed !== 1) continue;
      const i = m.indexOf(':');
      const user = { teamId: m.slice(0, i), userId: m.slice(i + 1) };
      const key = this.keys.pendingLink(user.teamId, user.userId);
      const raw = await this.redis.get(key);
      const link = raw ? this.open(user, raw) : null;
      if (raw && link && link.expiresAt > now) {
        // Replaced by a newer pair meanwhile: its own deadline applies.
        await this.redis.zadd(deadlines, link.expiresAt, m);
        continue;
      }
      if (link) {
        try {
          await revoke(user, link);
        } catch {
          failed += 1; // still claimed: tried again once the claim runs out
          continue;
        }
        revoked += 1;
      }
      if (raw) await deleteIfUnchanged(this.redis, key, raw);
      await this.redis.zrem(deadlines, m);
    }
    return { revoked, failed };
  }

  /** Null when unreadable (another key, damaged): such a value can only be deleted. */
  private open(user: SlackUserRef, raw: string): PendingLink | null {
    try {
      const link = JSON.parse(this.sealer.open(raw, associatedData(user))) as PendingLink;
      return typeof link.linkId === 'string' && typeof link.tokens?.refreshToken === 'string' ? link : null;
    } catch {
      return null;
    }
  }
}
