import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { handleZoomEvent } from '../../src/scheduling/meeting-events.js';
import type { ZoomWebhookEvent } from '../../src/zoom/webhooks.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { type EventTestDeps, eventDeps, meetingRecord } from './support/event-deps.js';

let redis: TestRedis;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

const ID = '85012345678';
let n = 0;
/** Each call is a different delivery (a different event_ts at Zoom). */
const send = (deps: EventTestDeps, event: ZoomWebhookEvent, key = `delivery-${++n}`) => {
  if (event.kind === 'url_validation' || event.kind === 'ignored')
    throw new Error(`not an event: ${event.kind}`);
  return handleZoomEvent(deps, event, key);
};

async function withRecord(over: Parameters<typeof meetingRecord>[0] = {}) {
  const deps = eventDeps(redis);
  await deps.meetings.save(meetingRecord(over));
  return deps;
}

describe('meeting events', () => {
  test('an unknown meeting: nothing written, nothing announced', async () => {
    const deps = eventDeps(redis);
    for (const event of [
      { kind: 'meeting_started', meetingId: ID, startedAt: '2026-11-29T06:01:00.000Z' },
      { kind: 'meeting_deleted', meetingId: ID },
      { kind: 'meeting_updated', meetingId: ID, changes: { topic: 'x' } },
      { kind: 'recording_completed', meetingId: ID, shareUrl: 'https://zoom.us/rec/share/a' },
    ] as const) {
      assert.equal(await send(deps, event), 'unknown');
    }
    assert.deepEqual(await deps.allKeys(), []);
    assert.deepEqual(deps.announced, []);
  });

  test('started: the record says live since when, the message is refreshed once', async () => {
    const deps = await withRecord();
    const event = { kind: 'meeting_started', meetingId: ID, startedAt: '2026-11-29T06:01:10.000Z' } as const;
    assert.equal(await send(deps, event, 'd1'), 'applied');
    const stored = await deps.meetings.get(ID);
    assert.equal(stored?.status, 'started');
    assert.equal(stored?.startedAt, '2026-11-29T06:01:10.000Z');
    assert.deepEqual(deps.announced, [{ call: 'refresh', record: stored }]);
    // Zoom's retry, and the same fact in another delivery: nothing twice.
    assert.equal(await send(deps, event, 'd1'), 'unchanged');
    assert.equal(await send(deps, event, 'd2'), 'unchanged');
    assert.equal(deps.announced.length, 1);
  });

  test('ended: status, end time and how long it ran', async () => {
    const deps = await withRecord({ status: 'started', startedAt: '2026-11-29T06:01:10.000Z' });
    const ended = {
      kind: 'meeting_ended',
      meetingId: ID,
      startedAt: '2026-11-29T06:01:10.000Z',
      endedAt: '2026-11-29T06:48:40.000Z',
    } as const;
    assert.equal(await send(deps, ended), 'applied');
    const stored = await deps.meetings.get(ID);
    assert.equal(stored?.status, 'ended');
    assert.equal(stored?.endedAt, '2026-11-29T06:48:40.000Z');
    assert.equal(stored?.durationRanMinutes, 48);
    assert.deepEqual(deps.announced, [{ call: 'refresh', record: stored }]);
    assert.equal(await send(deps, ended), 'unchanged');
  });

  test('a started event arriving after the end does not reopen the meeting', async () => {
    const deps = await withRecord();
    const startedAt = '2026-11-29T06:01:10.000Z';
    await send(deps, {
      kind: 'meeting_ended',
      meetingId: ID,
      startedAt,
      endedAt: '2026-11-29T06:30:00.000Z',
    });
    assert.equal(await send(deps, { kind: 'meeting_started', meetingId: ID, startedAt }), 'unchanged');
    assert.equal((await deps.meetings.get(ID))?.status, 'ended');
    // Started again later (Zoom lets a scheduled meeting be reused): live again.
    const again = '2026-11-29T09:00:00.000Z';
    assert.equal(await send(deps, { kind: 'meeting_started', meetingId: ID, startedAt: again }), 'applied');
    const stored = await deps.meetings.get(ID);
    assert.equal(stored?.status, 'started');
    assert.equal(stored?.endedAt, undefined);
    assert.equal(stored?.durationRanMinutes, undefined);
  });

  test('deleted: cancelled once; a cancelled meeting ignores start and end', async () => {
    const deps = await withRecord();
    assert.equal(await send(deps, { kind: 'meeting_deleted', meetingId: ID }), 'applied');
    assert.equal((await deps.meetings.get(ID))?.status, 'cancelled');
    assert.equal(await send(deps, { kind: 'meeting_deleted', meetingId: ID }), 'unchanged');
    const startedAt = '2026-11-29T06:01:10.000Z';
    assert.equal(await send(deps, { kind: 'meeting_started', meetingId: ID, startedAt }), 'unchanged');
    assert.equal(deps.announced.length, 1);
  });

  test('updated time: record moved, message refreshed, one "moved" note with both times', async () => {
    const deps = await withRecord();
    const event = {
      kind: 'meeting_updated',
      meetingId: ID,
      changes: { startInstant: '2026-11-30T05:00:00.000Z', durationMinutes: 45 },
    } as const;
    assert.equal(await send(deps, event), 'applied');
    const stored = await deps.meetings.get(ID);
    assert.equal(stored?.startInstant, '2026-11-30T05:00:00.000Z');
    assert.equal(stored?.durationMinutes, 45);
    assert.deepEqual(deps.announced, [
      { call: 'refresh', record: stored },
      {
        call: 'threadReply',
        record: stored,
        note: {
          kind: 'moved',
          fromInstant: '2026-11-29T06:00:00.000Z',
          toInstant: '2026-11-30T05:00:00.000Z',
        },
      },
    ]);
    assert.equal(await send(deps, event), 'unchanged');
    assert.equal(deps.announced.length, 2);
  });

  test("the update caused by the bot's own reschedule announces nothing", async () => {
    // The reschedule already stored the new time and posted its own note.
    const deps = await withRecord({ startInstant: '2026-11-30T05:00:00.000Z' });
    const changes = { startInstant: '2026-11-30T05:00:00Z' };
    assert.equal(await send(deps, { kind: 'meeting_updated', meetingId: ID, changes }), 'unchanged');
    assert.deepEqual(deps.announced, []);
  });

  test('updated local start time is read in the meeting zone', async () => {
    const deps = await withRecord({ timeZone: 'America/New_York' });
    const changes = { startLocal: '2026-12-01T09:30:00' };
    await send(deps, { kind: 'meeting_updated', meetingId: ID, changes });
    assert.equal((await deps.meetings.get(ID))?.startInstant, '2026-12-01T14:30:00.000Z');
  });

  test('updated topic or zone only: refreshed, no thread note', async () => {
    const deps = await withRecord();
    const changes = { topic: 'Weekly sync', timeZone: 'Europe/London' };
    assert.equal(await send(deps, { kind: 'meeting_updated', meetingId: ID, changes }), 'applied');
    const stored = await deps.meetings.get(ID);
    assert.equal(stored?.topic, 'Weekly sync');
    assert.equal(stored?.timeZone, 'Europe/London');
    assert.deepEqual(
      deps.announced.map((a) => a.call),
      ['refresh'],
    );
  });

  test('a delivery another process already claimed changes nothing', async () => {
    const deps = await withRecord();
    await deps.redis.set(deps.keys.once('zoom-webhook', 'claimed'), '1');
    const event = { kind: 'meeting_deleted', meetingId: ID } as const;
    assert.equal(await send(deps, event, 'claimed'), 'duplicate');
    assert.equal((await deps.meetings.get(ID))?.status, 'scheduled');
    assert.deepEqual(deps.announced, []);
    const ttl = await deps.redis.ttl(deps.keys.once('zoom-webhook', 'fresh'));
    assert.equal(ttl, -2);
    await send(deps, event, 'fresh');
    const markerTtl = await deps.redis.ttl(deps.keys.once('zoom-webhook', 'fresh'));
    assert.ok(markerTtl > 23 * 3600 && markerTtl <= 24 * 3600, `marker lives a day, got ${markerTtl}`);
  });

  test('Slack failing to refresh does not undo the stored change', async () => {
    const deps = await withRecord();
    deps.failures.refresh = new Error('slack down');
    assert.equal(await send(deps, { kind: 'meeting_deleted', meetingId: ID }), 'applied');
    assert.equal((await deps.meetings.get(ID))?.status, 'cancelled');
  });
});
