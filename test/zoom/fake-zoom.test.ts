// The fake Zoom refuses what real Zoom refuses; other tests rely on that, so it is checked here.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { type FakeZoom, startFakeZoom } from '../support/fake-zoom.js';

let zoom: FakeZoom;
before(async () => {
  zoom = await startFakeZoom({ clientId: 'cid', clientSecret: 'csecret' });
  zoom.addUser({ id: 'zu1', email: 'one@example.com' });
});
after(() => zoom.close());

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const redirect = 'https://bot.example.com/cb';

async function token(form: Record<string, string>, auth = basic('cid', 'csecret')) {
  const res = await fetch(`${zoom.oauthUrl}/oauth/token`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function code(verifier: string): Promise<string> {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: 'cid',
    redirect_uri: redirect,
    state: 's1',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    login: 'zu1',
  });
  const res = await fetch(`${zoom.oauthUrl}/oauth/authorize?${q}`, { redirect: 'manual' });
  assert.equal(res.status, 302);
  const back = new URL(res.headers.get('location')!);
  assert.equal(back.searchParams.get('state'), 's1');
  return back.searchParams.get('code')!;
}

test('the token endpoint checks Basic auth, the PKCE verifier, redirect_uri, and uses a code once', async () => {
  const verifier = randomBytes(32).toString('base64url');
  const grant = { grant_type: 'authorization_code', redirect_uri: redirect, code_verifier: verifier };
  assert.equal((await token({ ...grant, code: await code(verifier) }, basic('cid', 'wrong'))).status, 401);
  assert.equal(
    (await token({ ...grant, code: await code(verifier), code_verifier: 'x'.repeat(43) })).status,
    400,
  );
  assert.equal(
    (await token({ ...grant, code: await code(verifier), redirect_uri: 'https://evil.example' })).status,
    400,
  );
  const good = await code(verifier);
  const first = await token({ ...grant, code: good });
  assert.equal(first.status, 200);
  assert.equal(first.body.token_type, 'bearer');
  assert.equal(first.body.expires_in, 3600);
  assert.deepEqual(await token({ ...grant, code: good }), {
    status: 400,
    body: { reason: 'Invalid authorization code', error: 'invalid_grant' },
  });
});

test('a refresh rotates the pair and the old refresh token is dead at once', async () => {
  const pair = zoom.issueTokens('zu1');
  const first = await token({ grant_type: 'refresh_token', refresh_token: pair.refreshToken });
  assert.equal(first.status, 200);
  assert.notEqual(first.body.refresh_token, pair.refreshToken);
  assert.deepEqual(await token({ grant_type: 'refresh_token', refresh_token: pair.refreshToken }), {
    status: 400,
    body: { reason: 'Invalid Token!', error: 'invalid_grant' },
  });
  const me = await fetch(`${zoom.apiUrl}/users/me`, {
    headers: { authorization: `Bearer ${first.body.access_token}` },
  });
  assert.equal(((await me.json()) as { id: string }).id, 'zu1');
});

test('meeting bodies are checked against the schema: unknown fields, limits, content type', async () => {
  const { accessToken } = zoom.issueTokens('zu1');
  const post = (body: string, type = 'application/json') =>
    fetch(`${zoom.apiUrl}/users/me/meetings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': type },
      body,
    });
  const before = zoom.schemaErrors.length;
  for (const bad of [
    JSON.stringify({ topic: 'x', type: 2, start_tme: '2031-01-01T10:00:00' }),
    JSON.stringify({ topic: 'x'.repeat(201), type: 2 }),
    JSON.stringify({ topic: 'x', type: 2, duration: 0 }),
    JSON.stringify({ topic: 'x', type: 2, start_time: 'tomorrow' }),
    JSON.stringify({ topic: 'x', type: 2, settings: { auto_recording: 'tape' } }),
    '{not json',
  ]) {
    const res = await post(bad);
    assert.equal(res.status, 400, bad);
    assert.equal(((await res.json()) as { code: number }).code, 300);
  }
  assert.equal((await post('topic=x', 'application/x-www-form-urlencoded')).status, 400);
  assert.equal(zoom.schemaErrors.length - before, 7);
  assert.equal(zoom.stats.creates, 0);
  const ok = await post(
    JSON.stringify({ topic: 'x', type: 2, start_time: '2031-01-01T10:00:00Z', duration: 30 }),
  );
  assert.equal(ok.status, 201);
  assert.equal(zoom.stats.creates, 1);
});

test('the API answers 401 code 124 for unknown, expired and revoked tokens', async () => {
  const expired = zoom.issueTokens('zu1', { expiresInSeconds: 0 });
  const live = zoom.issueTokens('zu1');
  for (const t of ['nope', expired.accessToken]) {
    const res = await fetch(`${zoom.apiUrl}/users/me`, { headers: { authorization: `Bearer ${t}` } });
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { code: 124, message: 'Invalid access token.' });
  }
  zoom.revokeAll('zu1');
  const res = await fetch(`${zoom.apiUrl}/users/me`, {
    headers: { authorization: `Bearer ${live.accessToken}` },
  });
  assert.equal(res.status, 401);
  assert.equal((await token({ grant_type: 'refresh_token', refresh_token: live.refreshToken })).status, 400);
});
