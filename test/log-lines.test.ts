// Log lines an operator reads when something is wrong: each names the service that failed, and
// LOG_LEVEL=debug gives one line per request.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { createRedis, isStorageUnavailable, Keys } from '../src/redis.js';
import { SingleWorkspaceClients } from '../src/slack/clients.js';
import { ProfileCache } from '../src/slack/profiles.js';
import { createSlackWebClient } from '../src/slack/web.js';
import { type Harness, startHarness } from './support/app-harness.js';
import { startFakeSlack } from './support/fake-slack.js';
import { freePort, startRedis } from './support/redis.js';

const env = {
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_BOT_TOKEN: 'xoxb-log-test',
  ZOOM_CLIENT_ID: 'id',
  ZOOM_CLIENT_SECRET: 'zoom-secret',
  ZOOM_REDIRECT_URL: 'http://127.0.0.1/zoom/oauth/callback',
  TOKEN_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
};

function capture() {
  const lines: string[] = [];
  return { lines, logger: createLogger('debug', (l) => lines.push(l)) };
}

describe('LOG_LEVEL=debug', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(async () => {
    await h.stop();
  });

  test('one line per Slack request and per route; no multi-line dumps from the Slack client', async () => {
    const from = h.logs.length;
    await h.command('help');
    await fetch(`${h.baseUrl}/healthz`);
    await h.settle();
    const lines = h.logs.slice(from).map((l) => JSON.parse(l) as { level: string; msg: string });
    const debug = lines.filter((l) => l.level === 'debug').map((l) => l.msg);
    assert.equal(
      debug.filter((m) => /^slack command \/zoom \(T0001\/U0001\) handled in \d+ ms$/.test(m)).length,
      1,
    );
    assert.equal(debug.filter((m) => /^GET \/healthz 200 in \d+ ms$/.test(m)).length, 1);
    const slackCall = /^slack POST 127\.0\.0\.1:\d+\/api\/users\.info 200 in \d+ ms$/;
    assert.ok(
      debug.some((m) => slackCall.test(m)),
      debug.join('\n'),
    );
    assert.ok(!debug.some((m) => /http request (url|body|headers)/.test(m)), debug.join('\n'));
  });
});

test('Slack not reachable: the error names the method and the host, not just "fetch failed"', async () => {
  const port = await freePort();
  const { lines, logger } = capture();
  const config = loadConfig({ ...env, SLACK_API_URL: `http://127.0.0.1:${port}/api/` });
  const slack = createSlackWebClient(config, logger);
  await assert.rejects(slack.users.info({ user: 'U1' }), (err: Error) => {
    assert.match(
      `${err.message} ${String((err as { original?: Error }).original?.message)}`,
      new RegExp(`POST 127\\.0\\.0\\.1:${port}/api/users\\.info failed after \\d+ ms: .*ECONNREFUSED`),
    );
    return true;
  });
  const warned = lines.filter((l) => l.includes('http request failed'));
  assert.ok(warned.length > 0);
  for (const l of warned) assert.match(l, new RegExp(`POST 127\\.0\\.0\\.1:${port}/api/users\\.info failed`));
});

describe('Redis not answering', () => {
  test('a command that times out says it was Redis, which command, and where', async () => {
    const redis = await startRedis();
    const client = createRedis(redis.url);
    try {
      assert.equal(await client.ping(), 'PONG');
      redis.process?.kill('SIGSTOP');
      await assert.rejects(client.get('k'), (err: Error) => {
        assert.equal(err.message, `Redis at ${redis.url}: GET: Command timed out`);
        assert.ok(isStorageUnavailable(err));
        return true;
      });
    } finally {
      redis.process?.kill('SIGCONT');
      client.disconnect();
      await redis.stop();
    }
  });

  test('a profile Slack gave but Redis could not cache is logged as a Redis failure, not "users.info failed"', async () => {
    const [redis, slack] = await Promise.all([startRedis(), startFakeSlack()]);
    const client = createRedis(redis.url);
    const { lines, logger } = capture();
    const config = loadConfig({ ...env, SLACK_API_URL: slack.apiUrl });
    try {
      slack.setUser('UPROF', { tz: 'Europe/Paris', locale: 'en-GB' });
      const profiles = new ProfileCache(
        client,
        new Keys(redis.prefix()),
        new SingleWorkspaceClients(createSlackWebClient(config, logger)),
        { timeZone: 'Asia/Tokyo', locale: 'ja' },
        logger,
      );
      await client.ping();
      redis.process?.kill('SIGSTOP');
      const profile = await profiles.get({ teamId: 'T1', userId: 'UPROF' });
      assert.deepEqual(profile, { timeZone: 'Europe/Paris', locale: 'en' });
      const warnings = lines.filter((l) => l.includes('"level":"warn"'));
      assert.ok(!warnings.some((l) => l.includes('users.info failed')), warnings.join('\n'));
      assert.ok(
        warnings.some(
          (l) =>
            l.includes('Slack profile not cached: Redis failed') &&
            l.includes(`Redis at ${redis.url}: SET: Command timed out`),
        ),
      );
    } finally {
      redis.process?.kill('SIGCONT');
      client.disconnect();
      await Promise.all([slack.close(), redis.stop()]);
    }
  });
});
