import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runBot } from './support/bot-process.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { freePort, startRedis, type TestRedis } from './support/redis.js';

let redis: TestRedis;
let slack: FakeSlack;
before(async () => {
  [redis, slack] = await Promise.all([startRedis(), startFakeSlack()]);
});
after(async () => {
  await slack.close();
  await redis.stop();
});

/** Every setting but the Slack mode's (bot token, or the OAuth install settings). */
const processEnv = (port: number) => ({
  SLACK_SIGNING_SECRET: 'secret',
  SLACK_API_URL: slack.apiUrl,
  ZOOM_CLIENT_ID: 'id',
  ZOOM_CLIENT_SECRET: 'zoom-secret',
  ZOOM_REDIRECT_URL: 'http://127.0.0.1/zoom/oauth/callback',
  REDIS_URL: redis.url,
  REDIS_KEY_PREFIX: redis.prefix(),
  TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  PORT: String(port),
});

// Each test starts a separate process; running them side by side halves the wait.
describe('the bot process', { concurrency: true }, () => {
  test('the bot starts, serves /healthz, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const bot = runBot({ ...processEnv(port), SLACK_BOT_TOKEN: 'xoxb-process-test' });
    await bot.waitFor(/listening on port/);
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    assert.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200);
    bot.child.kill('SIGTERM');
    assert.equal(await bot.exited, 0);
    assert.match(bot.output(), /"msg":"stopped"/);
    assert.ok(!bot.output().includes('zoom-secret'));
  });

  test('a missing setting stops start-up with its name and a distinct exit code', async () => {
    const bot = runBot({ SLACK_BOT_TOKEN: 'xoxb-process-test' });
    assert.equal(await bot.exited, 78);
    assert.match(bot.output(), /^ {2}TOKEN_ENCRYPTION_KEY is required: base64 of 32 random bytes/m);
  });

  test('with SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET the bot serves "Add to Slack"', async () => {
    const port = await freePort();
    const bot = runBot({
      ...processEnv(port),
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'slack-client-secret',
      SLACK_STATE_SECRET: 'state-secret-0123456789',
    });
    try {
      await bot.waitFor(/listening on port \d+ \(HTTP, installs through Slack OAuth\)/);
      const install = await fetch(`http://127.0.0.1:${port}/slack/install`, { redirect: 'manual' });
      assert.equal(install.status, 302);
      const consent = new URL(install.headers.get('location') ?? '');
      assert.equal(
        `${consent.origin}${consent.pathname}`,
        new URL('../oauth/v2/authorize', slack.apiUrl).href,
      );
      assert.equal(consent.searchParams.get('client_id'), '1111.2222');
      assert.match(consent.searchParams.get('scope') ?? '', /commands/);
      bot.child.kill('SIGTERM');
      assert.equal(await bot.exited, 0);
      assert.ok(!bot.output().includes('slack-client-secret'));
    } finally {
      bot.child.kill('SIGKILL');
    }
  });

  test('settings come from ./.env when there is one, and the environment wins over it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zoombot-env-'));
    const port = await freePort();
    writeFileSync(
      join(dir, '.env'),
      [
        'SLACK_SIGNING_SECRET=secret',
        'SLACK_BOT_TOKEN=xoxb-from-dotenv',
        `SLACK_API_URL=${slack.apiUrl}`,
        'ZOOM_CLIENT_ID=id',
        'ZOOM_CLIENT_SECRET=zoom-secret',
        'ZOOM_REDIRECT_URL=http://127.0.0.1/zoom/oauth/callback',
        `REDIS_URL=${redis.url}`,
        `TOKEN_ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`,
        'PORT=1',
      ].join('\n'),
    );
    const bot = runBot({ PORT: String(port) }, dir);
    try {
      await bot.waitFor(/listening on port/);
      assert.match(bot.output(), new RegExp(`listening on port ${port}`));
      assert.equal((await fetch(`http://127.0.0.1:${port}/readyz`)).status, 200);
      bot.child.kill('SIGTERM');
      assert.equal(await bot.exited, 0);
    } finally {
      bot.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
