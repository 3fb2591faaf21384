import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLogger, redactString } from '../src/log.js';
import { BackgroundTasks } from '../src/services.js';

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
  assert.equal(parsed.data.meetingId, 123);
  assert.match(parsed.data.url, /grant_type=refresh_token/);
});

test('errors keep their name and a redacted message', () => {
  const { lines, logger } = capture();
  logger.warn(new TypeError('bad header Basic Y2lkOmNzZWNyZXQ='));
  const parsed = JSON.parse(lines[0]!);
  assert.equal(parsed.data.name, 'TypeError');
  assert.equal(parsed.data.message, 'bad header [redacted]');
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

test('redactString leaves ordinary text alone', () => {
  assert.equal(
    redactString('明日の15時 定例 <https://zoom.us/j/123|join>'),
    '明日の15時 定例 <https://zoom.us/j/123|join>',
  );
});

test('background tasks are awaited by drain and their failures are logged, not thrown', async () => {
  const { lines, logger } = capture();
  const tasks = new BackgroundTasks(logger);
  const done: string[] = [];
  tasks.run('slow', async () => {
    await new Promise((r) => setTimeout(r, 20));
    done.push('slow');
    tasks.run('chained', async () => {
      done.push('chained');
    });
  });
  tasks.run('broken', async () => {
    throw new Error('zoom down');
  });
  await tasks.drain();
  assert.deepEqual(done, ['slow', 'chained']);
  assert.match(lines.join('\n'), /background task broken failed/);
});
