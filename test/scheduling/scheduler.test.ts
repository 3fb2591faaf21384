import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NotShownError } from '../../src/scheduling/ports/errors.js';
import {
  type CreateOutcome,
  type MeetingPublisher,
  MeetingScheduler,
  type NewMeeting,
} from '../../src/scheduling/scheduler.js';
import type { MeetingNote, MeetingRecord } from '../../src/scheduling/types.js';
import { ZoomUnavailableError } from '../../src/zoom/errors.js';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

/** A publisher that records what the core asked it to show. */
function recordingPublisher(opts: { failPublish?: boolean } = {}) {
  const seen = {
    published: [] as MeetingRecord[],
    refreshed: [] as MeetingRecord[],
    notes: [] as MeetingNote[],
  };
  const publisher: MeetingPublisher = {
    async publish(record) {
      // The record is already stored when it is first shown (Zoom events may arrive at once).
      assert.ok(await h.services.meetings.get(record.meetingId));
      seen.published.push(record);
      if (opts.failPublish) throw new NotShownError('channel_not_found');
      return { messageTs: '1700000000.000100' };
    },
    async refresh(record) {
      seen.refreshed.push(record);
    },
    async threadReply(_record, note) {
      seen.notes.push(note);
    },
    async notifyUser() {},
  };
  return { publisher, seen };
}

/** The real scheduler on the harness's Zoom and Redis, showing through `publisher`. */
function schedulerWith(publisher: MeetingPublisher): MeetingScheduler {
  return new MeetingScheduler({
    zoom: h.services.zoom,
    meetings: h.services.meetings,
    publisher,
    markers: h.services.markers,
    logger: h.services.logger,
  });
}

/** The record of a create that was done (fails the test otherwise). */
function done(outcome: CreateOutcome) {
  assert.equal(outcome.status, 'done');
  return outcome as Extract<CreateOutcome, { status: 'done' }>;
}

const host = { teamId: 'T0001', userId: 'UCORE' };
const request = (over: Partial<NewMeeting> = {}): NewMeeting => ({
  host,
  locale: 'en',
  topic: 'Core meeting',
  start: { local: '2030-06-01T10:00:00', timeZone: 'Europe/Berlin', instant: '2030-06-01T08:00:00.000Z' },
  timeZone: 'Europe/Berlin',
  durationMinutes: 30,
  options: { waiting_room: true },
  recording: 'none',
  recordingAuthentication: false,
  channelId: 'C0001',
  ...over,
});

describe('MeetingScheduler', () => {
  test('create stores the record with where it was posted', async () => {
    await h.connect(host);
    const { publisher, seen } = recordingPublisher();
    const scheduler = schedulerWith(publisher);
    const { record } = done(await scheduler.create(request()));
    assert.equal(seen.published.length, 1);
    assert.equal(record.messageTs, '1700000000.000100');
    assert.equal(record.startInstant, '2030-06-01T08:00:00.000Z');
    const stored = await h.services.meetings.get(record.meetingId);
    assert.equal(stored?.messageTs, '1700000000.000100');
    const body = h.zoom.requests.filter((r) => r.method === 'POST').at(-1)?.body as {
      settings: Record<string, unknown>;
    };
    assert.equal(body.settings.waiting_room, true);
  });

  test('a meeting that cannot be shown anywhere is done but not shown, and the record stays', async () => {
    const { publisher } = recordingPublisher({ failPublish: true });
    const scheduler = schedulerWith(publisher);
    const outcome = await scheduler.create(request({ topic: 'Nowhere' }));
    assert.equal(outcome.status, 'done_not_shown');
    const { record } = outcome as Extract<CreateOutcome, { status: 'done_not_shown' }>;
    assert.match(record.joinUrl, /^http/);
    const stored = await h.services.meetings.get(record.meetingId);
    assert.equal(stored?.topic, 'Nowhere');
    assert.equal(stored?.messageTs, undefined);
  });

  test('a started meeting can be neither moved nor cancelled', async () => {
    const { publisher, seen } = recordingPublisher();
    const scheduler = schedulerWith(publisher);
    const { record } = done(await scheduler.create(request({ topic: 'Running' })));
    await h.services.meetings.update(record.meetingId, (r) => ({ ...r, status: 'started' }));
    const zoomCalls = h.zoom.requests.length;
    const moved = await scheduler.reschedule(host, record.meetingId, {
      start: { local: '2030-06-02T10:00:00', timeZone: 'Europe/Berlin', instant: '2030-06-02T08:00:00.000Z' },
    });
    assert.deepEqual(moved.ok ? 'ok' : moved.reason, 'not_scheduled');
    const cancelled = await scheduler.cancel(host, record.meetingId);
    assert.deepEqual(cancelled.ok ? 'ok' : cancelled.reason, 'not_scheduled');
    assert.equal(h.zoom.requests.length, zoomCalls);
    assert.equal(seen.refreshed.length, 0);
  });

  test('reschedule by the host with a new duration: one note says the move and the new duration', async () => {
    const { publisher, seen } = recordingPublisher();
    const scheduler = schedulerWith(publisher);
    const { record } = done(await scheduler.create(request({ topic: 'Moving' })));
    const result = await scheduler.reschedule(host, record.meetingId, {
      start: { local: '2030-06-03T09:00:00', timeZone: 'Asia/Tokyo', instant: '2030-06-03T00:00:00.000Z' },
      durationMinutes: 45,
    });
    assert.ok(result.ok);
    assert.equal(result.record.timeZone, 'Asia/Tokyo');
    assert.equal(result.record.durationMinutes, 45);
    assert.deepEqual(seen.notes.at(-1), {
      kind: 'edited',
      move: { fromInstant: '2030-06-01T08:00:00.000Z', toInstant: '2030-06-03T00:00:00.000Z' },
      durationMinutes: { from: 30, to: 45 },
      by: host,
    });
  });

  test('the new time is stored before Zoom is patched, so the echoing meeting.updated finds it', async () => {
    const { publisher } = recordingPublisher();
    const scheduler = schedulerWith(publisher);
    const { record } = done(await scheduler.create(request({ topic: 'Early store' })));
    h.zoom.failNext({ method: 'PATCH', path: /^\/v2\/meetings\/\d+$/ }, { status: 204, delayMs: 300 });
    const moving = scheduler.reschedule(host, record.meetingId, {
      start: { local: '2030-06-04T09:00:00', timeZone: 'Europe/Berlin', instant: '2030-06-04T07:00:00.000Z' },
    });
    await new Promise((r) => setTimeout(r, 150));
    assert.equal((await h.services.meetings.get(record.meetingId))?.startInstant, '2030-06-04T07:00:00.000Z');
    assert.ok((await moving).ok);
  });

  test('Zoom refuses the move: the error reaches the caller, the old time is kept, nothing is announced', async () => {
    const { publisher, seen } = recordingPublisher();
    const scheduler = schedulerWith(publisher);
    const { record } = done(await scheduler.create(request({ topic: 'Stays put' })));
    h.zoom.failNext(
      { method: 'PATCH', path: /^\/v2\/meetings\/\d+$/ },
      { status: 503, body: { code: 503, message: 'down' } },
      3,
    );
    await assert.rejects(
      scheduler.reschedule(host, record.meetingId, {
        start: { local: '2030-06-05T09:00:00', timeZone: 'Asia/Tokyo', instant: '2030-06-05T00:00:00.000Z' },
        durationMinutes: 90,
      }),
      ZoomUnavailableError,
    );
    const kept = await h.services.meetings.get(record.meetingId);
    assert.equal(kept?.startInstant, '2030-06-01T08:00:00.000Z');
    assert.equal(kept?.timeZone, 'Europe/Berlin');
    assert.equal(kept?.durationMinutes, 30);
    assert.equal(seen.refreshed.length, 0);
    assert.equal(seen.notes.length, 0);
  });
});
