import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keys } from '../../src/redis.js';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { MeetingStore } from '../../src/storage/meeting-store.js';
import { startRedis, type TestRedis } from '../support/redis.js';

let redis: TestRedis;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

function record(meetingId: string): MeetingRecord {
  return {
    meetingId,
    host: { teamId: 'T1', userId: 'U1' },
    topic: 'Weekly',
    startInstant: '2026-11-29T06:00:00.000Z',
    timeZone: 'Asia/Tokyo',
    durationMinutes: 30,
    joinUrl: 'https://zoom.us/j/1',
    locale: 'ja',
    recording: 'none',
    recordingAuthentication: false,
    status: 'scheduled',
    channelId: 'C1',
    createdAt: '2026-11-28T00:00:00.000Z',
  };
}

test('concurrent updates of different fields on two connections both survive', async () => {
  const keys = new Keys(redis.prefix());
  const a = new MeetingStore(redis.client(), keys);
  const b = new MeetingStore(redis.client(), keys);
  await a.save(record('42'));
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? a.update('42', (r) => ({ ...r, topic: `${r.topic}+` }))
        : b.update(42, (r) => ({ ...r, durationMinutes: r.durationMinutes + 1 })),
    ),
  );
  const final = await a.get('42');
  assert.equal(final?.topic, `Weekly${'+'.repeat(10)}`);
  assert.equal(final?.durationMinutes, 40);
});

test('update of an unknown or unreadable record changes nothing', async () => {
  const client = redis.client();
  const keys = new Keys(redis.prefix());
  const store = new MeetingStore(client, keys);
  assert.equal(await store.update('missing', (r) => r), null);
  assert.equal(await client.exists(keys.meeting('missing')), 0);
  await client.set(keys.meeting('7'), 'not json');
  assert.equal(await store.update('7', (r) => ({ ...r, topic: 'x' })), null);
  assert.equal(await client.get(keys.meeting('7')), 'not json');
});

test('removeAllFor deletes every record of one host and nothing of another', async () => {
  const client = redis.client();
  const keys = new Keys(redis.prefix());
  const store = new MeetingStore(client, keys);
  await store.save(record('1'));
  await store.save(record('2'));
  await store.save({ ...record('3'), host: { teamId: 'T1', userId: 'U2' } });
  assert.equal(await store.removeAllFor({ teamId: 'T1', userId: 'U1' }), 2);
  assert.equal(await store.get('1'), null);
  assert.equal(await store.get('2'), null);
  assert.equal((await store.get('3'))?.host.userId, 'U2');
});
