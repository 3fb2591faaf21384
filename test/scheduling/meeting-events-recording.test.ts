import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { handleZoomEvent } from '../../src/scheduling/meeting-events.js';
import { ZoomNotConnectedError } from '../../src/zoom/errors.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { eventDeps, meetingRecord } from './support/event-deps.js';

let redis: TestRedis;
before(async () => {
  redis = await startRedis();
});
after(() => redis.stop());

const ID = '85012345678';
const SHARE = 'https://zoom.us/rec/share/AbCdEf.123';
const completed = {
  kind: 'recording_completed',
  meetingId: ID,
  shareUrl: SHARE,
  passcode: 'W3t!$00v',
} as const;

async function withRecord(over: Parameters<typeof meetingRecord>[0]) {
  const deps = eventDeps(redis);
  await deps.meetings.save(meetingRecord({ status: 'ended', ...over }));
  return deps;
}

describe('recording.completed', () => {
  test('cloud recording: one thread reply with the link and passcode', async () => {
    const deps = await withRecord({ recording: 'cloud' });
    assert.equal(await handleZoomEvent(deps, completed, 'r1'), 'applied');
    const stored = await deps.meetings.get(ID);
    assert.equal(stored?.recordingShareUrl, SHARE);
    assert.deepEqual(deps.announced, [
      {
        call: 'threadReply',
        record: stored,
        note: { kind: 'recording', shareUrl: SHARE, passcode: 'W3t!$00v' },
      },
    ]);
    assert.deepEqual(deps.recordingSettings, [], 'sign-in was not asked for');
    // Redelivered (same or new delivery id): no second reply.
    assert.equal(await handleZoomEvent(deps, completed, 'r1'), 'unchanged');
    assert.equal(await handleZoomEvent(deps, completed, 'r2'), 'unchanged');
    assert.equal(deps.announced.length, 1);
  });

  test('a later recording of the same meeting (started again) is posted too', async () => {
    const deps = await withRecord({
      recording: 'cloud',
      recordingShareUrl: 'https://zoom.us/rec/share/first',
    });
    const { passcode: _p, ...noPasscode } = completed;
    assert.equal(await handleZoomEvent(deps, noPasscode, 'r3'), 'applied');
    assert.deepEqual(
      deps.announced.map((a) => a.call === 'threadReply' && a.note),
      [{ kind: 'recording', shareUrl: SHARE }],
    );
  });

  test('"viewers must sign in": applied as the host before the link is posted', async () => {
    const deps = await withRecord({ recording: 'cloud', recordingAuthentication: true });
    assert.equal(await handleZoomEvent(deps, completed, 'r4'), 'applied');
    assert.deepEqual(deps.recordingSettings, [
      {
        user: { teamId: 'T0001', userId: 'U0001' },
        meetingId: ID,
        settings: { recording_authentication: true },
      },
    ]);
    assert.equal(deps.announced.length, 1);
    assert.equal(deps.announced[0]?.call, 'threadReply');
  });

  test('sign-in cannot be applied: no link in the channel, the host is told privately, once', async () => {
    const deps = await withRecord({ recording: 'cloud', recordingAuthentication: true });
    deps.failures.recordingSettings = new ZoomNotConnectedError('not connected');
    assert.equal(await handleZoomEvent(deps, completed, 'r5'), 'applied');
    assert.deepEqual(deps.announced, [
      {
        call: 'notifyUser',
        user: { teamId: 'T0001', userId: 'U0001' },
        note: { kind: 'recording_not_shared', meetingId: ID, topic: '週次定例' },
      },
    ]);
    assert.equal(await handleZoomEvent(deps, completed, 'r6'), 'unchanged');
    assert.equal(deps.announced.length, 1);
  });

  test('local or no recording: nothing posted, nothing written, Zoom not called', async () => {
    for (const recording of ['local', 'none'] as const) {
      const deps = await withRecord({ recording, recordingAuthentication: true });
      const before = await deps.redis.get(deps.keys.meeting(ID));
      assert.equal(await handleZoomEvent(deps, completed, `r-${recording}`), 'unchanged');
      assert.equal(await deps.redis.get(deps.keys.meeting(ID)), before);
      assert.equal(await deps.redis.exists(deps.keys.once('zoom-webhook', `r-${recording}`)), 0);
      assert.deepEqual(deps.announced, []);
      assert.deepEqual(deps.recordingSettings, []);
    }
  });
});
