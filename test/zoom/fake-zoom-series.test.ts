// The fake Zoom holds recurring meetings (type 8) and the scheduling privilege the way Zoom documents
// them; the bot's series and "schedule for" tests rely on that, so it is checked here.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';

let zoom: FakeZoom;
let host: string;
let scheduler: string;
let stranger: string;
before(async () => {
  zoom = await startFakeZoom();
  zoom.addUser({ id: 'zu-host', email: 'host@example.com' });
  zoom.addUser({ id: 'zu-assistant', email: 'assistant@example.com' });
  zoom.addUser({ id: 'zu-other', email: 'other@example.com' });
  host = zoom.issueTokens('zu-host').accessToken;
  scheduler = zoom.issueTokens('zu-assistant').accessToken;
  stranger = zoom.issueTokens('zu-other').accessToken;
});
after(() => zoom.close());

/** The fields these tests read from Zoom's answers. */
interface Answer {
  id: number;
  code: number;
  message: string;
  start_time: string;
  duration: number;
  host_id: string;
  recurrence: unknown;
  schedulers: { id: string; email: string; pmi: number }[];
  occurrences: { occurrence_id: string; start_time: string; duration: number; status: string }[];
}

async function call(method: string, path: string, token: string, body?: unknown) {
  const res = await fetch(`${zoom.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as Answer };
}

const series = (recurrence: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  topic: '定例',
  type: 8,
  start_time: '2030-01-08T09:30:00',
  timezone: 'Asia/Tokyo',
  duration: 30,
  recurrence,
  ...extra,
});

const starts = (body: Answer) => body.occurrences.map((o) => o.start_time);

describe('type 8 meetings', () => {
  test('a weekly series on several days lists its occurrences on create and on GET', async () => {
    const created = await call(
      'POST',
      '/users/me/meetings',
      host,
      series({ type: 2, repeat_interval: 1, weekly_days: '3,5', end_times: 4 }),
    );
    assert.equal(created.status, 201);
    const expected = [
      '2030-01-08T00:30:00Z',
      '2030-01-10T00:30:00Z',
      '2030-01-15T00:30:00Z',
      '2030-01-17T00:30:00Z',
    ];
    assert.deepEqual(starts(created.body), expected);
    assert.deepEqual(created.body.occurrences[0], {
      occurrence_id: String(Date.parse('2030-01-08T00:30:00Z')),
      start_time: '2030-01-08T00:30:00Z',
      duration: 30,
      status: 'available',
    });
    assert.equal(created.body.start_time, '2030-01-08T00:30:00Z');
    assert.deepEqual(created.body.recurrence, {
      type: 2,
      repeat_interval: 1,
      weekly_days: '3,5',
      end_times: 4,
    });
    const read = await call('GET', `/meetings/${created.body.id}`, host);
    assert.deepEqual(starts(read.body), expected);
  });

  test('the wall time holds across a DST change; the last Friday is the last one of each month', async () => {
    const daily = await call(
      'POST',
      '/users/me/meetings',
      host,
      series(
        { type: 1, repeat_interval: 1, end_times: 3 },
        { start_time: '2030-03-08T10:00:00', timezone: 'America/New_York' },
      ),
    );
    assert.deepEqual(starts(daily.body), [
      '2030-03-08T15:00:00Z',
      '2030-03-09T15:00:00Z',
      '2030-03-10T14:00:00Z',
    ]);
    const monthly = await call(
      'POST',
      '/users/me/meetings',
      host,
      series(
        {
          type: 3,
          repeat_interval: 1,
          monthly_week: -1,
          monthly_week_day: 6,
          end_date_time: '2030-03-31T14:59:00Z',
        },
        { start_time: '2030-01-01T17:00:00' },
      ),
    );
    assert.deepEqual(starts(monthly.body), [
      '2030-01-25T08:00:00Z',
      '2030-02-22T08:00:00Z',
      '2030-03-29T08:00:00Z',
    ]);
  });

  test('Zoom refuses what it documents as invalid, and nothing is created', async () => {
    const refused: Record<string, unknown>[] = [
      { type: 2, repeat_interval: 1, weekly_days: '2', end_times: 3, end_date_time: '2030-02-01T00:00:00Z' },
      { type: 2, repeat_interval: 51, weekly_days: '2' },
      { type: 1, repeat_interval: 100 },
      { type: 3, repeat_interval: 11, monthly_day: 1 },
      { type: 1, repeat_interval: 0 },
      { type: 2, repeat_interval: 1, weekly_days: '8' },
      { type: 2, repeat_interval: 1, weekly_days: '3,3' },
      { type: 2, repeat_interval: 1 },
      { type: 2, repeat_interval: 1, weekly_days: '2', end_times: 61 },
      { type: 3, repeat_interval: 1, monthly_day: 32 },
      { type: 3, repeat_interval: 1, monthly_day: 1, monthly_week: 1, monthly_week_day: 2 },
      { type: 1, repeat_interval: 1, monthly_day: 1 },
      { type: 1, repeat_interval: 1, end_date_time: '2030-02-01T09:00:00' },
    ];
    const before = zoom.meetings.size;
    for (const recurrence of refused) {
      const answer = await call('POST', '/users/me/meetings', host, series(recurrence));
      assert.equal(answer.status, 400, JSON.stringify(recurrence));
      assert.equal(answer.body.code, 300, JSON.stringify(recurrence));
    }
    const noRecurrence = await call('POST', '/users/me/meetings', host, {
      ...series({}),
      recurrence: undefined,
    });
    assert.equal(noRecurrence.status, 400);
    const onOneOff = await call('POST', '/users/me/meetings', host, { ...series({ type: 1 }), type: 2 });
    assert.equal(onOneOff.status, 400);
    assert.equal(zoom.meetings.size, before);
    zoom.schemaErrors.length = 0;
  });

  test("one occurrence is moved, read and removed by occurrence_id; an unknown one is Zoom's 300", async () => {
    const created = await call(
      'POST',
      '/users/me/meetings',
      host,
      series({ type: 1, repeat_interval: 1, end_times: 3 }),
    );
    const id = created.body.id as number;
    const [first, second, third] = created.body.occurrences as { occurrence_id: string }[];
    const moved = await call('PATCH', `/meetings/${id}?occurrence_id=${second!.occurrence_id}`, host, {
      start_time: '2030-01-09T11:00:00',
      duration: 45,
    });
    assert.equal(moved.status, 204);
    const one = await call('GET', `/meetings/${id}?occurrence_id=${second!.occurrence_id}`, host);
    assert.equal(one.body.start_time, '2030-01-09T02:00:00Z');
    assert.equal(one.body.duration, 45);
    const topic = await call('PATCH', `/meetings/${id}?occurrence_id=${third!.occurrence_id}`, host, {
      topic: 'x',
    });
    assert.equal(topic.status, 400);
    assert.equal(
      (await call('DELETE', `/meetings/${id}?occurrence_id=${first!.occurrence_id}`, host)).status,
      204,
    );
    const after = await call('GET', `/meetings/${id}`, host);
    assert.deepEqual(
      (after.body.occurrences as { status: string; start_time: string }[]).map((o) => [
        o.start_time,
        o.status,
      ]),
      [
        ['2030-01-08T00:30:00Z', 'deleted'],
        ['2030-01-09T02:00:00Z', 'available'],
        ['2030-01-10T00:30:00Z', 'available'],
      ],
    );
    const invalid = { code: 300, message: 'Invalid parameter: `occurrence_id`.' };
    for (const [method, occurrence] of [
      ['DELETE', first!.occurrence_id],
      ['DELETE', '123'],
      ['GET', '123'],
    ] as const) {
      const answer = await call(method, `/meetings/${id}?occurrence_id=${occurrence}`, host);
      assert.deepEqual([answer.status, answer.body], [400, invalid]);
    }
    const patchUnknown = await call('PATCH', `/meetings/${id}?occurrence_id=123`, host, { duration: 10 });
    assert.deepEqual([patchUnknown.status, patchUnknown.body], [400, invalid]);
    zoom.schemaErrors.length = 0;
  });

  test('a PATCH of the series changes its occurrences; a refused one changes nothing', async () => {
    const created = await call(
      'POST',
      '/users/me/meetings',
      host,
      series({ type: 1, repeat_interval: 1, end_times: 2 }),
    );
    const id = created.body.id as number;
    const bad = await call('PATCH', `/meetings/${id}`, host, {
      recurrence: {
        type: 2,
        repeat_interval: 1,
        weekly_days: '2',
        end_times: 2,
        end_date_time: '2030-05-01T00:00:00Z',
      },
    });
    assert.equal(bad.status, 400);
    assert.deepEqual(starts((await call('GET', `/meetings/${id}`, host)).body), starts(created.body));
    const weekly = await call('PATCH', `/meetings/${id}`, host, {
      start_time: '2030-01-14T10:00:00',
      recurrence: { type: 2, repeat_interval: 2, weekly_days: '2', end_times: 3 },
    });
    assert.equal(weekly.status, 204);
    assert.deepEqual(starts((await call('GET', `/meetings/${id}`, host)).body), [
      '2030-01-14T01:00:00Z',
      '2030-01-28T01:00:00Z',
      '2030-02-11T01:00:00Z',
    ]);
    zoom.schemaErrors.length = 0;
  });

  test('past occurrences are listed only with show_previous_occurrences=true', async () => {
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 19);
    const created = await call(
      'POST',
      '/users/me/meetings',
      host,
      series({ type: 1, repeat_interval: 1, end_times: 3 }, { start_time: yesterday, timezone: 'UTC' }),
    );
    assert.equal(created.body.occurrences.length, 3);
    const upcoming = await call('GET', `/meetings/${created.body.id}`, host);
    assert.equal(upcoming.body.occurrences.length, 2);
    const all = await call('GET', `/meetings/${created.body.id}?show_previous_occurrences=true`, host);
    assert.equal(all.body.occurrences.length, 3);
  });
});

describe('scheduling for someone else', () => {
  test('GET /users/me/schedulers lists the users who gave the caller the privilege', async () => {
    assert.deepEqual((await call('GET', '/users/me/schedulers', scheduler)).body, { schedulers: [] });
    zoom.grantSchedulingPrivilege({ host: 'zu-host', scheduler: 'zu-assistant' });
    const listed = await call('GET', '/users/me/schedulers', scheduler);
    assert.equal(listed.status, 200);
    assert.deepEqual(
      (listed.body.schedulers as { id: string; email: string; pmi: number }[]).map((s) => [
        s.id,
        s.email,
        typeof s.pmi,
      ]),
      [['zu-host', 'host@example.com', 'number']],
    );
    assert.deepEqual((await call('GET', '/users/me/schedulers', host)).body, { schedulers: [] });
  });

  test('a scheduler creates for the host (by id or email) and manages that meeting; others are refused', async () => {
    zoom.grantSchedulingPrivilege({ host: 'zu-host', scheduler: 'zu-assistant' });
    const oneOff = {
      topic: '1on1',
      type: 2,
      start_time: '2030-01-08T15:00:00',
      timezone: 'Asia/Tokyo',
      duration: 30,
    };
    const created = await call('POST', '/users/zu-host/meetings', scheduler, oneOff);
    assert.equal(created.status, 201);
    assert.equal(created.body.host_id, 'zu-host');
    assert.equal(
      (await call('POST', '/users/host@example.com/meetings', scheduler, oneOff)).body.host_id,
      'zu-host',
    );
    const id = created.body.id as number;
    assert.equal((await call('PATCH', `/meetings/${id}`, scheduler, { duration: 45 })).status, 204);
    assert.equal((await call('GET', `/meetings/${id}`, host)).body.duration, 45);
    assert.equal((await call('GET', `/meetings/${id}`, stranger)).status, 404);

    const refused = await call('POST', '/users/zu-other/meetings', scheduler, oneOff);
    assert.deepEqual(
      [refused.status, refused.body],
      [400, { code: 3000, message: 'You cannot schedule a meeting for zu-other' }],
    );
    const viaBody = await call('POST', '/users/me/meetings', scheduler, {
      ...oneOff,
      schedule_for: 'other@example.com',
    });
    assert.deepEqual([viaBody.status, viaBody.body.code], [400, 3000]);
    const unknown = await call('POST', '/users/nobody@example.com/meetings', scheduler, oneOff);
    assert.deepEqual([unknown.status, unknown.body.code], [404, 1001]);

    zoom.revokeSchedulingPrivilege({ host: 'zu-host', scheduler: 'zu-assistant' });
    assert.equal((await call('POST', '/users/zu-host/meetings', scheduler, oneOff)).status, 400);
    assert.equal((await call('GET', `/meetings/${id}`, scheduler)).status, 404);
  });
});
