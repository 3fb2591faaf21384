/**
 * The whole bot on a real 3-master Redis Cluster: connect through Zoom's OAuth, schedule,
 * reschedule, cancel, a Zoom webhook, then Zoom's deauthorization. Every step's multi-key work
 * stays in one slot (a CROSSSLOT error would fail the step), every key of the user is reachable
 * from the indexes, and deauthorization leaves nothing of the user on any node.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Cluster } from 'ioredis';
import { type Harness, startHarness } from '../support/app-harness.js';
import { keysOnEveryNode, startRedisCluster } from '../support/redis-cluster.js';
import { zoomEvents, zoomWebhookSender } from '../support/zoom-webhook-signing.js';

const SECRET = 'cluster-zoom-webhook-secret';
const HOST = { teamId: 'T0001', userId: 'UCLUSTER' };
let h: Harness;

before(async () => {
  h = await startHarness({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET }, { redis: startRedisCluster });
  h.slack.setUser(HOST.userId, {
    locale: 'en-US',
    tz: 'Asia/Tokyo',
    name: 'carol',
    email: 'carol@example.com',
  });
});
after(() => h.stop());

const messageOf = (channel: string, ts: string | undefined) =>
  JSON.stringify(h.slack.messages.get(`${channel}:${ts}`));
const escapeGlob = (s: string) => s.replace(/[*?[\]\\{}]/g, '\\$&');
const botKeys = () => keysOnEveryNode(h.services.redis, `${escapeGlob(h.config.redis.keyPrefix)}*`);

async function click(action: string, meetingId: string, responseId: string) {
  const res = await h.interact(
    h.buttonClick(action, meetingId, { user: HOST, responseUrl: h.slack.responseUrl(responseId) }),
  );
  assert.equal(res.status, 200);
  await h.settle();
}

test('connect, schedule, reschedule, cancel, webhook, deauthorize: all on a cluster', async () => {
  assert.ok(h.services.redis instanceof Cluster, 'the bot uses a cluster client');
  const zoomUserId = 'zu-cluster';
  h.zoom.addUser({ id: zoomUserId, email: 'carol@example.com' });

  // Connect: /zoom connect -> Zoom's consent page -> the bot's OAuth callback.
  const cmd = await h.command('connect', { ...HOST, responseUrl: h.slack.responseUrl('connect') });
  assert.equal(cmd.status, 200);
  await h.settle();
  const prompt = JSON.stringify(h.slack.responses.filter((r) => r.id === 'connect'));
  const authorize = new URL(
    (/https?:\/\/[^"\s|>]+\/oauth\/authorize[^"\s|>]*/.exec(prompt)?.[0] ?? '').replaceAll('\\u0026', '&'),
  );
  authorize.searchParams.set('login', zoomUserId);
  const consent = await fetch(authorize, { redirect: 'manual' });
  assert.equal(consent.status, 302);
  const back = new URL(String(consent.headers.get('location')));
  const page = await fetch(`${h.baseUrl}/zoom/oauth/callback${back.search}`);
  assert.equal(page.status, 200);
  assert.equal((await h.services.tokens.load(HOST))?.zoomUserId, zoomUserId);

  // Schedule two meetings; move the first, then cancel it.
  const moved = await h.scheduleMeeting({ user: HOST, topic: 'Cluster planning', when: '2030-03-04 10:00' });
  const live = await h.scheduleMeeting({ user: HOST, topic: 'Cluster standup', when: '2030-03-06 09:00' });
  await click('reschedule_meeting', moved.meetingId, 'resched');
  const submitted = await h.interact(
    h.submission(h.openedView(), { when: '2030-03-05 14:30', durationMinutes: 45 }, { user: HOST }),
  );
  assert.equal(submitted.status, 200);
  await h.settle();
  assert.equal((await h.services.meetings.get(moved.meetingId))?.startInstant, '2030-03-05T05:30:00.000Z');
  assert.match(
    messageOf(moved.channelId, moved.messageTs),
    new RegExp(`<!date\\^${Date.parse('2030-03-05T05:30:00Z') / 1000}\\^`),
  );

  await click('cancel_meeting', moved.meetingId, 'cancel');
  assert.equal((await h.services.meetings.get(moved.meetingId))?.status, 'cancelled');
  assert.equal(h.zoom.meetings.has(moved.meetingId), false, 'deleted at Zoom');
  assert.match(messageOf(moved.channelId, moved.messageTs), /Cancelled/);

  // A Zoom webhook: the other meeting starts.
  const webhook = zoomWebhookSender(h.baseUrl, SECRET);
  assert.equal(
    (await webhook.send(zoomEvents.started(live.meetingId, '2030-03-06T00:01:00Z', zoomUserId))).status,
    200,
  );
  await h.settle();
  assert.equal((await h.services.meetings.get(live.meetingId))?.status, 'started');
  assert.match(messageOf(live.channelId, live.messageTs), /Live now/);

  // Every key of this user is reachable from the indexes (nothing would need a scan to find).
  const { keys } = h.services;
  const meetingIds = await h.services.redis.smembers(keys.userMeetings(HOST.teamId, HOST.userId));
  assert.deepEqual(meetingIds.sort(), [moved.meetingId, live.meetingId].sort());
  const links = await h.services.redis.smembers(keys.zoomUserLinks(zoomUserId));
  assert.deepEqual(links, [`${HOST.teamId}:${HOST.userId}`]);
  const reachable = new Set([
    ...keys.userKeys(HOST.teamId, HOST.userId),
    ...meetingIds.map((id) => keys.meeting(id)),
    keys.zoomUserLinks(zoomUserId),
    // The workspace's user index (what uninstalling the app in that workspace removes).
    keys.teamUsers(HOST.teamId),
  ]);
  // Delivery markers and Slack pacing (a channel's rate, a message's update counter) hold no user
  // data and expire by themselves.
  const bookkeeping = (k: string) =>
    k.startsWith(keys.once('', '').slice(0, -1)) || k.includes('{slack-pace:') || k.includes('{message:');
  for (const k of (await botKeys()).filter(bookkeeping)) {
    assert.ok((await h.services.redis.pttl(k)) > 0, `${k} expires`);
  }
  const ofUser = (await botKeys()).filter((k) => !bookkeeping(k));
  assert.ok(ofUser.length >= 5, `tokens, profile, index, two records, link: ${ofUser.join(' ')}`);
  assert.deepEqual(
    ofUser.filter((k) => !reachable.has(k)),
    [],
    'every stored key of the user is listed by Keys.userKeys or an index',
  );

  // Zoom deauthorization: nothing of the user is left on any node, and they are told once.
  const dmsBefore = h.slack.callsTo('conversations.open').length;
  assert.equal((await webhook.send(zoomEvents.deauthorized(zoomUserId))).status, 200);
  await h.settle();
  const left = (await botKeys()).filter((k) => reachable.has(k) || k.includes(HOST.userId));
  assert.deepEqual(left, []);
  assert.equal(await h.services.tokens.load(HOST), null);
  assert.equal(h.slack.callsTo('conversations.open').length - dmsBefore, 1);
  assert.deepEqual(h.slack.schemaErrors, []);
  assert.deepEqual(h.zoom.schemaErrors, []);
});
