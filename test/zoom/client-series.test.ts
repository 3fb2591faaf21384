// The Zoom client on a series (type 8): create with a recurrence, read its occurrences, move or
// remove one occurrence by occurrence_id, change the whole series; against the strict fake Zoom.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ZoomValidationError } from '../../src/zoom/errors.js';
import type { MeetingCreateInput } from '../../src/zoom/types.js';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { buildZoomSide, connectedUser, type ZoomSide } from './setup.js';

let redis: TestRedis;
let zoom: FakeZoom;
let side: ZoomSide;
before(async () => {
  redis = await startRedis();
  zoom = await startFakeZoom();
  side = buildZoomSide(redis, zoom);
});
after(async () => {
  await zoom.close();
  await redis.stop();
});

// Tuesdays and Thursdays at 9:30 Tokyo from Tue 2031-03-04, four meetings.
const series: MeetingCreateInput = {
  topic: '1on1',
  type: 8,
  start_time: '2031-03-04T09:30:00',
  timezone: 'Asia/Tokyo',
  duration: 30,
  recurrence: { type: 2, repeat_interval: 1, weekly_days: '3,5', end_times: 4 },
};

test('a series is created, and GET lists its occurrences', async () => {
  const { user } = await connectedUser(side, zoom);
  const created = await side.client.createMeeting(user, series);
  assert.deepEqual(zoom.schemaErrors, []);
  const fetched = await side.client.getMeeting(user, String(created.id));
  assert.deepEqual(fetched.recurrence, series.recurrence);
  assert.deepEqual(
    fetched.occurrences?.map((o) => o.start_time),
    ['2031-03-04T00:30:00Z', '2031-03-06T00:30:00Z', '2031-03-11T00:30:00Z', '2031-03-13T00:30:00Z'],
  );
});

test('one occurrence moves or goes; the others stay; an unknown one is a validation error', async () => {
  const { user } = await connectedUser(side, zoom);
  const id = String((await side.client.createMeeting(user, series)).id);
  const [first, second] = (await side.client.getMeeting(user, id)).occurrences!;
  await side.client.updateMeeting(
    user,
    id,
    { start_time: '2031-03-06T11:00:00' },
    { occurrenceId: second!.occurrence_id },
  );
  await side.client.deleteMeeting(user, id, { occurrenceId: first!.occurrence_id });
  const patch = zoom.requests
    .filter((r) => r.method === 'PATCH' && r.path.endsWith(`/meetings/${id}`))
    .at(-1);
  assert.equal(patch?.query.occurrence_id, second!.occurrence_id);
  const after = (await side.client.getMeeting(user, id)).occurrences!;
  assert.deepEqual(
    after.map((o) => [o.start_time, o.status]),
    [
      ['2031-03-04T00:30:00Z', 'deleted'],
      ['2031-03-06T02:00:00Z', 'available'],
      ['2031-03-11T00:30:00Z', 'available'],
      ['2031-03-13T00:30:00Z', 'available'],
    ],
  );
  await assert.rejects(side.client.deleteMeeting(user, id, { occurrenceId: '1' }), ZoomValidationError);
  assert.ok(zoom.meetings.has(id), 'the series is still there');
});

test('a PATCH without occurrence_id changes the whole series', async () => {
  const { user } = await connectedUser(side, zoom);
  const id = String((await side.client.createMeeting(user, series)).id);
  await side.client.updateMeeting(user, id, {
    start_time: '2031-03-05T10:00:00',
    recurrence: { type: 2, repeat_interval: 2, weekly_days: '4', end_times: 2 },
  });
  const after = await side.client.getMeeting(user, id);
  assert.deepEqual(
    after.occurrences?.map((o) => o.start_time),
    ['2031-03-05T01:00:00Z', '2031-03-19T01:00:00Z'],
  );
  assert.deepEqual(zoom.schemaErrors, []);
});
