import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { handleZoomEvent } from '../../src/scheduling/meeting-events.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { type EventTestDeps, eventDeps, meetingRecord } from './support/event-deps.js';

let redis: TestRedis;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

const ALICE = { teamId: 'T0001', userId: 'U0001' };
const ALICE_OTHER_WORKSPACE = { teamId: 'T0002', userId: 'U0009' };
const BOB = { teamId: 'T0001', userId: 'U0002' };

/** Two Slack users on one Zoom user, each with a meeting and a cached profile; Bob is someone else. */
async function seed(deps: EventTestDeps) {
  await deps.link(ALICE, 'zu-alice');
  await deps.link(ALICE_OTHER_WORKSPACE, 'zu-alice');
  await deps.link(BOB, 'zu-bob');
  await deps.meetings.save(meetingRecord({ meetingId: '1001', host: ALICE }));
  await deps.meetings.save(meetingRecord({ meetingId: '1002', host: ALICE_OTHER_WORKSPACE }));
  await deps.meetings.save(meetingRecord({ meetingId: '2001', host: BOB }));
  for (const u of [ALICE, ALICE_OTHER_WORKSPACE, BOB]) {
    await deps.redis.set(deps.keys.slackProfile(u.teamId, u.userId), '{"tz":"Asia/Tokyo"}');
  }
}

const deauth = { kind: 'app_deauthorized', zoomUserId: 'zu-alice' } as const;

describe('app_deauthorized', () => {
  test('removes everything of every linked Slack user, tells each once, leaves others alone', async () => {
    const deps = eventDeps(redis);
    await seed(deps);
    const bobKeys = (await deps.allKeys()).filter(
      (k) => k.includes('{T0001:U0002}') || k === deps.keys.meeting('2001') || k.includes('zu-bob'),
    );
    assert.equal(await handleZoomEvent(deps, deauth, 'd1'), 'applied');

    const left = await deps.allKeys();
    assert.deepEqual(
      left.filter((k) => !k.includes(':once:')),
      bobKeys,
      "only the other user's keys remain",
    );
    const told = deps.announced
      .map((a) => (a.call === 'notifyUser' ? `${a.user.teamId}:${a.user.userId} ${a.note.kind}` : a.call))
      .sort();
    assert.deepEqual(told, ['T0001:U0001 zoom_deauthorized', 'T0002:U0009 zoom_deauthorized']);
  });

  test('a redelivery finds nobody and tells nobody again', async () => {
    const deps = eventDeps(redis);
    await seed(deps);
    await handleZoomEvent(deps, deauth, 'd2');
    assert.equal(await handleZoomEvent(deps, deauth, 'd2'), 'unknown');
    assert.equal(await handleZoomEvent(deps, deauth, 'd3'), 'unknown');
    assert.equal(deps.announced.length, 2);
  });

  test('an unknown Zoom user: nothing written', async () => {
    const deps = eventDeps(redis);
    assert.equal(
      await handleZoomEvent(deps, { kind: 'app_deauthorized', zoomUserId: 'zu-nobody' }, 'd4'),
      'unknown',
    );
    assert.deepEqual(await deps.allKeys(), []);
    assert.deepEqual(deps.announced, []);
  });

  test('glob characters in the key prefix match only themselves', async () => {
    // Unescaped, "p*:{T0001:U0001}:*" would also match another deployment's "pX:{T0001:U0001}:…".
    const deps = eventDeps(redis, `${redis.prefix()}p*[a]:`);
    const neighbour = `${deps.keys.prefix.replace('p*[a]:', 'pXa:')}{T0001:U0001}:slack-profile`;
    await deps.redis.set(neighbour, 'keep');
    await deps.link(ALICE, 'zu-alice');
    await deps.redis.set(deps.keys.slackProfile(ALICE.teamId, ALICE.userId), '{}');
    assert.equal(await handleZoomEvent(deps, deauth, 'd5'), 'applied');
    assert.equal(await deps.redis.get(neighbour), 'keep');
    assert.deepEqual(
      (await deps.allKeys()).filter((k) => !k.includes(':once:')),
      [],
    );
  });
  test('a failure part-way lets the redelivery finish the deletion', async () => {
    const deps = eventDeps(redis);
    await seed(deps);
    const remove = deps.tokens.remove;
    deps.tokens.remove = async () => {
      throw new Error('redis timeout');
    };
    await assert.rejects(handleZoomEvent(deps, deauth, 'd6'), /redis timeout/);
    assert.equal(await deps.redis.exists(deps.keys.once('zoom-webhook', 'd6')), 0);
    deps.tokens.remove = remove;
    assert.equal(await handleZoomEvent(deps, deauth, 'd6'), 'applied');
    assert.equal(await deps.redis.exists(deps.keys.tokens(ALICE.teamId, ALICE.userId)), 0);
  });
});
