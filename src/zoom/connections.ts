/**
 * Connecting and disconnecting a Slack user's Zoom account (OAuth state + PKCE in Redis).
 *
 * The state proves which Slack user started the connect, not who finished it: a forwarded or leaked
 * link lets anyone sign in to *their* Zoom account. So a finished sign-in becomes the Slack user's
 * connection only when the Zoom account's email is the Slack profile's email; otherwise the pair is
 * held pending until that Slack user confirms it in Slack, and revoked at Zoom if they reject it or
 * let it run out.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';
import type { Keys, RedisClient } from '../redis.js';
import { Sealer } from './crypto.js';
import { OAuthStateError, TokenStoreError, ZoomInvalidGrantError, ZoomResponseError } from './errors.js';
import type { ZoomOAuth } from './oauth.js';
import { type ConnectOrigin, type PendingLink, PendingLinks } from './pending-links.js';
import type { TokenStore } from './tokens.js';
import type { SlackUserRef, ZoomTokenSet } from './types.js';

export type { ConnectOrigin } from './pending-links.js';

export interface ZoomConnectionsOptions {
  redis: RedisClient;
  keys: Keys;
  oauth: ZoomOAuth;
  tokens: TokenStore;
  /** State lifetime; 10 minutes. */
  stateTtlSeconds?: number;
  /** How long a sign-in whose email differs waits for confirmation (PENDING_LINK_TTL_SECONDS); 600. */
  pendingLinkTtlSeconds?: number;
  /** The Slack user's profile email, when Slack gives it (users:read.email). */
  slackEmail?: (user: SlackUserRef) => Promise<string | undefined>;
  logger?: Logger;
}

interface PendingConnect {
  teamId: string;
  userId: string;
  verifier: string;
  origin?: ConnectOrigin;
}

export type Completed =
  | { outcome: 'connected'; user: SlackUserRef; zoomEmail: string }
  | {
      outcome: 'pending';
      user: SlackUserRef;
      zoomEmail: string;
      linkId: string;
      expiresAt: number;
      origin?: ConnectOrigin;
    };

/** What the Slack user sees about a pair waiting for them. */
export interface PendingLinkView {
  linkId: string;
  zoomEmail: string;
  expiresAt: number;
}

export type LinkDecision =
  | { outcome: 'connected' | 'rejected'; zoomEmail: string }
  /** Nothing pending under that id (already decided, replaced, or never there). */
  | { outcome: 'gone' }
  /** Past its deadline: revoked now instead. */
  | { outcome: 'expired'; zoomEmail: string };

const sameEmail = (a: string | undefined, b: string) =>
  a !== undefined && a.trim() !== '' && a.trim().toLowerCase() === b.trim().toLowerCase();

export class ZoomConnections {
  /** The PKCE verifier is a secret: the pending state is sealed with the token store's keys. */
  private readonly sealer: Sealer;
  private readonly pending: PendingLinks;

  constructor(readonly options: ZoomConnectionsOptions) {
    this.sealer = new Sealer(options.tokens.options.encryptionKeys);
    this.pending = new PendingLinks(options.redis, options.keys, options.tokens.options.encryptionKeys);
  }

  get pendingLinkTtlSeconds(): number {
    return this.options.pendingLinkTtlSeconds ?? 600;
  }

  /**
   * A one-time authorize URL bound to this Slack user (state + PKCE verifier kept in Redis);
   * `origin` is where they asked, so a confirmation question can reach them there.
   */
  async startConnect(user: SlackUserRef, origin?: ConnectOrigin): Promise<string> {
    const state = randomBytes(24).toString('base64url');
    const verifier = randomBytes(48).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const pending: PendingConnect = {
      teamId: user.teamId,
      userId: user.userId,
      verifier,
      ...(origin && (origin.channelId || origin.responseUrl) ? { origin } : {}),
    };
    await this.options.redis.set(
      this.options.keys.oauthState(state),
      this.sealer.seal(JSON.stringify(pending), `oauth-state:${state}`),
      'EX',
      this.options.stateTtlSeconds ?? 600,
    );
    return this.options.oauth.authorizeUrl(state, challenge);
  }

  /**
   * Completes the callback: consumes the state (once), exchanges the code, then connects at once
   * (same email) or holds the pair for confirmation. Throws OAuthStateError.
   */
  async completeConnect(state: string, code: string): Promise<Completed> {
    if (!state) throw new OAuthStateError('missing');
    // GETDEL: a state works once, even when two callbacks arrive together.
    const sealed = await this.options.redis.getdel(this.options.keys.oauthState(state));
    if (sealed === null) throw new OAuthStateError('unknown_or_expired');
    let pending: PendingConnect;
    try {
      pending = JSON.parse(this.sealer.open(sealed, `oauth-state:${state}`)) as PendingConnect;
    } catch {
      throw new OAuthStateError('unknown_or_expired');
    }
    if (!code) throw new ZoomResponseError('Zoom redirected back without an authorization code');
    const user = { teamId: pending.teamId, userId: pending.userId };
    const grant = await this.options.oauth.exchangeCode(code, pending.verifier);
    let me: { id: string; email: string };
    try {
      me = await this.options.oauth.fetchMe(grant.accessToken);
    } catch (err) {
      // Nothing will be stored, so the pair just issued must not stay alive at Zoom.
      await this.options.oauth.revoke(grant.refreshToken).catch(() => {});
      throw err;
    }
    const tokens: ZoomTokenSet = {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      expiresAt: Date.now() + grant.expiresInSeconds * 1000,
      scope: grant.scope,
      zoomUserId: me.id,
      zoomEmail: me.email,
    };
    const slackEmail = await this.options.slackEmail?.(user).catch((err: unknown) => {
      this.options.logger?.warn('Slack profile email not read; asking the user to confirm', { error: err });
      return undefined;
    });
    const log = { team: user.teamId, user: user.userId };
    if (sameEmail(slackEmail, me.email)) {
      await this.options.tokens.save(user, tokens);
      this.options.logger?.info('Zoom connected', log);
      return { outcome: 'connected', user, zoomEmail: me.email };
    }
    const expiresAt = Date.now() + this.pendingLinkTtlSeconds * 1000;
    const { link, replaced } = await this.pending.hold(user, tokens, expiresAt);
    if (replaced) await this.revoke(user, replaced.tokens);
    this.options.logger?.info('Zoom sign-in held for confirmation (emails differ)', log);
    return {
      outcome: 'pending',
      user,
      zoomEmail: me.email,
      linkId: link.linkId,
      expiresAt,
      ...(pending.origin ? { origin: pending.origin } : {}),
    };
  }

  /** The pair waiting for this user's confirmation, unless it has run out. */
  async pendingLink(user: SlackUserRef): Promise<PendingLinkView | null> {
    const link = await this.pending.get(user);
    if (!link || link.expiresAt <= Date.now()) return null;
    return { linkId: link.linkId, zoomEmail: link.tokens.zoomEmail, expiresAt: link.expiresAt };
  }

  /** The user says the pending Zoom account is theirs: it becomes their connection. */
  async confirmLink(user: SlackUserRef, linkId: string): Promise<LinkDecision> {
    const link = await this.pending.take(user, linkId);
    if (!link) return { outcome: 'gone' };
    const zoomEmail = link.tokens.zoomEmail;
    if (link.expiresAt <= Date.now()) {
      await this.revoke(user, link.tokens);
      return { outcome: 'expired', zoomEmail };
    }
    await this.options.tokens.save(user, link.tokens);
    this.options.logger?.info('Zoom connected after confirmation', { team: user.teamId, user: user.userId });
    return { outcome: 'connected', zoomEmail };
  }

  /** The user says it is not their Zoom account: revoked at Zoom and forgotten. */
  async rejectLink(user: SlackUserRef, linkId: string): Promise<LinkDecision> {
    const link = await this.pending.take(user, linkId);
    if (!link) return { outcome: 'gone' };
    await this.revoke(user, link.tokens);
    this.options.logger?.info('pending Zoom sign-in rejected and revoked', {
      team: user.teamId,
      user: user.userId,
    });
    return { outcome: 'rejected', zoomEmail: link.tokens.zoomEmail };
  }

  /**
   * Revokes and deletes every pending pair past its deadline (all replicas run this; each pair is
   * handled by one). A revocation Zoom could not take is retried by a later sweep.
   */
  sweepExpiredLinks(now = Date.now()): Promise<{ revoked: number; failed: number }> {
    return this.pending.sweep(now, async (user, link: PendingLink) => {
      if (!(await this.revoke(user, link.tokens))) throw new Error('Zoom did not take the revocation');
    });
  }

  /**
   * Runs the sweep every `intervalMs` (a quarter of the pending lifetime, between 1 and 30 s, by
   * default) until the returned stop is called; stop waits for a sweep in progress.
   */
  startSweeping(intervalMs = Math.min(30_000, Math.max(1000, (this.pendingLinkTtlSeconds * 1000) / 4))) {
    let running: Promise<unknown> | undefined;
    const timer = setInterval(() => {
      if (running) return;
      running = this.sweepExpiredLinks()
        .then(({ revoked, failed }) => {
          if (revoked + failed > 0) {
            this.options.logger?.info('expired pending Zoom sign-ins swept', { revoked, failed });
          }
        })
        .catch((err: unknown) =>
          this.options.logger?.warn('pending Zoom sign-in sweep failed', { error: err }),
        )
        .finally(() => {
          running = undefined;
        });
    }, intervalMs);
    timer.unref();
    return async (): Promise<void> => {
      clearInterval(timer);
      await running;
    };
  }

  /** Revokes at Zoom (best effort) and deletes the tokens, and any pair still pending. False when nothing was connected. */
  async disconnect(user: SlackUserRef): Promise<boolean> {
    const pending = await this.pending.take(user);
    if (pending) await this.revoke(user, pending.tokens);
    const removed = await this.options.tokens.remove(user);
    if (!removed) return pending !== null;
    await this.revoke(user, removed);
    return true;
  }

  /**
   * The user's workspace removed the bot: their pairs are revoked at Zoom *before* they are deleted,
   * so a run cut short (crash, Zoom away) leaves them for the next run to revoke. `revoked` false:
   * Zoom could not be asked; then nothing is deleted unless `evenUnrevoked` (the last try).
   */
  async revokeAndRemove(
    user: SlackUserRef,
    opts: { evenUnrevoked: boolean },
  ): Promise<{ removed: boolean; revoked: boolean }> {
    const pending = await this.pending.get(user);
    // Unreadable (wrong key, damaged): nothing to revoke with; remove() below still deletes it.
    const stored = await this.options.tokens.load(user).catch((err) => {
      if (err instanceof TokenStoreError) return null;
      throw err;
    });
    let revoked = true;
    for (const pair of [pending?.tokens, stored]) {
      if (pair && !(await this.revoke(user, pair))) revoked = false;
    }
    if (!revoked && !opts.evenUnrevoked) return { removed: false, revoked };
    const taken = await this.pending.take(user);
    const removed = await this.options.tokens.remove(user);
    return { removed: taken !== null || removed !== null, revoked };
  }

  /**
   * Revoking either token ends the whole authorization at Zoom; the refresh token first. A token
   * Zoom calls invalid is already dead. False only when Zoom could not be asked (retry later).
   */
  private async revoke(user: SlackUserRef, tokens: ZoomTokenSet): Promise<boolean> {
    let unanswered = false;
    for (const token of [tokens.refreshToken, tokens.accessToken]) {
      try {
        await this.options.oauth.revoke(token);
        return true;
      } catch (err) {
        if (err instanceof ZoomInvalidGrantError) continue;
        unanswered = true;
        this.options.logger?.warn('Zoom token revocation failed', {
          team: user.teamId,
          user: user.userId,
          reason: err instanceof Error ? err.message : 'unknown',
        });
      }
    }
    return !unanswered;
  }
}
