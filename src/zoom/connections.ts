/** Connecting and disconnecting a Slack user's Zoom account (OAuth state + PKCE in Redis). */
// CONTRACT STUB: bodies to be implemented; the exported signatures are what the rest of the bot uses.
import type { Redis } from 'ioredis';
import type { Keys } from '../redis.js';
import type { ZoomOAuth } from './oauth.js';
import type { TokenStore } from './tokens.js';
import type { SlackUserRef } from './types.js';

export interface ZoomConnectionsOptions {
  redis: Redis;
  keys: Keys;
  oauth: ZoomOAuth;
  tokens: TokenStore;
  /** State lifetime; 10 minutes. */
  stateTtlSeconds?: number;
}

export class ZoomConnections {
  constructor(readonly options: ZoomConnectionsOptions) {}
  /** A one-time authorize URL bound to this Slack user (state + PKCE verifier kept in Redis). */
  startConnect(_user: SlackUserRef): Promise<string> {
    throw new Error('not implemented');
  }
  /** Completes the callback: consumes the state (once), exchanges the code, stores tokens. Throws OAuthStateError. */
  completeConnect(_state: string, _code: string): Promise<{ user: SlackUserRef; zoomEmail: string }> {
    throw new Error('not implemented');
  }
  /** Revokes at Zoom (best effort) and deletes the tokens. False when nothing was connected. */
  disconnect(_user: SlackUserRef): Promise<boolean> {
    throw new Error('not implemented');
  }
}
