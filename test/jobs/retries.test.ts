/** Retries of after-answer jobs against the fakes: Slack's 429 with Retry-After is waited out, once. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

test('429 with Retry-After: 1 on the first chat.postMessage of a meeting: posted exactly once, after the wait', async () => {
  await h.connect({ userId: 'U429POST' });
  h.slack.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
  const started = Date.now();
  const record = await h.scheduleMeeting({ user: { userId: 'U429POST' }, topic: 'Rate limited post' });
  const posts = h.slack
    .callsTo('chat.postMessage')
    .filter((a) => !a.thread_ts && JSON.stringify(a).includes('Rate limited post'));
  // The refused call and the one after Retry-After; only the second reached the channel.
  assert.equal(posts.length, 2);
  assert.equal(
    [...h.slack.messages.values()].filter((m) => JSON.stringify(m).includes('Rate limited post')).length,
    1,
  );
  assert.ok(Date.now() - started >= 1000, 'the retry waited for Retry-After');
  assert.ok(record.messageTs, 'the record knows its message');
  assert.deepEqual(h.slack.schemaErrors, []);
});
