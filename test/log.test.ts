import assert from 'node:assert/strict';
import { test } from 'node:test';
import axios from 'axios';
import { createLogger, redactString } from '../src/log.js';

function capture(level: 'debug' | 'info' = 'info') {
  const lines: string[] = [];
  return { lines, logger: createLogger(level, (l) => lines.push(l)) };
}

test('secrets in messages and objects never reach a log line', () => {
  const { lines, logger } = capture();
  const jwt = 'eyJhbGciOiJIUzUxMiJ9.eyJ1aWQiOiJhYmMifQ.c2lnbmF0dXJl';
  logger.error('refresh failed for xoxb-123-456-abc with', {
    headers: { Authorization: `Bearer ${jwt}` },
    refresh_token: 'r-token-value',
    start_url: 'https://zoom.us/s/123?zak=secret-zak',
    url: `https://zoom.us/oauth/token?refresh_token=${jwt}&grant_type=refresh_token`,
    nested: { note: `token is ${jwt}` },
    payload: JSON.stringify({ response_url: 'https://hooks.slack.com/commands/T1/123/abcSECRET' }),
    response_url: 'https://hooks.slack.com/actions/T1/456/defSECRET',
    meetingId: 123,
  });
  const out = lines.join('\n');
  for (const secret of [jwt, 'xoxb-123-456-abc', 'r-token-value', 'secret-zak', 'abcSECRET', 'defSECRET']) {
    assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
  }
  const parsed = JSON.parse(lines[0]!);
  assert.equal(parsed.level, 'error');
  assert.equal(parsed.meetingId, 123);
  assert.match(parsed.url, /grant_type=refresh_token/);
});

test('errors keep their name and a redacted message', () => {
  const { lines, logger } = capture();
  logger.warn(new TypeError('bad header Basic Y2lkOmNzZWNyZXQ='));
  const parsed = JSON.parse(lines[0]!);
  assert.equal(parsed.err.type, 'TypeError');
  assert.equal(parsed.err.message, 'bad header [redacted]');
  assert.equal(parsed.msg, 'bad header [redacted]');
});

test('lines below the level are dropped', () => {
  const { lines, logger } = capture('info');
  logger.debug('noise');
  logger.info('kept');
  logger.setLevel('error');
  logger.warn('dropped');
  assert.deepEqual(
    lines.map((l) => JSON.parse(l).msg),
    ['kept'],
  );
});

test('an axios error keeps only method, host, masked path, status and the service error', async () => {
  const { lines, logger } = capture('debug');
  const responseUrl = 'https://hooks.slack.com/commands/T0001/1234567890/Zx9SECRETkeyAbc';
  const err = new axios.AxiosError('Request failed with status code 500', 'ERR_BAD_RESPONSE', {
    method: 'post',
    url: responseUrl,
    headers: new axios.AxiosHeaders({ Authorization: 'Bearer xoxb-1-2-abc' }),
    data: '{"text":"hello"}',
  } as never);
  err.response = {
    status: 500,
    statusText: 'Internal Server Error',
    headers: {},
    config: err.config as never,
    data: { ok: false, error: 'fatal_error' },
  };
  logger.warn('response_url post failed', { error: err });
  const zoomErr = new axios.AxiosError('timeout of 8000ms exceeded', 'ECONNABORTED', {
    method: 'get',
    baseURL: 'https://api.zoom.us/v2',
    url: '/users/alice@example.com/meetings?zak=zakSECRET123',
  } as never);
  logger.error(zoomErr);
  const [first, second] = lines.map((l) => JSON.parse(l));
  assert.deepEqual(first.error, {
    type: 'AxiosError',
    method: 'POST',
    host: 'hooks.slack.com',
    path: '/commands/[redacted]/[redacted]/[redacted]',
    status: 500,
    slackError: 'fatal_error',
  });
  assert.deepEqual(second.err, {
    type: 'AxiosError',
    method: 'GET',
    host: 'api.zoom.us',
    path: '/v2/users/[redacted]/meetings',
    code: 'ECONNABORTED',
  });
  const out = lines.join('\n');
  for (const secret of [
    'Zx9SECRETkeyAbc',
    '1234567890',
    'xoxb-1-2-abc',
    'zakSECRET123',
    'alice@example.com',
    'hello',
  ]) {
    assert.ok(!out.includes(secret), `${secret} leaked: ${out}`);
  }
});

test('a response_url path alone, without its host, is masked in text', () => {
  assert.equal(
    redactString('POST /commands/T0001/1234567890/Zx9SECRETkeyAbc failed'),
    'POST [redacted] failed',
  );
});

test('child loggers carry their bindings and the level', () => {
  const { lines, logger } = capture('info');
  const child = logger.child({ component: 'webhook' });
  child.debug('dropped');
  child.info('kept', { meetingId: '1' });
  const parsed = JSON.parse(lines[0]!);
  assert.equal(lines.length, 1);
  assert.equal(parsed.component, 'webhook');
  assert.equal(parsed.name, 'zoombot');
  assert.equal(parsed.meetingId, '1');
});

test('redactString leaves ordinary text alone', () => {
  assert.equal(
    redactString('明日の15時 定例 <https://zoom.us/j/123|join>'),
    '明日の15時 定例 <https://zoom.us/j/123|join>',
  );
});
