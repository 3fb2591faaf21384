/**
 * Redis stops answering (SIGSTOP) just as Zoom answers a create the bot took after the modal's ack,
 * and comes back 8 s later: the job finishes the work it began, one meeting at Zoom, posted in the
 * channel, and no user reads that nothing was done. Real bot process, real redis-server; fakes stand
 * only for Zoom and Slack.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { botEnv } from '../support/app-harness.js';
import { openScheduleForm, storeZoomConnection, submitScheduleForm, until } from '../support/bot-fixtures.js';
import { runBot } from '../support/bot-process.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';
import { freePort, startRedis, type TestRedis, withRedisStopped } from '../support/redis.js';

let redis: TestRedis;
let zoom: FakeZoom;
let slack: FakeSlack;
before(async () => {
  [redis, zoom, slack] = await Promise.all([startRedis(), startFakeZoom(), startFakeSlack()]);
});
after(async () => {
  await Promise.all([zoom.close(), slack.close()]);
  await redis.stop();
});

const HOST = { teamId: 'T0001', userId: 'UFREEZE' };
/** What the bot says when it did nothing (en and ja): never true once Zoom made the meeting. */
const NOT_DONE = /was not done|not have been saved|try again|しませんでした|保存されていない|もう一度/i;

test('Redis frozen as Zoom answers the create, back 8 s later: one meeting, posted, no "not done" text', async () => {
  const env = botEnv(redis, zoom, slack);
  const client = await storeZoomConnection(redis, zoom, env, HOST, 'zu-freeze');

  const port = await freePort();
  const bot = runBot({ ...env, PORT: String(port) });
  await bot.waitFor(/listening on port/);
  const baseUrl = `http://127.0.0.1:${port}`;
  const view = await openScheduleForm(baseUrl, slack, HOST, 'trigger-freeze');
  const topic = `Freeze test ${randomBytes(3).toString('hex')}`;

  // Zoom makes the meeting at once and answers 500 ms later; Redis stops in between.
  zoom.setLatency(500);
  const creates = zoom.stats.creates;
  await submitScheduleForm(baseUrl, HOST, view, 'VFREEZE001', topic);
  await until('Zoom to make the meeting', () => zoom.stats.creates === creates + 1, 20_000, 10);
  const postsOf = () =>
    slack.callsTo('chat.postMessage').filter((a) => !a.thread_ts && JSON.stringify(a).includes(topic));
  // Zoom's answer is still on its way: the bot has nothing to post yet.
  assert.equal(postsOf().length, 0);
  await withRedisStopped(redis, async () => {
    await new Promise((r) => setTimeout(r, 8000));
  });
  const resumedAt = Date.now();
  zoom.setLatency(0);

  await until('the meeting in the channel', () => postsOf().length > 0, 30_000);
  assert.ok(Date.now() - resumedAt < 30_000, 'posted within 30 s of the resume');
  // Let a second (wrong) post or create have its chance to appear.
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(zoom.stats.creates, creates + 1, 'exactly one meeting at Zoom');
  assert.equal(postsOf().length, 1, 'posted once in the channel');
  assert.equal(postsOf()[0]?.channel, 'C0001');
  const saidNotDone = [
    ...slack.calls.map((c) => JSON.stringify(c.args)),
    ...slack.responses.map((r) => JSON.stringify(r)),
  ].filter((text) => NOT_DONE.test(text));
  assert.deepEqual(saidNotDone, [], 'no text says the meeting was not made');
  assert.deepEqual(slack.schemaErrors, []);
  bot.child.kill('SIGTERM');
  assert.equal(await bot.exited, 0);
  await client.quit();
});
