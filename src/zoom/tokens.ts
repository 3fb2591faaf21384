/** Per-Slack-user Zoom tokens in Redis, encrypted, refreshed single-flight across processes. */
// CONTRACT STUB: bodies to be implemented; the exported signatures are what the rest of the bot uses.
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';
import type { Keys } from '../redis.js';
import type { ZoomOAuth } from './oauth.js';
import type { SlackUserRef, ZoomTokenSet } from './types.js';

export interface TokenStoreOptions {
  redis: Redis;
  keys: Keys;
  /** Current key first, then older keys accepted for reading. */
  encryptionKeys: Buffer[];
  oauth: ZoomOAuth;
  logger?: Logger;
}

export class TokenStore {
  constructor(readonly options: TokenStoreOptions) {}
  save(_user: SlackUserRef, _tokens: ZoomTokenSet): Promise<void> {
    throw new Error('not implemented');
  }
  load(_user: SlackUserRef): Promise<ZoomTokenSet | null> {
    throw new Error('not implemented');
  }
  /** A valid access token; refreshes first when under 5 minutes remain. Throws ZoomNotConnectedError. */
  getAccessToken(_user: SlackUserRef): Promise<string> {
    throw new Error('not implemented');
  }
  /** After Zoom answered 401 to `rejectedAccessToken`: refresh (unless another caller already did) and return the new token. */
  refreshAfterRejection(_user: SlackUserRef, _rejectedAccessToken: string): Promise<string> {
    throw new Error('not implemented');
  }
  /** Deletes the user's tokens and index entries; returns what was stored (to revoke). */
  remove(_user: SlackUserRef): Promise<ZoomTokenSet | null> {
    throw new Error('not implemented');
  }
  /** Slack users whose stored connection is this Zoom user (for app_deauthorized). */
  slackUsersForZoomUser(_zoomUserId: string): Promise<SlackUserRef[]> {
    throw new Error('not implemented');
  }
}
