/** REDIS_CLUSTER_NODES and REDIS_SENTINELS: how they are read, and the bot talking through a real Sentinel. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Cluster, type Redis } from 'ioredis';
import { ConfigError, loadConfig } from '../src/config.js';
import { createRedis } from '../src/redis.js';
import { freePort, spawnRedisServer, startRedis, stopRedisServer, type TestRedis } from './support/redis.js';

const valid = {
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_BOT_TOKEN: 'xoxb-1-2-3',
  ZOOM_CLIENT_ID: 'cid',
  ZOOM_CLIENT_SECRET: 'csecret',
  ZOOM_REDIRECT_URL: 'https://bot.example.com/zoom/oauth/callback',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

function problemWith(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ ...valid, ...env });
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err;
  }
  assert.fail('expected a ConfigError');
}

describe('settings', () => {
  test('REDIS_CLUSTER_NODES: seed nodes, IPv6 in brackets', () => {
    const config = loadConfig({ ...valid, REDIS_CLUSTER_NODES: 'redis-a:7000, redis-b:7001,[::1]:7002' });
    assert.deepEqual(config.redis.clusterNodes, [
      { host: 'redis-a', port: 7000 },
      { host: 'redis-b', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    assert.equal(loadConfig(valid).redis.clusterNodes, undefined);
  });

  test('malformed or conflicting Redis settings are named', () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ REDIS_CLUSTER_NODES: 'redis-a' }, 'REDIS_CLUSTER_NODES', /host:port.*"redis-a"/],
      [{ REDIS_CLUSTER_NODES: 'redis-a:99999' }, 'REDIS_CLUSTER_NODES', /host:port/],
      [{ REDIS_SENTINELS: 's1:26379' }, 'REDIS_SENTINEL_NAME', /required with REDIS_SENTINELS/],
      [{ REDIS_SENTINEL_NAME: 'mymaster' }, 'REDIS_SENTINELS', /required with REDIS_SENTINEL_NAME/],
      [
        { REDIS_CLUSTER_NODES: 'a:1', REDIS_SENTINELS: 's:2', REDIS_SENTINEL_NAME: 'm' },
        'REDIS_CLUSTER_NODES',
        /REDIS_SENTINELS cannot both be set/,
      ],
    ];
    for (const [env, variable, message] of cases) {
      const err = problemWith(env);
      assert.equal(err.variable, variable);
      assert.match(err.message, message);
    }
  });

  test("on a cluster, REDIS_URL's scheme, user and password apply to every node", () => {
    const config = loadConfig({
      ...valid,
      REDIS_URL: 'rediss://bot:p%40ss@ignored.example.com:6380',
      REDIS_CLUSTER_NODES: '127.0.0.1:1,127.0.0.1:2',
    });
    const client = createRedis({ ...config.redis });
    try {
      assert.ok(client instanceof Cluster);
      const perNode = client.options.redisOptions ?? {};
      assert.equal(perNode.username, 'bot');
      assert.equal(perNode.password, 'p@ss');
      assert.ok(perNode.tls, 'TLS for rediss://');
    } finally {
      client.disconnect();
    }
  });
});

describe('Sentinel', () => {
  let master: TestRedis;
  let sentinel: Awaited<ReturnType<typeof spawnRedisServer>>;
  let sentinelPort: number;
  let dir: string;
  before(async () => {
    master = await startRedis();
    const masterPort = new URL(master.url).port;
    sentinelPort = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'zoombot-sentinel-'));
    const conf = join(dir, 'sentinel.conf');
    writeFileSync(conf, `sentinel monitor zoombot 127.0.0.1 ${masterPort} 1\n`);
    sentinel = await spawnRedisServer(sentinelPort, dir, ['--sentinel'], conf);
  });
  after(async () => {
    if (sentinel) await stopRedisServer(sentinel);
    await master?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the bot finds the master through REDIS_SENTINELS and writes to it', async () => {
    const config = loadConfig({
      ...valid,
      REDIS_SENTINELS: `127.0.0.1:${sentinelPort}`,
      REDIS_SENTINEL_NAME: 'zoombot',
    });
    const client = createRedis(config.redis) as Redis;
    const direct = master.client();
    try {
      await client.set('sentinel-probe', 'via-sentinel');
      assert.equal(await direct.get('sentinel-probe'), 'via-sentinel');
    } finally {
      client.disconnect();
    }
  });
});
