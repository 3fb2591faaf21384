/**
 * The webhook route on a plain HTTP server with real Redis and the real event handling; Slack and
 * Zoom calls are recorded (the end-to-end file runs the whole bot against the fakes).
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { MAX_WEBHOOK_BODY_BYTES, zoomWebhookRoute } from '../../src/http/zoom-webhook.js';
import { handleZoomEvent } from '../../src/scheduling/meeting-events.js';
import { signZoomWebhook } from '../../src/zoom/webhooks.js';
import { type EventTestDeps, eventDeps, meetingRecord } from '../scheduling/support/event-deps.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { type ZoomWebhookSender, zoomEvents, zoomWebhookSender } from '../support/zoom-webhook-signing.js';

const SECRET = 'zoom-webhook-secret-for-tests';
const ID = '85012345678';

let redis: TestRedis;
let server: Server;
let deps: EventTestDeps;
/** The route's accept() as a stand-in queue: handled after the answer, awaited by deliver(). */
const background = new Set<Promise<unknown>>();
let zoom: ZoomWebhookSender;

before(async () => {
  redis = await startRedis();
  server = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/zoom/webhook') {
      zoomWebhookRoute({
        secretToken: SECRET,
        logger: deps.logger,
        accept: async (event, key) => {
          const work = handleZoomEvent(deps, event, key).catch(() => undefined);
          background.add(work);
          void work.then(() => background.delete(work));
        },
      }).handler(req, res);
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  zoom = zoomWebhookSender(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, SECRET);
});
after(async () => {
  await new Promise((resolve) => server.close(resolve));
  await redis.stop();
});
beforeEach(async () => {
  deps = eventDeps(redis);
  await deps.meetings.save(meetingRecord({ meetingId: ID }));
});

/** Sends, then waits for the work started after the answer. */
async function deliver(body: unknown, opts?: Parameters<ZoomWebhookSender['send']>[1]) {
  const res = await zoom.send(body, opts);
  await Promise.all([...background]);
  return res;
}

const snapshot = async () => {
  const keys = await deps.allKeys();
  return Promise.all(keys.map(async (k) => [k, await deps.redis.dump(k)]));
};

describe('POST /zoom/webhook', () => {
  test('url_validation, correctly signed: answers the HMAC of plainToken', async () => {
    const res = await deliver(zoomEvents.urlValidation('qgg8vlvZRS6UYooatFL8Aw'));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/json/);
    assert.deepEqual(await res.json(), {
      plainToken: 'qgg8vlvZRS6UYooatFL8Aw',
      encryptedToken: createHmac('sha256', SECRET).update('qgg8vlvZRS6UYooatFL8Aw').digest('hex'),
    });
  });

  test('url_validation with a bad signature gets no answer (it would sign anything)', async () => {
    const res = await deliver(zoomEvents.urlValidation('v0:1:{"event":"app_deauthorized"}'), {
      secret: 'guess',
    });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'invalid signature' });
  });

  test('a bad signature, a wrong secret, a tampered body, missing headers: 401 and nothing changes', async () => {
    const before = await snapshot();
    const body = zoomEvents.deleted(ID);
    const ts = Math.floor(Date.now() / 1000);
    const harmless = JSON.stringify({ event: 'meeting.participant_joined', payload: {} });
    const attempts = [
      { signature: `v0=${'0'.repeat(64)}` },
      { secret: 'not-the-secret' },
      // A signature Zoom made for another body, sent with this one.
      { signature: signZoomWebhook(SECRET, ts, harmless) },
      { signature: '' },
    ];
    for (const opts of attempts) {
      const res = await deliver(body, { timestamp: ts, ...opts });
      assert.equal(res.status, 401, JSON.stringify(opts));
    }
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual(deps.announced, []);
  });

  test('a correctly signed delivery older than 5 minutes: 401 and nothing changes', async () => {
    const before = await snapshot();
    const res = await deliver(zoomEvents.deleted(ID), { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 });
    assert.equal(res.status, 401);
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual(deps.announced, []);
  });

  test('answers before the work is done, then does it', async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const refresh = deps.announcer.refresh.bind(deps.announcer);
    deps.announcer.refresh = async (record) => {
      await gate;
      await refresh(record);
    };
    const res = await zoom.send(zoomEvents.deleted(ID));
    assert.equal(res.status, 200);
    assert.equal(deps.announced.length, 0, 'answered while the Slack update is still pending');
    release();
    await Promise.all([...background]);
    assert.equal((await deps.meetings.get(ID))?.status, 'cancelled');
    assert.deepEqual(
      deps.announced.map((a) => a.call),
      ['refresh'],
    );
  });

  test('a replayed delivery (same body, new timestamp) changes nothing twice', async () => {
    const body = zoomEvents.updated(
      ID,
      { start_time: '2026-11-30T05:00:00Z' },
      { start_time: '2026-11-29T06:00:00Z' },
    );
    assert.equal((await deliver(body)).status, 200);
    assert.equal((await deliver(body, { timestamp: Math.floor(Date.now() / 1000) + 1 })).status, 200);
    assert.deepEqual(
      deps.announced.map((a) => (a.call === 'threadReply' ? a.note.kind : a.call)),
      ['refresh', 'moved'],
    );
  });

  test('unknown events and unknown meetings: 200, nothing written, nothing announced', async () => {
    const before = await snapshot();
    for (const body of [
      { event: 'meeting.participant_joined', event_ts: 1, payload: { object: { id: ID, participant: {} } } },
      zoomEvents.started('99999999999', '2026-11-29T06:01:10Z'),
      zoomEvents.deauthorized('zu-nobody'),
    ]) {
      const res = await deliver(body);
      assert.equal(res.status, 200);
    }
    assert.deepEqual(await snapshot(), before);
    assert.deepEqual(deps.announced, []);
  });

  test('a signed body that is not JSON: 400', async () => {
    const res = await deliver(null, { rawBody: '{"event":' });
    assert.equal(res.status, 400);
    assert.deepEqual(await res.json(), { error: 'body is not JSON' });
  });

  test('a body over the limit: 413 without reading it all', async () => {
    const big = `{"event":"x","pad":"${'a'.repeat(MAX_WEBHOOK_BODY_BYTES)}"}`;
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        zoom.url,
        { method: 'POST', headers: { 'content-type': 'application/json' } },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      // Streamed without a content-length, so the limit is enforced while reading.
      req.write(big.slice(0, 100_000));
      req.end(big.slice(100_000));
    });
    assert.equal(status, 413);
    const declared = await zoom.send(null, { rawBody: big });
    assert.equal(declared.status, 413);
  });
});
