import assert from 'node:assert/strict';
import { after, afterEach, before, test } from 'node:test';
import { createLogger } from '../../src/log.js';
import { NoSchedulingPrivilegeError } from '../../src/scheduling/ports/errors.js';
import { ZoomClient } from '../../src/zoom/client.js';
import {
  ZoomNoAnswerError,
  ZoomNotConnectedError,
  ZoomNotFoundError,
  ZoomRateLimitError,
  ZoomResponseError,
  ZoomUnavailableError,
  ZoomValidationError,
} from '../../src/zoom/errors.js';
import type { MeetingCreateInput } from '../../src/zoom/types.js';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';
import { freePort, startRedis, type TestRedis } from '../support/redis.js';
import { buildZoomSide, connectedUser, type ZoomSide } from './setup.js';

let redis: TestRedis;
let zoom: FakeZoom;
let side: ZoomSide;
before(async () => {
  redis = await startRedis();
  zoom = await startFakeZoom();
  side = buildZoomSide(redis, zoom);
});
afterEach(() => zoom.clearFailures());
after(async () => {
  await zoom.close();
  await redis.stop();
});

const input: MeetingCreateInput = {
  topic: '週次定例 <weekly>',
  type: 2,
  start_time: '2031-03-04T15:00:00',
  timezone: 'Asia/Tokyo',
  duration: 45,
  agenda: 'roadmap',
  settings: { waiting_room: true, auto_recording: 'cloud', join_before_host: false },
};

const calls = (method: string, path: RegExp) =>
  zoom.requests.filter((r) => r.method === method && path.test(r.path)).length;

test('create, get, patch, recording settings, list and delete act on the meeting at Zoom', async () => {
  const { user, zoomUserId } = await connectedUser(side, zoom);
  const created = await side.client.createMeeting(user, input);
  assert.deepEqual(zoom.schemaErrors, []);
  assert.equal(created.start_time, '2031-03-04T06:00:00Z');
  assert.match(created.join_url, /^http/);
  const id = String(created.id);
  assert.equal(zoom.meetings.get(id)?.hostZoomUserId, zoomUserId);

  await side.client.updateMeeting(user, id, { topic: 'moved', start_time: '2031-03-05T10:00:00' });
  await side.client.updateRecordingSettings(user, id, { recording_authentication: true });
  const fetched = await side.client.getMeeting(user, id);
  assert.equal(fetched.topic, 'moved');
  assert.equal(fetched.start_time, '2031-03-05T01:00:00Z');
  assert.equal(zoom.meetings.get(id)?.recordingSettings?.recording_authentication, true);
  assert.deepEqual(
    (await side.client.listUpcomingMeetings(user)).map((m) => m.id),
    [created.id],
  );
  await side.client.deleteMeeting(user, id);
  await assert.rejects(side.client.getMeeting(user, id), ZoomNotFoundError);
  assert.deepEqual(zoom.schemaErrors, []);
});

test('a field Zoom does not know is a ZoomValidationError naming it', async () => {
  const { user } = await connectedUser(side, zoom);
  const bad = {
    ...input,
    settings: { ...input.settings, waitingroom: true },
  } as unknown as MeetingCreateInput;
  await assert.rejects(side.client.createMeeting(user, bad), (err: Error) => {
    assert.ok(err instanceof ZoomValidationError);
    assert.equal(err.code, 300);
    assert.ok(err.fields.some((f) => f.message.includes('waitingroom')));
    return true;
  });
  const created = await side.client.createMeeting(user, input);
  await assert.rejects(
    side.client.updateMeeting(user, String(created.id), { duration: 5000 }),
    (err: Error) => {
      assert.ok(err instanceof ZoomValidationError);
      assert.ok(err.fields.some((f) => f.field === '/duration'));
      return true;
    },
  );
  assert.equal(zoom.meetings.get(String(created.id))?.duration, input.duration);
  zoom.schemaErrors.length = 0;
});

test("another user's meeting is not found", async () => {
  const a = await connectedUser(side, zoom);
  const b = await connectedUser(side, zoom);
  const created = await side.client.createMeeting(a.user, input);
  await assert.rejects(side.client.getMeeting(b.user, String(created.id)), (err: Error) => {
    assert.ok(err instanceof ZoomNotFoundError);
    assert.equal(err.code, 3001);
    return true;
  });
  await assert.rejects(side.client.deleteMeeting(b.user, String(created.id)), ZoomNotFoundError);
  assert.ok(zoom.meetings.has(String(created.id)));
});

test('401 code 124: one refresh, one retry, then the call succeeds with the new token', async () => {
  const { user, zoomUserId, stored } = await connectedUser(side, zoom);
  zoom.expireAccessTokens(zoomUserId);
  const refreshes = zoom.stats.refreshGrants;
  const meetings = await side.client.listUpcomingMeetings(user);
  assert.deepEqual(meetings, []);
  assert.equal(zoom.stats.refreshGrants - refreshes, 1);
  assert.notEqual((await side.tokens.load(user))?.accessToken, stored.accessToken);
});

test('401 again after the refresh: not connected, no loop', async () => {
  const { user } = await connectedUser(side, zoom);
  zoom.failNext(
    { path: /\/users\/me\/meetings$/ },
    { status: 401, body: { code: 124, message: 'Invalid access token.' } },
    5,
  );
  const before = calls('GET', /\/users\/me\/meetings$/);
  const refreshes = zoom.stats.refreshGrants;
  await assert.rejects(side.client.listUpcomingMeetings(user), ZoomNotConnectedError);
  assert.equal(calls('GET', /\/users\/me\/meetings$/) - before, 2);
  assert.equal(zoom.stats.refreshGrants - refreshes, 1);
  zoom.clearFailures();
});

test('429: ZoomRateLimitError with Zoom message and Retry-After in seconds or as a date', async () => {
  const { user } = await connectedUser(side, zoom);
  const message = 'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests';
  zoom.failNext(
    { method: 'POST', path: /meetings$/ },
    { status: 429, body: { code: 429, message }, headers: { 'retry-after': '120' } },
  );
  await assert.rejects(side.client.createMeeting(user, input), (err: Error) => {
    assert.ok(err instanceof ZoomRateLimitError);
    assert.equal(err.message, message);
    assert.equal(err.retryAfterSeconds, 120);
    return true;
  });
  const at = new Date(Date.now() + 3600_000).toUTCString();
  zoom.failNext(
    { method: 'PATCH', path: /^\/v2\/meetings\// },
    { status: 429, body: { code: 429, message }, headers: { 'retry-after': at } },
  );
  await assert.rejects(side.client.updateMeeting(user, '123', { topic: 'x' }), (err: Error) => {
    assert.ok(err instanceof ZoomRateLimitError);
    assert.ok(err.retryAfterSeconds! > 3590 && err.retryAfterSeconds! <= 3600);
    return true;
  });
  zoom.failNext(
    { method: 'GET', path: /meetings$/ },
    { status: 429, body: { code: 429, message: 'Too many requests' } },
  );
  await assert.rejects(side.client.listUpcomingMeetings(user), { retryAfterSeconds: undefined });
});

test('a create that gets a 500 or no answer is never retried', async () => {
  const { user } = await connectedUser(side, zoom);
  const before = calls('POST', /meetings$/);
  zoom.failNext(
    { method: 'POST', path: /meetings$/ },
    { status: 500, body: { code: 500, message: 'Internal error' } },
  );
  await assert.rejects(side.client.createMeeting(user, input), ZoomUnavailableError);
  assert.equal(calls('POST', /meetings$/) - before, 1);

  const slow = new ZoomClient({ ...side.client.options, createTimeoutMs: 100 });
  zoom.failNext({ method: 'POST', path: /meetings$/ }, { status: 201, body: {}, delayMs: 500 });
  await assert.rejects(slow.createMeeting(user, input), (err: Error) => {
    assert.ok(err instanceof ZoomNoAnswerError);
    assert.match(err.message, /did not answer/);
    return true;
  });
  assert.equal(calls('POST', /meetings$/) - before, 2);
});

test('idempotent calls retry 5xx twice: a transient failure succeeds, a lasting one is ZoomUnavailableError', async () => {
  const { user } = await connectedUser(side, zoom);
  const created = await side.client.createMeeting(user, input);
  const path = new RegExp(`/meetings/${created.id}$`);
  zoom.failNext({ method: 'GET', path }, { status: 502, body: '<html>Bad gateway</html>' }, 2);
  assert.equal((await side.client.getMeeting(user, String(created.id))).id, created.id);
  const before = calls('PATCH', path);
  zoom.failNext({ method: 'PATCH', path }, { status: 503, body: { code: 503, message: 'busy' } }, 3);
  await assert.rejects(side.client.updateMeeting(user, String(created.id), { topic: 'x' }), (err: Error) => {
    assert.ok(err instanceof ZoomUnavailableError);
    assert.equal(err.status, 503);
    return true;
  });
  assert.equal(calls('PATCH', path) - before, 3);
  assert.equal(zoom.meetings.get(String(created.id))?.topic, input.topic);
});

test('an answer that is not JSON is a ZoomResponseError', async () => {
  const { user } = await connectedUser(side, zoom);
  zoom.failNext({ method: 'GET', path: /meetings$/ }, { status: 200, body: '<html>login</html>' });
  await assert.rejects(side.client.listUpcomingMeetings(user), ZoomResponseError);
  zoom.failNext({ method: 'POST', path: /meetings$/ }, { status: 201, body: { id: 'nope' } });
  await assert.rejects(side.client.createMeeting(user, input), ZoomResponseError);
});

test('Zoom unreachable: ZoomUnavailableError after bounded retries, no token in the message or the logs', async () => {
  const { user, stored } = await connectedUser(side, zoom);
  const lines: string[] = [];
  const logger = createLogger('debug', (l) => lines.push(l));
  const port = await freePort();
  const down = new ZoomClient({
    apiUrl: `http://127.0.0.1:${port}/v2`,
    tokens: side.tokens,
    retryDelaysMs: [5, 5],
    logger,
  });
  await assert.rejects(down.getMeeting(user, '1'), (err: Error) => {
    assert.ok(err instanceof ZoomUnavailableError);
    assert.match(err.message, /ECONNREFUSED/);
    assert.ok(
      !JSON.stringify({ ...err, message: err.message, stack: err.stack }).includes(stored.accessToken),
    );
    return true;
  });
  assert.equal(lines.length, 2);
  assert.ok(!lines.join('\n').includes(stored.accessToken.split('.')[1]!));
});

test('a user who never connected is not connected, and Zoom is not called', async () => {
  const before = zoom.requests.length;
  await assert.rejects(
    side.client.createMeeting({ teamId: 'T9', userId: 'UNOBODY' }, input),
    ZoomNotConnectedError,
  );
  assert.equal(zoom.requests.length, before);
});

test("scheduling for another user: listed schedulers, POST and GET /users/{id}/meetings, Zoom's 3000 refusal typed", async () => {
  const { user, zoomUserId } = await connectedUser(side, zoom);
  zoom.addUser({ id: 'zu-boss', email: 'boss@example.com' });
  zoom.addUser({ id: 'zu-nobody', email: 'nobody@example.com' });
  assert.deepEqual(await side.client.listSchedulers(user), []);
  zoom.grantSchedulingPrivilege({ host: 'zu-boss', scheduler: zoomUserId });
  assert.deepEqual(await side.client.listSchedulers(user), [{ id: 'zu-boss', email: 'boss@example.com' }]);

  const created = await side.client.createMeeting(user, input, { forZoomUser: 'zu-boss' });
  assert.equal(zoom.meetings.get(String(created.id))?.hostZoomUserId, 'zu-boss');
  assert.equal(created.host_email, 'boss@example.com');
  const listed = await side.client.listUpcomingMeetings(user, 30, { forZoomUser: 'zu-boss' });
  assert.deepEqual(
    listed.map((m) => m.id),
    [created.id],
  );
  assert.equal(calls('GET', /^\/v2\/users\/zu-boss\/meetings$/), 1);

  const refused = await side.client.createMeeting(user, input, { forZoomUser: 'zu-nobody' }).catch((e) => e);
  assert.ok(refused instanceof NoSchedulingPrivilegeError, String(refused));
  assert.equal(refused.code, 3000);
  await assert.rejects(side.client.listUpcomingMeetings(user, 30, { forZoomUser: 'zu-nobody' }));
});
