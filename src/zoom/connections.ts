/** Connecting and disconnecting a Slack user's Zoom account (OAuth state + PKCE in Redis). */
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from '../log.js';
import type { Keys, RedisClient } from '../redis.js';
import { Sealer } from './crypto.js';
import { OAuthStateError, ZoomResponseError } from './errors.js';
import type { ZoomOAuth } from './oauth.js';
import type { TokenStore } from './tokens.js';
import type { SlackUserRef } from './types.js';

export interface ZoomConnectionsOptions {
  redis: RedisClient;
  keys: Keys;
  oauth: ZoomOAuth;
  tokens: TokenStore;
  /** State lifetime; 10 minutes. */
  stateTtlSeconds?: number;
  logger?: Logger;
}

interface PendingConnect {
  teamId: string;
  userId: string;
  verifier: string;
}

export class ZoomConnections {
  /** The PKCE verifier is a secret: the pending state is sealed with the token store's keys. */
  private readonly sealer: Sealer;

  constructor(readonly options: ZoomConnectionsOptions) {
    this.sealer = new Sealer(options.tokens.options.encryptionKeys);
  }

  /** A one-time authorize URL bound to this Slack user (state + PKCE verifier kept in Redis). */
  async startConnect(user: SlackUserRef): Promise<string> {
    const state = randomBytes(24).toString('base64url');
    const verifier = randomBytes(48).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const pending: PendingConnect = { teamId: user.teamId, userId: user.userId, verifier };
    await this.options.redis.set(
      this.options.keys.oauthState(state),
      this.sealer.seal(JSON.stringify(pending), `oauth-state:${state}`),
      'EX',
      this.options.stateTtlSeconds ?? 600,
    );
    return this.options.oauth.authorizeUrl(state, challenge);
  }

  /** Completes the callback: consumes the state (once), exchanges the code, stores tokens. Throws OAuthStateError. */
  async completeConnect(state: string, code: string): Promise<{ user: SlackUserRef; zoomEmail: string }> {
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
    await this.options.tokens.save(user, {
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken,
      expiresAt: Date.now() + grant.expiresInSeconds * 1000,
      scope: grant.scope,
      zoomUserId: me.id,
      zoomEmail: me.email,
    });
    this.options.logger?.info('Zoom connected', { team: user.teamId, user: user.userId });
    return { user, zoomEmail: me.email };
  }

  /** Revokes at Zoom (best effort) and deletes the tokens. False when nothing was connected. */
  async disconnect(user: SlackUserRef): Promise<boolean> {
    const removed = await this.options.tokens.remove(user);
    if (!removed) return false;
    // Revoking either token ends the whole authorization at Zoom; try the refresh token first.
    for (const token of [removed.refreshToken, removed.accessToken]) {
      try {
        await this.options.oauth.revoke(token);
        return true;
      } catch (err) {
        this.options.logger?.warn('Zoom token revocation failed', {
          team: user.teamId,
          user: user.userId,
          reason: err instanceof Error ? err.message : 'unknown',
        });
      }
    }
    return true;
  }
}
