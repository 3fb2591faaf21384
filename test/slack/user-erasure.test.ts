/**
 * /zoom disconnect and Zoom's app_deauthorized leave nothing of the user in Redis, the job queue's
 * records included: every key of the real redis-server is listed and read after the flow.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SlackUserRef } from '../../src/scheduling/ports/types.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import { type ZoomWebhookSender, zoomEvents, zoomWebhookSender } from '../support/zoom-webhook-signing.js';

const SECRET = 'erasure-zoom-webhook-secret';
let h: Harness;
let zoom: ZoomWebhookSender;
before(async () => {
  h = await startHarness({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  zoom = zoomWebhookSender(h.baseUrl, SECRET);
});
after(() => h.stop());

/** Every key of the server (any prefix) with its name and whole value, whatever its type. */
async function everything(): Promise<string[]> {
  const redis = h.services.redis;
  const keys = await redis.keys('*');
  return Promise.all(
    keys.map(async (key) => {
      const type = await redis.type(key);
      const value =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? JSON.stringify(await redis.hgetall(key))
            : type === 'set'
              ? (await redis.smembers(key)).join(',')
              : type === 'zset'
                ? (await redis.zrange(key, '0', '-1')).join(',')
                : type === 'list'
                  ? (await redis.lrange(key, 0, -1)).join(',')
                  : type === 'stream'
                    ? JSON.stringify(await redis.xrange(key, '-', '+'))
                    : '';
      return `${key} = ${value}`;
    }),
  );
}

/** A connected user with a meeting posted and a job of theirs waiting in the queue. */
async function userWithEverything(user: SlackUserRef) {
  const zoomUserId = `zu-erase-${user.userId.toLowerCase()}`;
  await h.connect(user, { id: zoomUserId, email: `${zoomUserId}@example.com` });
  const tokens = await h.services.tokens.load(user);
  assert.ok(tokens);
  const meeting = await h.scheduleMeeting({ user, topic: 'Weekly sync' });
  await h.services.jobs.enqueue(
    'connected',
    { owner: user, zoomEmail: `${zoomUserId}@example.com` },
    { delayMs: 10 * 60_000 },
  );
  const traces = [user.userId, zoomUserId, tokens.accessToken, tokens.refreshToken, meeting.meetingId];
  // Before the flow the user is all over Redis, so the check below can see them.
  assert.ok((await everything()).some((entry) => entry.includes(user.userId)));
  assert.ok((await everything()).some((entry) => entry.includes(zoomUserId)));
  return { zoomUserId, traces };
}

async function leftOf(traces: string[]): Promise<string[]> {
  return (await everything()).filter((entry) => traces.some((t) => entry.includes(t)));
}

test('/zoom disconnect leaves nothing of the user in Redis, waiting jobs included', async () => {
  const user = { teamId: 'T0001', userId: 'UERASEDISC' };
  const { traces } = await userWithEverything(user);
  const res = await h.command('disconnect', {
    userId: user.userId,
    responseUrl: h.slack.responseUrl('erase-1'),
  });
  assert.equal(res.status, 200);
  await h.settle();
  const answer = h.slack.responses.find((r) => r.id === 'erase-1');
  assert.match(JSON.stringify(answer?.body), /連携を解除/);
  assert.deepEqual(await leftOf(traces), []);
});

test("Zoom's app_deauthorized leaves nothing of the user in Redis, waiting jobs included", async () => {
  const user = { teamId: 'T0001', userId: 'UERASEDEAUTH' };
  const { zoomUserId, traces } = await userWithEverything(user);
  const res = await zoom.send(zoomEvents.deauthorized(zoomUserId));
  assert.equal(res.status, 200);
  await h.settle();
  assert.ok(h.slack.callsTo('conversations.open').some((c) => c.users === user.userId));
  assert.deepEqual(await leftOf(traces), []);
});
