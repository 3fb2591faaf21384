import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { ZoomConnections } from '../../src/zoom/connections.js';
import { OAuthStateError, ZoomError, ZoomUnavailableError } from '../../src/zoom/errors.js';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { buildZoomSide, connectedUser, dump, REDIRECT_URL, type ZoomSide } from './setup.js';

let redis: TestRedis;
let zoom: FakeZoom;
before(async () => {
  redis = await startRedis();
  zoom = await startFakeZoom();
  zoom.addUser({ id: 'zoom-alice', email: 'alice@example.com' });
  zoom.addUser({ id: 'zoom-bob', email: 'bob@example.com' });
});
after(async () => {
  await zoom.close();
  await redis.stop();
});

const alice = { teamId: 'T1', userId: 'UALICE' };

/** The browser part: the user opens the authorize URL and consents as `login`; returns Zoom's redirect. */
async function consent(authorizeUrl: string, login: string): Promise<URL> {
  const res = await fetch(`${authorizeUrl}&login=${encodeURIComponent(login)}`, { redirect: 'manual' });
  assert.equal(res.status, 302);
  return new URL(res.headers.get('location')!);
}

async function stateCount(side: ZoomSide): Promise<number> {
  return (await side.redis.keys(`${side.prefix}oauth-state:*`)).length;
}

test('connect: authorize URL with state and PKCE S256, code exchange, users/me, tokens stored', async () => {
  const side = buildZoomSide(redis, zoom, { slackEmails: { UALICE: 'Alice@Example.com' } });
  const url = new URL(await side.connections.startConnect(alice));
  assert.equal(url.origin + url.pathname, `${zoom.oauthUrl}/oauth/authorize`);
  const q = url.searchParams;
  assert.equal(q.get('response_type'), 'code');
  assert.equal(q.get('client_id'), zoom.clientId);
  assert.equal(q.get('redirect_uri'), REDIRECT_URL);
  assert.equal(q.get('code_challenge_method'), 'S256');
  assert.match(q.get('code_challenge')!, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(q.get('state')!.length >= 32);

  const ttl = await side.redis.ttl(side.keys.oauthState(q.get('state')!));
  assert.ok(ttl > 590 && ttl <= 600);
  const dumped = await dump(side.redis, side.prefix);
  assert.ok(!dumped.includes(alice.userId), 'pending state is sealed');

  const back = await consent(url.toString(), 'zoom-alice');
  assert.equal(back.origin + back.pathname, REDIRECT_URL);
  const done = await side.connections.completeConnect(
    back.searchParams.get('state')!,
    back.searchParams.get('code')!,
  );
  assert.deepEqual(done, { outcome: 'connected', user: alice, zoomEmail: 'alice@example.com' });
  const stored = (await side.tokens.load(alice))!;
  assert.equal(stored.zoomUserId, 'zoom-alice');
  assert.ok(stored.expiresAt > Date.now() + 3500_000);
  assert.deepEqual(await side.tokens.slackUsersForZoomUser('zoom-alice'), [alice]);
  const exchange = zoom.requests.filter((r) => r.path === '/oauth/token').at(-1)!;
  const body = exchange.body as Record<string, string>;
  assert.equal(body.grant_type, 'authorization_code');
  assert.equal(body.redirect_uri, REDIRECT_URL);
  assert.equal(createHash('sha256').update(body.code_verifier!).digest('base64url'), q.get('code_challenge'));
  assert.equal(await stateCount(side), 0);
  assert.equal((await side.client.listUpcomingMeetings(alice)).length, 0);
});

test('a state works once: the second callback is refused and nothing changes', async () => {
  const side = buildZoomSide(redis, zoom);
  const back = await consent(await side.connections.startConnect(alice), 'zoom-alice');
  const state = back.searchParams.get('state')!;
  await side.connections.completeConnect(state, back.searchParams.get('code')!);
  const stored = await side.tokens.load(alice);
  const grants = zoom.stats.codeGrants;
  await assert.rejects(
    side.connections.completeConnect(state, back.searchParams.get('code')!),
    (err: Error) => {
      assert.ok(err instanceof OAuthStateError);
      assert.equal(err.reason, 'unknown_or_expired');
      return true;
    },
  );
  assert.equal(zoom.stats.codeGrants, grants);
  assert.deepEqual(await side.tokens.load(alice), stored);
});

test('an unknown, missing or expired state is refused and nothing is stored', async () => {
  const side = buildZoomSide(redis, zoom);
  await assert.rejects(side.connections.completeConnect('', 'code'), {
    name: 'OAuthStateError',
    reason: 'missing',
  });
  await assert.rejects(side.connections.completeConnect('made-up-state', 'code'), {
    reason: 'unknown_or_expired',
  });
  const expiring = new ZoomConnections({ ...side.connections.options, stateTtlSeconds: 1 });
  const back = await consent(await expiring.startConnect(alice), 'zoom-alice');
  await new Promise((r) => setTimeout(r, 1100));
  const grants = zoom.stats.codeGrants;
  await assert.rejects(
    expiring.completeConnect(back.searchParams.get('state')!, back.searchParams.get('code')!),
    OAuthStateError,
  );
  assert.equal(zoom.stats.codeGrants, grants);
  assert.equal(await side.tokens.load(alice), null);
});

test('a state sealed under a key no longer configured is refused as unknown', async () => {
  const side = buildZoomSide(redis, zoom);
  const back = await consent(await side.connections.startConnect(alice), 'zoom-alice');
  const other = buildZoomSide(redis, zoom, { prefix: side.prefix });
  await assert.rejects(
    other.connections.completeConnect(back.searchParams.get('state')!, back.searchParams.get('code')!),
    { reason: 'unknown_or_expired' },
  );
  assert.equal(await side.tokens.load(alice), null);
});

test('a code Zoom refuses is a ZoomError and nothing is stored', async () => {
  const side = buildZoomSide(redis, zoom);
  const url = await side.connections.startConnect(alice);
  const state = new URL(url).searchParams.get('state')!;
  await assert.rejects(side.connections.completeConnect(state, 'not-a-code'), (err: Error) => {
    assert.ok(err instanceof ZoomError);
    assert.match(err.message, /invalid_grant/);
    return true;
  });
  assert.equal(await side.tokens.load(alice), null);
});

test('users/me failing after the code exchange: nothing stored and the new pair is revoked', async () => {
  const side = buildZoomSide(redis, zoom);
  const back = await consent(await side.connections.startConnect(alice), 'zoom-alice');
  zoom.failNext(
    { method: 'GET', path: /^\/v2\/users\/me$/ },
    { status: 500, body: { code: 500, message: 'oops' } },
  );
  const revokes = zoom.stats.revokes;
  await assert.rejects(
    side.connections.completeConnect(back.searchParams.get('state')!, back.searchParams.get('code')!),
    ZoomUnavailableError,
  );
  assert.equal(zoom.stats.revokes - revokes, 1);
  assert.equal(await side.tokens.load(alice), null);
  assert.deepEqual(await side.tokens.slackUsersForZoomUser('zoom-alice'), []);
});

test('a user who refuses at Zoom comes back with an error and a state that is still unused', async () => {
  const side = buildZoomSide(redis, zoom);
  const back = await consent(await side.connections.startConnect(alice), 'deny');
  assert.equal(back.searchParams.get('error'), 'access_denied');
  assert.equal(back.searchParams.get('code'), null);
  assert.equal(await stateCount(side), 1);
});

test('disconnect revokes at Zoom and deletes; the old token no longer works at Zoom', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user, zoomUserId, stored } = await connectedUser(side, zoom);
  const revokes = zoom.stats.revokes;
  assert.equal(await side.connections.disconnect(user), true);
  assert.equal(zoom.stats.revokes - revokes, 1);
  const revoke = zoom.requests.filter((r) => r.path === '/oauth/revoke').at(-1)!;
  assert.equal((revoke.body as Record<string, string>).token, stored.refreshToken);
  assert.equal(await side.tokens.load(user), null);
  assert.deepEqual(await side.tokens.slackUsersForZoomUser(zoomUserId), []);
  const res = await fetch(`${zoom.apiUrl}/users/me`, {
    headers: { authorization: `Bearer ${stored.accessToken}` },
  });
  assert.equal(res.status, 401);
  assert.equal(await side.connections.disconnect(user), false);
});

test('disconnect still deletes when Zoom cannot revoke', async () => {
  const side = buildZoomSide(redis, zoom);
  const { user } = await connectedUser(side, zoom);
  zoom.failNext({ path: /^\/oauth\/revoke$/ }, { status: 503, body: 'down' }, 2);
  assert.equal(await side.connections.disconnect(user), true);
  assert.equal(await side.tokens.load(user), null);
});

test('a sign-in with another email is held sealed; past its deadline the sweep revokes it, retrying when Zoom fails', async () => {
  const side = buildZoomSide(redis, zoom, { slackEmails: { UALICE: 'alice@example.com' } });
  const back = await consent(await side.connections.startConnect(alice), 'zoom-bob');
  const done = await side.connections.completeConnect(
    back.searchParams.get('state')!,
    back.searchParams.get('code')!,
  );
  assert.equal(done.outcome, 'pending');
  assert.equal(await side.tokens.load(alice), null);
  const dumped = await dump(side.redis, side.prefix);
  assert.ok(!dumped.includes('bob@example.com'), 'the pending pair is sealed');
  const expiresAt = done.outcome === 'pending' ? done.expiresAt : 0;
  assert.deepEqual(await side.connections.sweepExpiredLinks(expiresAt - 1000), { revoked: 0, failed: 0 });

  // Zoom's revoke endpoint is down: the pair stays, claimed for a minute, then is retried.
  zoom.failNext({ method: 'POST', path: /^\/oauth\/revoke$/ }, { status: 503, body: 'down' }, 2);
  assert.deepEqual(await side.connections.sweepExpiredLinks(expiresAt + 1), { revoked: 0, failed: 1 });
  assert.deepEqual(await side.connections.sweepExpiredLinks(expiresAt + 2), { revoked: 0, failed: 0 });
  const revokes = zoom.stats.revokes;
  assert.deepEqual(await side.connections.sweepExpiredLinks(expiresAt + 61_000), { revoked: 1, failed: 0 });
  assert.equal(zoom.stats.revokes, revokes + 1);
  assert.deepEqual(await side.redis.keys(`${side.prefix}*pending-link*`), []);
  assert.equal(await side.connections.pendingLink(alice), null);
});
