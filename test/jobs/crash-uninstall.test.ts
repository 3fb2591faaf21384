/**
 * A bot process (installed in two workspaces through Slack OAuth) killed (SIGKILL) after it answered
 * workspace A's app_uninstalled, while the fake Zoom holds the first token revocation: the removal
 * was stored before the answer, so the next process takes the job over and finishes it. Within 20 s
 * nothing of A is left in Redis (the test SCANs every key and reads every value), each of A's Zoom
 * authorizations is revoked at Zoom, and B is untouched. Real processes, a real redis-server.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RedisClient } from '../../src/redis.js';
import { botEnv, type Harness, startHarness } from '../support/app-harness.js';
import { postSigned } from '../support/bot-fixtures.js';
import { runBot } from '../support/bot-process.js';
import { freePort } from '../support/redis.js';
import { installThroughOAuth, uninstallEvent } from '../support/slack-install.js';

const A = { teamId: 'TCRASHA1', users: ['UCRASHA1', 'UCRASHA2'], channel: 'CCRASHA1' };
const B = { teamId: 'TCRASHB1', users: ['UCRASHB1'], channel: 'CCRASHB1' };
// The whole job (both of A's users) must be redone by the next process: hold the revocation for long.
const HOLD_REVOKE_MS = 120_000;

let h: Harness;
const zoomUsers = new Map<string, string>();
const meetingIds = new Map<string, string>();

before(async () => {
  h = await startHarness({}, { oauthInstall: true });
  for (const w of [A, B]) {
    h.slack.workspaces.add({ teamId: w.teamId, users: w.users, channels: [w.channel] });
    for (const userId of w.users) h.slack.setUser(userId, { tz: 'Asia/Tokyo', locale: 'en-US' });
    assert.equal((await installThroughOAuth(h, w.teamId)).page.status, 200);
    for (const userId of w.users) {
      const user = { teamId: w.teamId, userId };
      zoomUsers.set(userId, (await h.connect(user)).zoomUserId);
      const record = await h.scheduleMeeting({ user, channelId: w.channel, topic: `Sync ${userId}` });
      meetingIds.set(userId, record.meetingId);
    }
  }
  await h.settle();
  // A job still waiting for each user (a notice due later): A's go with A, B's stays.
  for (const w of [A, B]) {
    for (const userId of w.users) {
      await h.services.jobs.enqueue(
        'notify',
        { owner: { teamId: w.teamId, userId }, note: { kind: 'zoom_deauthorized' } },
        { delayMs: 30 * 60_000 },
      );
    }
  }
});
after(() => h.stop());

/** Every key under the test's prefix (the queue's keys too) with its value as text. */
async function dump(redis: RedisClient, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const pattern of [`${prefix}*`, `{${prefix}*`]) {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'string'
            ? await redis.get(key)
            : type === 'hash'
              ? await redis.hgetall(key)
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'zset'
                  ? await redis.zrange(key, '0', '-1')
                  : type === 'list'
                    ? await redis.lrange(key, '0', '-1')
                    : type === 'stream'
                      ? await redis.xrange(key, '-', '+')
                      : null;
        out.set(key, JSON.stringify(value));
      }
    } while (cursor !== '0');
  }
  return out;
}

/**
 * Slack call pacing counters (a time or a version number, expiring on their own within a minute
 * or a day) name a workspace or channel but hold nothing of its users; they are left to expire.
 */
const pacing = (key: string) => /\{slack-pace:|\{message:[^}]*\}:version$/.test(key);

test('killed while Zoom holds the revocation after answering app_uninstalled: the next process removes all of A within 20 s', async () => {
  const prefix = h.config.redis.keyPrefix;
  const names = (w: typeof A) => [
    w.teamId,
    w.channel,
    ...w.users,
    ...w.users.map((u) => zoomUsers.get(u) as string),
    ...w.users.map((u) => meetingIds.get(u) as string),
  ];
  const mentions = (w: typeof A, key: string, value: string) =>
    names(w).some((n) => key.includes(n) || value.includes(n));
  const beforeKeys = await dump(h.services.redis, prefix);
  const ofA = [...beforeKeys].filter(([k, v]) => mentions(A, k, v)).map(([k]) => k);
  const ofB = [...beforeKeys].filter(([k, v]) => mentions(B, k, v) && !pacing(k)).map(([k]) => k);
  assert.ok(ofA.length >= 8 && ofB.length >= 4, `A: ${ofA.join(' ')}\nB: ${ofB.join(' ')}`);
  for (const userId of [...A.users, ...B.users]) {
    assert.ok(h.zoom.liveTokens(zoomUsers.get(userId) as string) > 0);
  }

  // Only the bot processes below take jobs from here on.
  await h.services.jobs.close();
  const env = {
    ...botEnv(h.redis, h.zoom, h.slack),
    SLACK_BOT_TOKEN: '',
    SLACK_CLIENT_ID: h.slack.workspaces.app.clientId,
    SLACK_CLIENT_SECRET: h.slack.workspaces.app.clientSecret,
    SLACK_STATE_SECRET: h.config.slack.oauth?.stateSecret as string,
    REDIS_KEY_PREFIX: prefix,
    TOKEN_ENCRYPTION_KEY: h.config.tokenEncryptionKeys[0]?.toString('base64') as string,
  };
  h.zoom.failNext({ method: 'POST', path: /\/oauth\/revoke$/ }, { status: 503, delayMs: HOLD_REVOKE_MS });
  const revokes = () => h.zoom.requests.filter((r) => r.path.endsWith('/oauth/revoke')).length;

  const firstPort = await freePort();
  const first = runBot({ ...env, PORT: String(firstPort) });
  const startNext = runBot.bind(null, { ...env, PORT: String(await freePort()) });
  let next: ReturnType<typeof runBot> | undefined;
  try {
    await first.waitFor(/listening on port/);
    h.slack.workspaces.uninstall(A.teamId);
    const answer = await postSigned(
      `http://127.0.0.1:${firstPort}`,
      uninstallEvent(A.teamId),
      'application/json',
    );
    assert.equal(answer.status, 200);
    for (let i = 0; i < 400 && revokes() === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    assert.equal(revokes(), 1, 'the first process reached Zoom’s revocation');
    first.child.kill('SIGKILL');
    await first.exited;
    assert.equal(
      await h.services.redis.exists(h.services.keys.teamUsers(A.teamId)),
      1,
      'the killed process left A’s data',
    );

    next = startNext();
    await next.waitFor(/listening on port/);
    const upAt = Date.now();
    let left: string[] = [];
    for (;;) {
      const now = await dump(h.services.redis, prefix);
      left = [...now].filter(([k, v]) => mentions(A, k, v) && !pacing(k)).map(([k, v]) => `${k} = ${v}`);
      if (left.length === 0) break;
      assert.ok(
        Date.now() - upAt < 20_000,
        `A’s data still in Redis 20 s after the restart:\n${left.join('\n')}`,
      );
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const userId of A.users) {
      assert.equal(h.zoom.liveTokens(zoomUsers.get(userId) as string), 0, `${userId}’s Zoom pair revoked`);
    }

    const afterKeys = await dump(h.services.redis, prefix);
    for (const key of ofB) assert.equal(afterKeys.get(key), beforeKeys.get(key), `B’s ${key} unchanged`);
    for (const userId of B.users) {
      assert.ok(h.zoom.liveTokens(zoomUsers.get(userId) as string) > 0, 'B’s Zoom pair still works');
    }
    assert.ok(next.lines().some((l) => l.includes('its data is deleted') && l.includes(A.teamId)));
  } finally {
    first.child.kill('SIGKILL');
    if (next) {
      next.child.kill('SIGTERM');
      await next.exited;
    }
  }
});
