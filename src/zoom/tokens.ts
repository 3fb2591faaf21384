/**
 * Per-Slack-user Zoom tokens in Redis, encrypted, refreshed single-flight across processes.
 *
 * Zoom kills a refresh token the moment it issues the next one, so two refreshes racing with the
 * same token log the user out. Inside a process concurrent callers share one promise; across
 * processes a Redis lock admits one refresher, who re-reads the pair under the lock and stores the
 * new pair before releasing it. Everyone else waits for the lock to go or the pair to change.
 *
 * The new pair is stored only if the pair the refresh read is still there (compare-and-set on the
 * user's key): a disconnect or a reconnect while Zoom was answering is never undone, and the pair
 * that came too late is revoked at Zoom so it is not left valid.
 */
import type { Logger } from '../log.js';
import type { Keys, RedisClient } from '../redis.js';
import { Sealer } from './crypto.js';
import {
  type ZoomError,
  ZoomInvalidGrantError,
  ZoomNoAnswerError,
  ZoomNotConnectedError,
  ZoomUnavailableError,
} from './errors.js';
import { deleteIfUnchanged, RedisLock, setIfUnchanged } from './lock.js';
import type { ZoomOAuth } from './oauth.js';
import { decodeTokens, encodeTokens } from './token-codec.js';
import type { SlackUserRef, ZoomTokenSet } from './types.js';

export interface TokenStoreOptions {
  redis: RedisClient;
  keys: Keys;
  /** Current key first, then older keys accepted for reading. */
  encryptionKeys: Buffer[];
  oauth: ZoomOAuth;
  logger?: Logger;
  /** Refresh when less than this remains; 5 minutes. */
  refreshMarginMs?: number;
  /** Lifetime of the cross-process refresh lock; 10 s (longer than the OAuth call's timeout). */
  lockTtlMs?: number;
  /** How long a caller waits for another process's refresh before giving up; 20 s. */
  maxWaitMs?: number;
}

interface Stored {
  tokens: ZoomTokenSet;
  /** The sealed value as read, for compare-and-delete. */
  raw: string;
}

type NeedsRefresh = (current: ZoomTokenSet) => boolean;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class TokenStore {
  private readonly sealer: Sealer;
  private readonly lock: RedisLock;
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly marginMs: number;
  private readonly lockTtlMs: number;
  private readonly maxWaitMs: number;

  constructor(readonly options: TokenStoreOptions) {
    this.sealer = new Sealer(options.encryptionKeys);
    this.lock = new RedisLock(options.redis);
    this.marginMs = options.refreshMarginMs ?? 5 * 60_000;
    this.lockTtlMs = options.lockTtlMs ?? 10_000;
    this.maxWaitMs = options.maxWaitMs ?? 20_000;
  }

  /** Stores the pair (always sealed with the current key) and links the Zoom user to this Slack user. */
  async save(user: SlackUserRef, tokens: ZoomTokenSet): Promise<void> {
    const { redis, keys } = this.options;
    const previous = await redis.set(
      keys.tokens(user.teamId, user.userId),
      encodeTokens(this.sealer, user, tokens),
      'GET',
    );
    const member = linkMember(user);
    await redis.sadd(keys.zoomUserLinks(tokens.zoomUserId), member);
    // The workspace's user index: removing the workspace (Slack uninstall) finds this user.
    await redis.sadd(keys.teamUsers(user.teamId), user.userId);
    const old = previous ? this.tryDecode(user, previous) : null;
    if (old?.zoomUserId !== tokens.zoomUserId) {
      // A new (or another) Zoom account: the cached defaults were another account's.
      await redis.del(keys.hostDefaults(user.teamId, user.userId));
    }
    if (old && old.zoomUserId !== tokens.zoomUserId) {
      // Reconnected with another Zoom account: the old account no longer points here.
      await redis.srem(keys.zoomUserLinks(old.zoomUserId), member);
    }
  }

  /** Throws TokenStoreError when the stored value cannot be read. */
  async load(user: SlackUserRef): Promise<ZoomTokenSet | null> {
    return (await this.read(user))?.tokens ?? null;
  }

  /** A valid access token; refreshes first when under 5 minutes remain. Throws ZoomNotConnectedError. */
  async getAccessToken(user: SlackUserRef): Promise<string> {
    const stored = await this.read(user);
    if (!stored) throw notConnected(user);
    const needsRefresh: NeedsRefresh = (t) => t.expiresAt - Date.now() < this.marginMs;
    if (!needsRefresh(stored.tokens)) return stored.tokens.accessToken;
    return this.refreshOnce(user, needsRefresh);
  }

  /** After Zoom answered 401 to `rejectedAccessToken`: refresh (unless another caller already did) and return the new token. */
  async refreshAfterRejection(user: SlackUserRef, rejectedAccessToken: string): Promise<string> {
    const stored = await this.read(user);
    if (!stored) throw notConnected(user);
    if (stored.tokens.accessToken !== rejectedAccessToken) return stored.tokens.accessToken;
    return this.refreshOnce(user, (t) => t.accessToken === rejectedAccessToken);
  }

  /** Deletes the user's tokens and index entries; returns what was stored (to revoke). */
  async remove(user: SlackUserRef): Promise<ZoomTokenSet | null> {
    const { redis, keys, logger } = this.options;
    const key = keys.tokens(user.teamId, user.userId);
    const raw = await redis.get(key);
    if (raw === null) return null;
    const tokens = this.tryDecode(user, raw);
    if (!tokens) {
      // Unreadable (wrong key, damaged): reading it must fail loudly, but disconnecting and
      // Zoom's deauthorization must still be able to delete it.
      await deleteIfUnchanged(redis, key, raw);
      logger?.warn('removed an unreadable Zoom token record', { team: user.teamId, user: user.userId });
      return null;
    }
    await this.deleteStored(user, { tokens, raw });
    return tokens;
  }

  /** Slack users whose stored connection is this Zoom user (for app_deauthorized). */
  async slackUsersForZoomUser(zoomUserId: string): Promise<SlackUserRef[]> {
    const members = await this.options.redis.smembers(this.options.keys.zoomUserLinks(zoomUserId));
    return members.flatMap((m) => {
      const i = m.indexOf(':');
      return i > 0 ? [{ teamId: m.slice(0, i), userId: m.slice(i + 1) }] : [];
    });
  }

  private async read(user: SlackUserRef): Promise<Stored | null> {
    const raw = await this.options.redis.get(this.options.keys.tokens(user.teamId, user.userId));
    if (raw === null) return null;
    return { tokens: decodeTokens(this.sealer, user, raw), raw };
  }

  private tryDecode(user: SlackUserRef, raw: string): ZoomTokenSet | null {
    try {
      return decodeTokens(this.sealer, user, raw);
    } catch {
      return null;
    }
  }

  private async deleteStored(user: SlackUserRef, stored: Stored): Promise<boolean> {
    const { redis, keys } = this.options;
    const deleted = await deleteIfUnchanged(redis, keys.tokens(user.teamId, user.userId), stored.raw);
    if (deleted) await redis.srem(keys.zoomUserLinks(stored.tokens.zoomUserId), linkMember(user));
    return deleted;
  }

  /** One refresh per user per process at a time; concurrent callers share its result. */
  private refreshOnce(user: SlackUserRef, needsRefresh: NeedsRefresh): Promise<string> {
    const key = linkMember(user);
    const running = this.inFlight.get(key);
    if (running) return running;
    const started = this.refreshUnderLock(user, needsRefresh).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, started);
    return started;
  }

  private async refreshUnderLock(user: SlackUserRef, needsRefresh: NeedsRefresh): Promise<string> {
    const lockKey = this.options.keys.refreshLock(user.teamId, user.userId);
    const giveUpAt = Date.now() + this.maxWaitMs;
    for (let attempt = 0; ; attempt++) {
      const held = await this.lock.tryAcquire(lockKey, this.lockTtlMs);
      if (held) {
        try {
          // Another process may have refreshed between our read and the lock.
          const current = await this.read(user);
          if (!current) throw notConnected(user);
          if (!needsRefresh(current.tokens)) return current.tokens.accessToken;
          return await this.refreshWithZoom(user, current);
        } finally {
          const stillHeld = await this.lock.release(lockKey, held).catch(() => false);
          if (!stillHeld) this.options.logger?.warn('Zoom token refresh outlived its lock', { attempt });
        }
      }
      // Someone else is refreshing: wait (backoff with jitter), then use their pair if it is there.
      await sleep(Math.min(25 * 2 ** Math.min(attempt, 4), 300) * (0.5 + Math.random()));
      const current = await this.read(user);
      if (!current) throw notConnected(user);
      if (!needsRefresh(current.tokens)) return current.tokens.accessToken;
      if (Date.now() > giveUpAt) {
        throw new ZoomUnavailableError('Zoom token refresh by another worker did not finish in time');
      }
    }
  }

  /** Called with the lock held. Uses the refresh token once, never again for this call. */
  private async refreshWithZoom(user: SlackUserRef, current: Stored): Promise<string> {
    const log = this.options.logger;
    try {
      const grant = await this.options.oauth.refresh(current.tokens.refreshToken);
      const next: ZoomTokenSet = {
        ...current.tokens,
        accessToken: grant.accessToken,
        refreshToken: grant.refreshToken,
        expiresAt: Date.now() + grant.expiresInSeconds * 1000,
        scope: grant.scope || current.tokens.scope,
      };
      // Same Zoom account as the pair read, so its index entries already point here.
      const key = this.options.keys.tokens(user.teamId, user.userId);
      const encoded = encodeTokens(this.sealer, user, next);
      if (!(await setIfUnchanged(this.options.redis, key, current.raw, encoded))) {
        return await this.refreshedTooLate(user, current, next);
      }
      log?.debug('Zoom tokens refreshed', { team: user.teamId, user: user.userId });
      return grant.accessToken;
    } catch (err) {
      if (!(err instanceof ZoomInvalidGrantError) && !(err instanceof ZoomNoAnswerError)) throw err;
      // Re-read first: a pair stored by someone else since is the one to use.
      const latest = await this.read(user);
      if (latest && latest.tokens.refreshToken !== current.tokens.refreshToken) {
        return latest.tokens.accessToken;
      }
      if (err instanceof ZoomNoAnswerError) {
        // Zoom may have rotated the pair and the answer was lost. Retrying now with the same
        // refresh token could race the lost request; the next call tries once more and clears
        // the pair if Zoom says it is dead.
        log?.warn('Zoom did not answer a token refresh', { team: user.teamId, user: user.userId });
        throw new ZoomUnavailableError('Zoom did not answer the token refresh; try again in a moment');
      }
      if (latest) await this.deleteStored(user, latest);
      log?.info('Zoom refresh token is dead; connection removed', { team: user.teamId, user: user.userId });
      throw new ZoomNotConnectedError('Zoom connection has expired or was revoked; connect Zoom again', 400);
    }
  }

  /**
   * The pair changed while Zoom answered (disconnect, reconnect, or a refresh that outlived its
   * lock). Revoke what Zoom just issued unless the stored pair is of the same Zoom account:
   * revoking ends the whole authorization at Zoom, which would log that stored pair out too.
   */
  private async refreshedTooLate(user: SlackUserRef, read: Stored, late: ZoomTokenSet): Promise<string> {
    const log = this.options.logger;
    const where = { team: user.teamId, user: user.userId };
    const latest = await this.read(user).catch(() => null);
    if (latest?.tokens.zoomUserId !== read.tokens.zoomUserId) {
      await this.options.oauth.revoke(late.refreshToken).catch((err: unknown) => {
        log?.warn('Zoom pair refreshed too late could not be revoked', {
          ...where,
          reason: err instanceof Error ? err.message : 'unknown',
        });
      });
    }
    log?.info('Zoom connection changed during a token refresh; the refreshed pair was dropped', where);
    if (!latest) throw notConnected(user);
    return latest.tokens.accessToken;
  }
}

function linkMember(user: SlackUserRef): string {
  return `${user.teamId}:${user.userId}`;
}

function notConnected(user: SlackUserRef): ZoomError {
  return new ZoomNotConnectedError(`Slack user ${user.teamId}/${user.userId} has not connected Zoom`);
}
