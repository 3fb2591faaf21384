import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, test } from 'node:test';
import {
  parseZoomWebhook,
  signZoomWebhook,
  urlValidationAnswer,
  verifyZoomSignature,
} from '../../src/zoom/webhooks.js';

const SECRET = 'whsec-test-1234567890';
const NOW_MS = Date.UTC(2026, 10, 28, 12, 0, 0);
const NOW_S = Math.floor(NOW_MS / 1000);
const BODY = '{"event":"meeting.started","payload":{"account_id":"acc","object":{"id":"85012345678"}}}';

const check = (over: Partial<Parameters<typeof verifyZoomSignature>[0]> = {}) =>
  verifyZoomSignature({
    secret: SECRET,
    timestamp: String(NOW_S),
    signature: signZoomWebhook(SECRET, NOW_S, BODY),
    rawBody: Buffer.from(BODY),
    nowMs: NOW_MS,
    ...over,
  });

describe('webhook signature (v0)', () => {
  test('matches the published formula v0=hex(HMAC_SHA256(secret, "v0:{ts}:{body}"))', () => {
    const expected = `v0=${createHmac('sha256', SECRET).update(`v0:${NOW_S}:${BODY}`).digest('hex')}`;
    assert.equal(signZoomWebhook(SECRET, NOW_S, BODY), expected);
    assert.equal(signZoomWebhook(SECRET, String(NOW_S), Buffer.from(BODY)), expected);
  });

  test('a correctly signed, fresh delivery passes', () => {
    assert.deepEqual(check(), { ok: true });
  });

  test('signs the raw bytes: a multi-byte body verifies only byte for byte', () => {
    const body = '{"event":"meeting.updated","payload":{"object":{"id":1,"topic":"週次定例 ☕"}}}';
    const signature = signZoomWebhook(SECRET, NOW_S, body);
    assert.deepEqual(check({ rawBody: Buffer.from(body), signature }), { ok: true });
    const reencoded = Buffer.from(JSON.stringify(JSON.parse(body)).replace('週', '\\u9031'));
    assert.deepEqual(check({ rawBody: reencoded, signature }), { ok: false, reason: 'mismatch' });
  });

  test('a tampered body is refused', () => {
    const tampered = Buffer.from(BODY.replace('85012345678', '85012345679'));
    assert.deepEqual(check({ rawBody: tampered }), { ok: false, reason: 'mismatch' });
  });

  test('a signature made with another secret is refused', () => {
    assert.deepEqual(check({ signature: signZoomWebhook('other-secret', NOW_S, BODY) }), {
      ok: false,
      reason: 'mismatch',
    });
  });

  test('the timestamp is part of what is signed', () => {
    const ts = NOW_S - 10;
    assert.deepEqual(check({ timestamp: String(ts) }), { ok: false, reason: 'mismatch' });
    assert.deepEqual(check({ timestamp: String(ts), signature: signZoomWebhook(SECRET, ts, BODY) }), {
      ok: true,
    });
  });

  test('older than 5 minutes is stale, even when correctly signed', () => {
    const ts = NOW_S - 301;
    assert.deepEqual(check({ timestamp: String(ts), signature: signZoomWebhook(SECRET, ts, BODY) }), {
      ok: false,
      reason: 'stale',
    });
    const edge = NOW_S - 300;
    assert.deepEqual(check({ timestamp: String(edge), signature: signZoomWebhook(SECRET, edge, BODY) }), {
      ok: true,
    });
  });

  test('more than 5 minutes in the future is refused', () => {
    const ts = NOW_S + 301;
    assert.deepEqual(check({ timestamp: String(ts), signature: signZoomWebhook(SECRET, ts, BODY) }), {
      ok: false,
      reason: 'future',
    });
  });

  test('a millisecond timestamp is read as milliseconds', () => {
    const ms = String(NOW_MS - 1000);
    assert.deepEqual(check({ timestamp: ms, signature: signZoomWebhook(SECRET, ms, BODY) }), { ok: true });
    const staleMs = String(NOW_MS - 301_000);
    assert.deepEqual(check({ timestamp: staleMs, signature: signZoomWebhook(SECRET, staleMs, BODY) }), {
      ok: false,
      reason: 'stale',
    });
  });

  test('missing or malformed headers are refused without computing anything', () => {
    assert.deepEqual(check({ signature: undefined }), { ok: false, reason: 'missing' });
    assert.deepEqual(check({ timestamp: undefined }), { ok: false, reason: 'missing' });
    assert.deepEqual(check({ timestamp: '12ab' }), { ok: false, reason: 'malformed' });
    assert.deepEqual(check({ signature: 'v1=abc' }), { ok: false, reason: 'malformed' });
    const upper = signZoomWebhook(SECRET, NOW_S, BODY).toUpperCase().replace('V0=', 'v0=');
    assert.deepEqual(check({ signature: upper }), { ok: false, reason: 'malformed' });
  });
});

describe('endpoint.url_validation', () => {
  test('answers plainToken with encryptedToken = hex(HMAC_SHA256(secret, plainToken))', () => {
    const plainToken = 'qgg8vlvZRS6UYooatFL8Aw';
    assert.deepEqual(urlValidationAnswer(SECRET, plainToken), {
      plainToken,
      encryptedToken: createHmac('sha256', SECRET).update(plainToken).digest('hex'),
    });
  });

  test('is parsed as its own event; without a plainToken it is malformed', () => {
    assert.deepEqual(parseZoomWebhook({ event: 'endpoint.url_validation', payload: { plainToken: 'abc' } }), {
      kind: 'url_validation',
      plainToken: 'abc',
    });
    assert.deepEqual(parseZoomWebhook({ event: 'endpoint.url_validation', payload: {} }), {
      kind: 'ignored',
      event: 'endpoint.url_validation',
      reason: 'malformed',
    });
  });
});
