/**
 * A bot process killed (SIGKILL) while a create it took after the modal's ack is still at Zoom:
 * the next process takes the job over, finds the meeting Zoom made, and posts it once. Real
 * processes, a real redis-server; fakes stand only for Zoom and Slack.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { botEnv } from '../support/app-harness.js';
import {
  openScheduleForm,
  postSigned,
  storeZoomConnection,
  submitScheduleForm,
  until,
} from '../support/bot-fixtures.js';
import { runBot } from '../support/bot-process.js';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.js';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';
import { freePort, startRedis, type TestRedis } from '../support/redis.js';

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

const HOST = { teamId: 'T0001', userId: 'UCRASH' };

test('killed after the ack while Zoom holds the create: one meeting, posted once, by the next process', async () => {
  const env = botEnv(redis, zoom, slack);
  const client = await storeZoomConnection(redis, zoom, env, HOST, 'zu-crash');
  const port = await freePort();
  const first = runBot({ ...env, PORT: String(port) });
  await first.waitFor(/listening on port/);
  const baseUrl = `http://127.0.0.1:${port}`;

  // /zoom opens the modal; its submission is acknowledged, then the create waits 2 s at Zoom.
  const view = await openScheduleForm(baseUrl, slack, HOST, 'trigger-crash');
  const topic = `Crash test ${randomBytes(3).toString('hex')}`;

  zoom.setLatency(2000);
  const creates = zoom.stats.creates;
  await submitScheduleForm(baseUrl, HOST, view, 'VCRASH0001', topic);
  // The job is taken and the create is on its way to Zoom: kill the process mid-flight.
  await until(
    'the create at Zoom',
    () => zoom.requests.some((r) => r.method === 'POST' && /meetings$/.test(r.path)),
    20_000,
  );
  first.child.kill('SIGKILL');
  await first.exited;
  await until('Zoom to finish the create', () => zoom.stats.creates === creates + 1, 10_000);
  zoom.setLatency(0);

  const second = runBot({ ...env, PORT: String(await freePort()) });
  await second.waitFor(/listening on port/);
  const upAt = Date.now();
  const postsOf = () =>
    slack.callsTo('chat.postMessage').filter((a) => !a.thread_ts && JSON.stringify(a).includes(topic));
  const toldMayExist = () =>
    slack.calls.some(
      (c) => /\/zoom list/.test(JSON.stringify(c.args)) && JSON.stringify(c.args).includes('UCRASH'),
    );
  await until(
    'the meeting in the channel (or the host told)',
    () => postsOf().length > 0 || toldMayExist(),
    30_000,
  );
  assert.ok(Date.now() - upAt < 30_000);
  // Let a second (wrong) post have its chance to appear.
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(zoom.stats.creates, creates + 1, 'exactly one meeting at Zoom');
  assert.equal(postsOf().length, 1, 'posted once in the channel');
  assert.deepEqual(slack.schemaErrors, []);
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0);
  await client.quit();
});

test('`/zoom now` killed the moment Slack has its answer: the next process starts the meeting, once', async () => {
  const env = botEnv(redis, zoom, slack);
  const client = await storeZoomConnection(redis, zoom, env, HOST, 'zu-now');
  const port = await freePort();
  const first = runBot({ ...env, PORT: String(port) });
  await first.waitFor(/listening on port/);
  const topic = `Standup ${randomBytes(3).toString('hex')}`;
  const command = new URLSearchParams({
    team_id: HOST.teamId,
    channel_id: 'C0001',
    user_id: HOST.userId,
    command: '/zoom',
    text: `now ${topic}`,
    response_url: slack.responseUrl('crash-now'),
    trigger_id: 'trigger-now',
  }).toString();
  const creates = zoom.stats.creates;
  const answered = await postSigned(`http://127.0.0.1:${port}`, command);
  first.child.kill('SIGKILL');
  assert.equal(answered.status, 200);
  await first.exited;

  const second = runBot({ ...env, PORT: String(await freePort()) });
  await second.waitFor(/listening on port/);
  const postsOf = () =>
    slack.callsTo('chat.postMessage').filter((a) => !a.thread_ts && JSON.stringify(a).includes(topic));
  await until('the instant meeting in the channel', () => postsOf().length > 0, 30_000);
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(zoom.stats.creates, creates + 1, 'exactly one meeting at Zoom');
  assert.equal(postsOf().length, 1, 'posted once in the channel');
  second.child.kill('SIGTERM');
  assert.equal(await second.exited, 0);
  await client.quit();
});
