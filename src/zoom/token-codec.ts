/** Encodes a ZoomTokenSet as one sealed Redis value and reads it back, with clear errors. */
import { SealError, type Sealer } from './crypto.js';
import { TokenStoreError } from './errors.js';
import type { SlackUserRef, ZoomTokenSet } from './types.js';

/** Binds a sealed value to its owner: the same blob under another user's key does not open. */
const associatedData = (user: SlackUserRef) => `zoom-tokens:${user.teamId}:${user.userId}`;

export function encodeTokens(sealer: Sealer, user: SlackUserRef, tokens: ZoomTokenSet): string {
  const record = {
    a: tokens.accessToken,
    r: tokens.refreshToken,
    e: tokens.expiresAt,
    s: tokens.scope,
    u: tokens.zoomUserId,
    m: tokens.zoomEmail,
  };
  return sealer.seal(JSON.stringify(record), associatedData(user));
}

/** Throws TokenStoreError naming the user and the problem (never the value). */
export function decodeTokens(sealer: Sealer, user: SlackUserRef, sealed: string): ZoomTokenSet {
  const who = `${user.teamId}/${user.userId}`;
  let json: string;
  try {
    json = sealer.open(sealed, associatedData(user));
  } catch (err) {
    if (!(err instanceof SealError)) throw err;
    const why =
      err.reason === 'format'
        ? 'is not in the token store format'
        : err.reason === 'unknown_key'
          ? 'was encrypted with a key that is neither TOKEN_ENCRYPTION_KEY nor TOKEN_ENCRYPTION_KEY_PREVIOUS'
          : 'fails its integrity check (tampered, or written for another user)';
    throw new TokenStoreError(`stored Zoom connection of ${who} ${why}; it was left unchanged`);
  }
  let r: Record<string, unknown>;
  try {
    r = JSON.parse(json) as Record<string, unknown>;
  } catch {
    throw new TokenStoreError(`stored Zoom connection of ${who} decrypts to unreadable data`);
  }
  if (
    typeof r.a !== 'string' ||
    typeof r.r !== 'string' ||
    typeof r.e !== 'number' ||
    typeof r.u !== 'string' ||
    typeof r.m !== 'string'
  ) {
    throw new TokenStoreError(`stored Zoom connection of ${who} is missing fields`);
  }
  return {
    accessToken: r.a,
    refreshToken: r.r,
    expiresAt: r.e,
    scope: typeof r.s === 'string' ? r.s : '',
    zoomUserId: r.u,
    zoomEmail: r.m,
  };
}
