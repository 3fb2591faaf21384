/**
 * Failures whose errors carry secrets (a response_url answering 500, Zoom answering 500, a request
 * timing out): the bot logs them, and no line holds a token, key, code or response_url path.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import axios from 'axios';
import { ZoomClient } from '../src/zoom/client.js';
import { ZoomNoAnswerError } from '../src/zoom/errors.js';
import { type Harness, startHarness } from './support/app-harness.js';
// @ts-expect-error plain JavaScript module without types
import { leakedSecrets } from './support/leak-scan.mjs';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(async () => {
  await h.stop();
});

/** Lines logged since `from` that hold any of `secrets` or any part of the response_url after its host. */
function leaks(from: number, secrets: string[]): string[] {
  return h.logs.slice(from).filter((line) => secrets.some((s) => line.includes(s)));
}

const keyOf = (url: string) => new URL(url).pathname;

test('a response_url answering 500: the failure is logged without the response_url path', async () => {
  const from = h.logs.length;
  const responseUrl = h.slack.responseUrl('log-500');
  h.slack.failNext('response_url', { status: 500 }, 2);
  const res = await h.command('help', { responseUrl });
  assert.equal(res.status, 200);
  await h.settle();
  const logged = h.logs.slice(from).filter((l) => /"level":"(warn|error)"/.test(l));
  assert.ok(logged.length > 0, 'the failed post is logged');
  const failure = JSON.parse(logged[0]!);
  assert.equal(failure.err?.status ?? failure.error?.status, 500);
  assert.deepEqual(leaks(from, [keyOf(responseUrl), keyOf(responseUrl).split('/').at(-1)!]), []);
});

test('Zoom answering 500 to a create: logged with status and path, no token', async () => {
  await h.connect({ userId: 'ULOG500' });
  const tokens = (await h.services.tokens.load({ teamId: 'T0001', userId: 'ULOG500' }))!;
  const from = h.logs.length;
  h.zoom.failNext(
    { method: 'POST', path: /\/meetings$/ },
    { status: 500, body: { code: 500, message: 'Internal error' } },
    3, // every try the harness's jobs make
  );
  await assert.rejects(h.scheduleMeeting({ user: { userId: 'ULOG500' } }), /expected one new Zoom meeting/);
  const logged = h.logs.slice(from).filter((l) => l.includes('job failed for good'));
  assert.equal(logged.length, 1);
  const line = JSON.parse(logged[0]!);
  assert.equal(line.error.status, 500);
  assert.match(line.error.message, /HTTP 500/);
  assert.deepEqual(leaks(from, [tokens.accessToken, tokens.refreshToken, h.zoom.clientSecret]), []);
});

test('requests timing out (Zoom API, response_url): logged as timeouts, nothing secret', async () => {
  await h.connect({ userId: 'ULOGTIME' });
  const user = { teamId: 'T0001', userId: 'ULOGTIME' };
  const tokens = (await h.services.tokens.load(user))!;
  const client = new ZoomClient({
    apiUrl: h.config.zoom.apiUrl,
    tokens: h.services.tokens,
    timeoutMs: 100,
    retryDelaysMs: [10],
    logger: h.services.logger,
  });
  const from = h.logs.length;
  h.zoom.setLatency(400);
  try {
    const failure = await client.listUpcomingMeetings(user).catch((err: unknown) => err);
    assert.ok(failure instanceof ZoomNoAnswerError);
    h.services.logger.warn('meeting list failed', { error: failure });
  } finally {
    h.zoom.setLatency(0);
  }
  const responseUrl = h.slack.responseUrl('log-timeout');
  h.slack.setLatency(400);
  try {
    const err = await axios.post(responseUrl, { text: 'x' }, { timeout: 100 }).catch((e: unknown) => e);
    h.services.logger.warn('response_url post failed', { error: err });
  } finally {
    h.slack.setLatency(0);
  }
  const lines = h.logs.slice(from).map((l) => JSON.parse(l));
  assert.ok(lines.some((l) => /did not answer/.test(l.reason ?? l.error?.message ?? '')));
  const post = lines.find((l) => l.msg === 'response_url post failed');
  assert.equal(post.error.code, 'ECONNABORTED');
  assert.equal(post.error.path, '/response/log-timeout/[redacted]');
  assert.deepEqual(leaks(from, [tokens.accessToken, tokens.refreshToken, keyOf(responseUrl)]), []);
});

test('the suite-wide scan finds a secret issued by a fake inside a log line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'leak-scan-'));
  try {
    const token = 'eyJhbGciOiJIUzUxMiJ9.c2VjcmV0LXBhcnQtb25lLXh5eg.cGFydC10d28tc2VjcmV0LWFiYw';
    writeFileSync(join(dir, 'secrets-1.txt'), `${token}\nshort\n`);
    writeFileSync(join(dir, 'log-1.jsonl'), `{"msg":"ok"}\n{"msg":"Bearer ${token.split('.')[1]}x"}\n`);
    const { leaks: found, lines } = leakedSecrets(dir);
    assert.equal(lines, 2);
    assert.equal(found.length, 1);
    assert.equal(found[0].where, 'log-1.jsonl:2');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
