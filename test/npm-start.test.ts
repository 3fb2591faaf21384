// `npm start` as an operator runs it, in a copy of the checkout: it builds only when dist/ is
// missing or stale, runs the built bot, and SIGTERM to npm stops the bot gracefully (no orphan).
// A filled .env in that copy does not change what `npm test` sees.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { watchOutput } from './support/bot-process.js';
import { type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { freePort, startRedis, type TestRedis } from './support/redis.js';

const checkout = fileURLToPath(new URL('..', import.meta.url));
let copy: string;
let redis: TestRedis;
let slack: FakeSlack;

before(async () => {
  copy = mkdtempSync(join(tmpdir(), 'zoombot-checkout-'));
  const parts = [
    'src',
    'scripts',
    'test',
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'manifest.yml',
  ];
  for (const part of parts) {
    cpSync(join(checkout, part), join(copy, part), { recursive: true });
  }
  symlinkSync(join(checkout, 'node_modules'), join(copy, 'node_modules'), 'dir');
  [redis, slack] = await Promise.all([startRedis(), startFakeSlack()]);
});
after(async () => {
  rmSync(copy, { recursive: true, force: true });
  await Promise.all([slack.close(), redis.stop()]);
});

function settings(port: number): Record<string, string> {
  return {
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_BOT_TOKEN: 'xoxb-npm-start-test',
    SLACK_API_URL: slack.apiUrl,
    ZOOM_CLIENT_ID: 'id',
    ZOOM_CLIENT_SECRET: 'zoom-secret',
    ZOOM_REDIRECT_URL: 'http://127.0.0.1/zoom/oauth/callback',
    ZOOM_API_URL: `http://127.0.0.1:${port}/v2`,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: redis.prefix(),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    PORT: String(port),
  };
}

function npm(args: string[], env: Record<string, string>) {
  const child: ChildProcess = spawn('npm', args, {
    cwd: copy,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { output, waitFor } = watchOutput(child, 90); // a build plus a start on a busy machine: generous
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, waitFor, output };
}

async function answers(port: number): Promise<boolean> {
  return fetch(`http://127.0.0.1:${port}/healthz`).then(
    (r) => r.ok,
    () => false,
  );
}

describe('npm start', () => {
  test('builds the missing dist/, runs it, and SIGTERM to npm stops the bot gracefully', async () => {
    const port = await freePort();
    const run = npm(['start'], settings(port));
    await run.waitFor(/listening on port/);
    assert.match(run.output(), /building dist\//);
    assert.ok(await answers(port));
    run.child.kill('SIGTERM');
    assert.equal(await run.exited, 0);
    assert.match(run.output(), /"msg":"SIGTERM: stopping"[\s\S]*"msg":"stopped"/);
    assert.equal(await answers(port), false, 'no bot left running after npm ended');
  });

  test('a second start does not build again; a changed source file builds again', async () => {
    const port = await freePort();
    const run = npm(['start'], settings(port));
    await run.waitFor(/listening on port/);
    assert.doesNotMatch(run.output(), /building|changed since/);
    run.child.kill('SIGTERM');
    assert.equal(await run.exited, 0);

    const later = new Date(Date.now() + 5000);
    utimesSync(join(copy, 'src', 'config.ts'), later, later);
    const again = npm(['start'], settings(port));
    await again.waitFor(/listening on port/);
    assert.match(again.output(), /src\/ changed since the last build: building/);
    again.child.kill('SIGTERM');
    assert.equal(await again.exited, 0);
  });

  test('a filled .env in the checkout does not change what the tests see', async () => {
    // The README's own "Run it" step; Socket Mode, a port and a key the tests must not pick up.
    writeFileSync(
      join(copy, '.env'),
      [
        'SLACK_SIGNING_SECRET=from-dotenv',
        'SLACK_BOT_TOKEN=xoxb-from-dotenv',
        'SLACK_APP_TOKEN=xapp-from-dotenv',
        'ZOOM_CLIENT_ID=id',
        'ZOOM_CLIENT_SECRET=secret',
        'ZOOM_REDIRECT_URL=https://bot.example.com/zoom/oauth/callback',
        `TOKEN_ENCRYPTION_KEY=${randomBytes(32).toString('base64')}`,
        'REDIS_URL=redis://127.0.0.1:1',
        'PORT=1',
        'LOG_LEVEL=error',
      ].join('\n'),
    );
    try {
      const run = npm(['test', '--', 'test/index.test.ts', 'test/config.test.ts'], {});
      const code = await run.exited;
      assert.equal(code, 0, run.output().slice(-3000));
      assert.match(run.output(), /ℹ fail 0/);
    } finally {
      rmSync(join(copy, '.env'), { force: true });
    }
  });
});
