/**
 * A separate bot process for the multi-process tests and the benchmark: builds a token store from
 * its environment, prints "ready", waits for "go" on stdin, then makes CALLS concurrent
 * getAccessToken calls for one user and prints one JSON line with the outcome. Tokens are printed
 * only as short hashes.
 */
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { createRedis, Keys } from '../../src/redis.js';
import { ZoomOAuth } from '../../src/zoom/oauth.js';
import { TokenStore } from '../../src/zoom/tokens.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`refresh worker: ${name} is not set`);
  return value;
};

// The bot's own connection code, so the same test runs against one node or a cluster.
const clusterNodes = process.env.REDIS_CLUSTER_NODES?.split(',').map((node) => {
  const [host = '', port = ''] = node.split(':');
  return { host, port: Number(port) };
});
const redis = createRedis({
  url: env('REDIS_URL'),
  keyPrefix: env('PREFIX'),
  ...(clusterNodes ? { clusterNodes } : {}),
});
const tokens = new TokenStore({
  redis,
  keys: new Keys(env('PREFIX')),
  encryptionKeys: [Buffer.from(env('TOKEN_KEY'), 'base64')],
  lockTtlMs: Number(process.env.LOCK_TTL_MS ?? 10_000),
  oauth: new ZoomOAuth({
    oauthUrl: env('ZOOM_OAUTH_URL'),
    apiUrl: env('ZOOM_API_URL'),
    clientId: env('ZOOM_CLIENT_ID'),
    clientSecret: env('ZOOM_CLIENT_SECRET'),
    redirectUrl: 'https://bot.example.com/zoom/oauth/callback',
  }),
});
const user = { teamId: env('TEAM'), userId: env('USER_ID') };
const calls = Number(process.env.CALLS ?? 1);

await redis.ping();
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) if (line.trim() === 'go') break;
lines.close();

const results = await Promise.allSettled(Array.from({ length: calls }, () => tokens.getAccessToken(user)));
const hashes = new Set<string>();
const errors = new Set<string>();
for (const r of results) {
  if (r.status === 'fulfilled') hashes.add(createHash('sha256').update(r.value).digest('hex').slice(0, 16));
  else errors.add(r.reason instanceof Error ? `${r.reason.name}: ${r.reason.message}` : String(r.reason));
}
const ok = results.filter((r) => r.status === 'fulfilled').length;
process.stdout.write(
  `${JSON.stringify({ ok, failed: calls - ok, tokens: [...hashes], errors: [...errors] })}\n`,
);
await redis.quit();
