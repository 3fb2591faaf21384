import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

const user = { teamId: 'T0001', userId: 'UROUTE' };

async function authorizeRedirect(login: string): Promise<URL> {
  const url = new URL(await h.services.connections.startConnect(user));
  url.searchParams.set('login', login);
  const consent = await fetch(url, { redirect: 'manual' });
  assert.equal(consent.status, 302);
  return new URL(String(consent.headers.get('location')));
}

const callback = (search: string) => fetch(`${h.baseUrl}/zoom/oauth/callback${search}`);

describe('OAuth callback', () => {
  test('a refusal at Zoom (error=access_denied) shows a clear page and stores nothing', async () => {
    const back = await authorizeRedirect('deny');
    assert.equal(back.searchParams.get('error'), 'access_denied');
    const page = await callback(back.search);
    assert.equal(page.status, 400);
    assert.match(await page.text(), /Zoom access was not granted/);
    assert.equal(await h.services.tokens.load(user), null);
  });

  test('an unknown state shows the expired-link page', async () => {
    const page = await callback('?code=abc&state=not-a-real-state');
    assert.equal(page.status, 400);
    assert.match(await page.text(), /expired or was already used/);
    assert.equal(await h.services.tokens.load(user), null);
  });

  test('a missing state or a missing code shows a clear page', async () => {
    const noState = await callback('?code=abc');
    assert.equal(noState.status, 400);
    const url = new URL(await h.services.connections.startConnect(user));
    const noCode = await callback(`?state=${url.searchParams.get('state')}`);
    assert.equal(noCode.status, 400);
    assert.match(await noCode.text(), /no authorization code/);
    assert.equal(await h.services.tokens.load(user), null);
  });

  test('user text on the page is escaped', async () => {
    h.zoom.addUser({ id: 'zu-html', email: '<script>x</script>@example.com' });
    const back = await authorizeRedirect('zu-html');
    const page = await callback(back.search);
    const html = await page.text();
    assert.equal(page.status, 200);
    assert.ok(!html.includes('<script>'));
    assert.match(html, /&#60;script&#62;/);
  });
});

describe('health and readiness', () => {
  test('/healthz answers 200 while the process is up', async () => {
    const res = await fetch(`${h.baseUrl}/healthz`);
    assert.equal(res.status, 200);
  });

  test('/readyz answers 200 while Redis answers, 503 when it does not', async (t) => {
    assert.equal((await fetch(`${h.baseUrl}/readyz`)).status, 200);
    const server = h.redis.process;
    if (!server) return t.skip('external Redis cannot be paused');
    server.kill('SIGSTOP');
    try {
      const res = await fetch(`${h.baseUrl}/readyz`);
      assert.equal(res.status, 503);
    } finally {
      server.kill('SIGCONT');
    }
    assert.equal((await fetch(`${h.baseUrl}/readyz`)).status, 200);
  });

  test('an unknown path is 404', async () => {
    assert.equal((await fetch(`${h.baseUrl}/nope`)).status, 404);
  });
});
