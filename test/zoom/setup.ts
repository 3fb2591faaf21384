/** Builds the Zoom side of the bot against a real Redis and the fake Zoom, one key prefix per call. */
import { randomBytes } from 'node:crypto';
import { Keys, type RedisClient } from '../../src/redis.js';
import { ZoomClient, type ZoomClientOptions } from '../../src/zoom/client.js';
import { ZoomConnections } from '../../src/zoom/connections.js';
import { ZoomOAuth } from '../../src/zoom/oauth.js';
import { TokenStore, type TokenStoreOptions } from '../../src/zoom/tokens.js';
import type { SlackUserRef, ZoomTokenSet } from '../../src/zoom/types.js';
import type { FakeZoom } from '../support/fake-zoom.js';
import type { TestRedis } from '../support/redis.js';

export const REDIRECT_URL = 'https://bot.example.com/zoom/oauth/callback';

export interface ZoomSide {
  redis: RedisClient;
  keys: Keys;
  prefix: string;
  encryptionKeys: Buffer[];
  oauth: ZoomOAuth;
  tokens: TokenStore;
  connections: ZoomConnections;
  client: ZoomClient;
}

export function newKey(): Buffer {
  return randomBytes(32);
}

export function buildZoomSide(
  redis: TestRedis,
  zoom: FakeZoom,
  opts: {
    prefix?: string;
    encryptionKeys?: Buffer[];
    oauthTimeoutMs?: number;
    store?: Partial<TokenStoreOptions>;
    client?: Partial<ZoomClientOptions>;
    /** Slack profile emails by Slack user id (what users.info would say). */
    slackEmails?: Record<string, string>;
  } = {},
): ZoomSide {
  const client = redis.client();
  const prefix = opts.prefix ?? redis.prefix();
  const keys = new Keys(prefix);
  const encryptionKeys = opts.encryptionKeys ?? [newKey()];
  const oauth = new ZoomOAuth({
    oauthUrl: zoom.oauthUrl,
    apiUrl: zoom.apiUrl,
    clientId: zoom.clientId,
    clientSecret: zoom.clientSecret,
    redirectUrl: REDIRECT_URL,
    timeoutMs: opts.oauthTimeoutMs,
  });
  const tokens = new TokenStore({ redis: client, keys, encryptionKeys, oauth, ...opts.store });
  return {
    redis: client,
    keys,
    prefix,
    encryptionKeys,
    oauth,
    tokens,
    connections: new ZoomConnections({
      redis: client,
      keys,
      oauth,
      tokens,
      slackEmail: async (user) => opts.slackEmails?.[user.userId],
    }),
    client: new ZoomClient({ apiUrl: zoom.apiUrl, tokens, retryDelaysMs: [20, 40], ...opts.client }),
  };
}

let users = 0;

/** A Zoom user known to the fake and a Slack user connected to it; `expiresInSeconds` < 300 means "refresh due". */
export async function connectedUser(
  side: ZoomSide,
  zoom: FakeZoom,
  opts: { expiresInSeconds?: number } = {},
): Promise<{ user: SlackUserRef; zoomUserId: string; stored: ZoomTokenSet }> {
  users++;
  const zoomUserId = `zu${users}${randomBytes(3).toString('hex')}`;
  zoom.addUser({ id: zoomUserId, email: `${zoomUserId}@example.com` });
  const expiresInSeconds = opts.expiresInSeconds ?? 3600;
  const issued = zoom.issueTokens(zoomUserId, { expiresInSeconds });
  const user = { teamId: 'T0001', userId: `U${users}${randomBytes(3).toString('hex').toUpperCase()}` };
  const stored: ZoomTokenSet = {
    accessToken: issued.accessToken,
    refreshToken: issued.refreshToken,
    expiresAt: Date.now() + expiresInSeconds * 1000,
    scope: issued.scope,
    zoomUserId,
    zoomEmail: `${zoomUserId}@example.com`,
  };
  await side.tokens.save(user, stored);
  return { user, zoomUserId, stored };
}

/** Every key under `prefix` with its value (strings and set members): what a Redis dump would show. */
export async function dump(redis: RedisClient, prefix: string): Promise<string> {
  const keys = await redis.keys(`${prefix}*`);
  const parts: string[] = [];
  for (const key of keys) {
    const type = await redis.type(key);
    const value =
      type === 'set'
        ? (await redis.smembers(key)).join(',')
        : type === 'zset'
          ? (await redis.zrange(key, '0', '-1')).join(',')
          : await redis.get(key);
    parts.push(`${key}=${value}`);
  }
  return parts.join('\n');
}

export function tokenRequests(zoom: FakeZoom, grantType?: string): number {
  return zoom.requests.filter(
    (r) =>
      r.path === '/oauth/token' &&
      (grantType === undefined || (r.body as Record<string, string> | undefined)?.grant_type === grantType),
  ).length;
}
