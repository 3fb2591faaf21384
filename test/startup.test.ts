// Start-up as an operator meets it: the real bot process against a fake Slack that refuses the
// token, answers late or not at all, and a real Redis that stops answering.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { assertNoStack, runBot } from './support/bot-process.js';
import { startFakeSlack } from './support/fake-slack.js';
import { freePort, startRedis, type TestRedis } from './support/redis.js';

let redis: TestRedis;
before(async () => {
  redis = await startRedis();
});
after(async () => {
  await redis.stop();
});

const BOT_TOKEN = 'xoxb-startup-test-0123456789';

function settings(slackApiUrl: string, port: number, redisUrl = redis.url): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_API_URL: slackApiUrl,
    ZOOM_CLIENT_ID: 'id',
    ZOOM_CLIENT_SECRET: 'zoom-secret',
    ZOOM_REDIRECT_URL: 'http://127.0.0.1/zoom/oauth/callback',
    // Nothing listens there: the Zoom probe warns and start-up goes on.
    ZOOM_API_URL: 'http://127.0.0.1:9999/v2',
    REDIS_URL: redisUrl,
    REDIS_KEY_PREFIX: redis.prefix(),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PORT: String(port),
  };
}

async function readyz(port: number): Promise<{ status: number; body: string } | undefined> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
  return res && { status: res.status, body: await res.text() };
}

/** Polls /readyz until its answer matches (the process may still be loading). */
async function readyzUntil(port: number, ok: (r: { status: number; body: string }) => boolean) {
  let last: { status: number; body: string } | undefined;
  for (let i = 0; i < 300; i += 1) {
    last = await readyz(port);
    if (last && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`readyz never matched; last: ${JSON.stringify(last)}`);
}

/** A server that accepts connections and never answers (a Slack behind a black-holing proxy). */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((s) => {
    sockets.add(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/api/`,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

// Two at a time: each is a whole bot process, and the machine is shared with other test files.
describe('start-up', { concurrency: 2 }, () => {
  test('every configuration problem in one message; the key command pastes into a shell as printed', async () => {
    const bot = runBot({
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_BOT_TOKEN: 'xoxb-',
      ZOOM_CLIENT_ID: 'changeme',
      ZOOM_CLIENT_SECRET: 'zoom-secret',
      ZOOM_REDIRECT_URL: 'https://bot.example.com/zoom/oauth/callback',
      TOKEN_ENCRYPTION_KEY: 'c2hvcnQ=',
      LOG_LEVEL: 'loud',
    });
    assert.equal(await bot.exited, 78);
    const out = bot.output();
    assert.match(out, /^zoombot cannot start: 4 settings to fix \(in \.env or the environment\):$/m);
    assert.match(out, /^ {2}SLACK_BOT_TOKEN is the placeholder "xoxb-"; paste the Bot User OAuth Token/m);
    assert.match(out, /^ {2}ZOOM_CLIENT_ID is the placeholder "changeme"/m);
    assert.match(out, /^ {2}TOKEN_ENCRYPTION_KEY decodes to 5 bytes; it must be exactly 32 bytes/m);
    assert.match(out, /^ {2}LOG_LEVEL must be one of debug, info, warn, error; got "loud"$/m);
    assertNoStack(out);
    const command = bot
      .lines()
      .find((l) => l.includes('randomBytes'))
      ?.trim();
    assert.ok(command, out);
    const key = execFileSync('sh', ['-c', command], { encoding: 'utf8' }).trim();
    assert.equal(Buffer.from(key, 'base64').length, 32);
  });

  test('Slack answers invalid_auth: one clear line, exit 77, no stack, no token', async () => {
    const slack = await startFakeSlack();
    try {
      slack.failNext('auth.test', { error: 'invalid_auth' }, 5);
      const bot = runBot(settings(slack.apiUrl, await freePort()));
      assert.equal(await bot.exited, 77);
      const out = bot.output();
      assert.match(
        out,
        /"level":"error".*"msg":"Slack refused SLACK_BOT_TOKEN \(invalid_auth\): paste the current Bot User OAuth Token/,
      );
      assert.equal(bot.lines().filter((l) => l.includes('"level":"error"')).length, 1, out);
      assert.doesNotMatch(out, /listening/);
      assert.ok(!out.includes(BOT_TOKEN));
      assertNoStack(out);
      assert.equal(slack.callsTo('auth.test').length, 1, 'a refused token is not retried');
    } finally {
      await slack.close();
    }
  });

  test('Slack answers nothing: /readyz says why (503), then exit 69 after STARTUP_TIMEOUT_SECONDS', async () => {
    const silent = await silentServer();
    const port = await freePort();
    try {
      const bot = runBot({ ...settings(silent.url, port), STARTUP_TIMEOUT_SECONDS: '1' });
      const waiting = await readyzUntil(port, (r) => r.status === 503);
      assert.match(waiting.body, /^not ready: starting: .*Slack/);
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200, 'alive: no restart needed');
      assert.equal(await bot.exited, 69);
      const out = bot.output();
      assert.match(
        out,
        /"msg":"Slack auth\.test at 127\.0\.0\.1:\d+ did not answer: no answer in time; gave up after STARTUP_TIMEOUT_SECONDS"/,
      );
      assert.ok(!out.includes('zoom-secret'));
      assertNoStack(out);
    } finally {
      await silent.close();
    }
  });

  test('Slack fails, then answers: retried with backoff, then the bot starts and Bolt does not ask again', async () => {
    const slack = await startFakeSlack();
    const port = await freePort();
    try {
      slack.failNext('auth.test', { status: 503 }, 2);
      const bot = runBot(settings(slack.apiUrl, port));
      await bot.waitFor(/listening on port/);
      assert.match(bot.output(), /Slack auth\.test at 127\.0\.0\.1:\d+ answered HTTP 503|did not answer/);
      assert.match(bot.output(), /retrying in 1 s \(attempt 1\)/);
      assert.match(bot.output(), /retrying in 2 s \(attempt 2\)/);
      assert.equal(slack.callsTo('auth.test').length, 3);
      assert.equal((await readyz(port))?.status, 200);
      bot.child.kill('SIGTERM');
      assert.equal(await bot.exited, 0);
      assertNoStack(bot.output());
    } finally {
      await slack.close();
    }
  });

  test('Redis not answering: /readyz names it, start-up waits, and goes on once Redis is back', async () => {
    const own = await startRedis();
    const slack = await startFakeSlack();
    const port = await freePort();
    try {
      own.process?.kill('SIGSTOP');
      const bot = runBot(settings(slack.apiUrl, port, own.url));
      const waiting = await readyzUntil(port, (r) => /Redis at .* is not answering/.test(r.body));
      assert.equal(waiting.status, 503);
      assert.match(waiting.body, new RegExp(`Redis at ${own.url.replace(/\//g, '\\/')} is not answering`));
      own.process?.kill('SIGCONT');
      await bot.waitFor(/listening on port/);
      await readyzUntil(port, (r) => r.status === 200);
      bot.child.kill('SIGTERM');
      assert.equal(await bot.exited, 0);
      assertNoStack(bot.output());
    } finally {
      own.process?.kill('SIGCONT');
      await slack.close();
      await own.stop();
    }
  });
});
