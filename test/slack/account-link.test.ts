/**
 * A Zoom account is linked only to its owner: through the real receiver, the real OAuth callback
 * and the fakes' OAuth, users.info (email only with users:read.email) and revoke endpoints.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { queuePrefix } from '../../src/redis.js';
import { BOT_SCOPES } from '../../src/slack/install.js';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

const TEAM = 'T0001';
let n = 0;

/** `/zoom <text>` as `userId`; answers the private replies on its response_url. */
async function command(harness: Harness, text: string, userId: string, channelId = 'C0001') {
  n += 1;
  const id = `link-${n}`;
  const res = await harness.command(text, {
    userId,
    channelId,
    responseUrl: harness.slack.responseUrl(id),
    triggerId: `link-trigger-${n}`,
  });
  assert.equal(res.status, 200);
  await harness.settle();
  return harness.slack.responses.filter((r) => r.id === id).map((r) => r.body);
}

/** `/zoom connect`, then the browser: consent at Zoom as `zoomUserId`, then the bot's callback page. */
async function connectThroughBrowser(harness: Harness, userId: string, zoomUserId: string) {
  const [answer] = await command(harness, 'connect', userId);
  const url = String(JSON.stringify(answer).match(/"url":"([^"]+)"/)?.[1]);
  const authorize = new URL(url);
  authorize.searchParams.set('login', zoomUserId);
  const consent = await fetch(authorize, { redirect: 'manual' });
  const back = new URL(String(consent.headers.get('location')));
  const page = await fetch(`${harness.baseUrl}${back.pathname}${back.search}`);
  const html = await page.text();
  await harness.settle();
  return { status: page.status, html };
}

/** The confirm/reject question the bot sent `userId` (ephemeral or DM), with its button value. */
function questionFor(harness: Harness, userId: string) {
  const sent = [...harness.slack.callsTo('chat.postEphemeral'), ...harness.slack.callsTo('chat.postMessage')]
    .filter((a) => JSON.stringify(a).includes('confirm_zoom_account'))
    .filter((a) => a.user === userId || a.channel === `D${userId.replace(/^U/, '')}`);
  const last = sent.at(-1);
  const value = String((JSON.stringify(last) ?? '').match(/"value":"([^"]+)"/)?.[1] ?? '');
  return { message: last, value };
}

async function click(harness: Harness, action: string, value: string, userId: string) {
  n += 1;
  const id = `click-${n}`;
  const res = await harness.interact(
    harness.buttonClick(action, value, { user: { userId }, responseUrl: harness.slack.responseUrl(id) }),
  );
  assert.equal(res.status, 200);
  await harness.settle();
  return harness.slack.responses.filter((r) => r.id === id).map((r) => r.body);
}

const tokensOf = (harness: Harness, userId: string) => harness.services.tokens.load({ teamId: TEAM, userId });

describe('Zoom account binding', () => {
  test('the Zoom email equals the Slack email (any letter case): connected at once, and the page says so', async () => {
    h.zoom.addUser({ id: 'zu-same', email: 'Same.Person@example.com' });
    h.slack.setUser('USAME', { locale: 'en-US', email: 'same.person@EXAMPLE.com' });
    const page = await connectThroughBrowser(h, 'USAME', 'zu-same');
    assert.equal(page.status, 200);
    assert.match(
      page.html,
      /Connected to Zoom as Same\.Person@example\.com \(the email on your Slack profile\)/,
    );
    assert.equal((await tokensOf(h, 'USAME'))?.zoomUserId, 'zu-same');
    assert.equal(questionFor(h, 'USAME').message, undefined);
  });

  test('emails differ: held pending until its Slack user confirms; /zoom asks first; a click by anyone else changes nothing', async () => {
    h.zoom.addUser({ id: 'zu-mallory', email: 'mallory@evil.example' });
    h.slack.setUser('UALICE', { locale: 'en-US', email: 'alice@example.com' });
    const page = await connectThroughBrowser(h, 'UALICE', 'zu-mallory');
    assert.equal(page.status, 200);
    assert.match(
      page.html,
      /signed in to Zoom as mallory@evil\.example, but that email is not the one on your Slack profile/,
    );
    assert.match(page.html, /Slack のプロフィールとメールアドレスが異なるため、まだ連携していません/);
    assert.equal(await tokensOf(h, 'UALICE'), null);

    // The question went to Alice, ephemeral in the channel where she typed /zoom connect.
    const { message, value } = questionFor(h, 'UALICE');
    assert.equal(message?.channel, 'C0001');
    assert.equal(message?.user, 'UALICE');
    assert.match(String(message?.text), /signed in to Zoom as \*mallory@evil\.example\*/);
    assert.match(JSON.stringify(message), /"action_id":"reject_zoom_account"/);

    // Nothing can be scheduled with it: /zoom and /zoom now answer with the same question.
    const creates = h.zoom.stats.creates;
    const opens = h.slack.callsTo('views.open').length;
    for (const text of ['', 'now Quick sync', 'tomorrow 3pm review']) {
      const [answer] = await command(h, text, 'UALICE');
      assert.match(JSON.stringify(answer), /"action_id":"confirm_zoom_account"/);
      assert.match(JSON.stringify(answer), /mallory@evil\.example/);
    }
    assert.equal(h.zoom.stats.creates, creates);
    assert.equal(h.slack.callsTo('views.open').length, opens);

    // Bob clicks Alice's button (a forwarded or forged payload): told so, nothing changes.
    h.slack.setUser('UBOB', { locale: 'en-US', email: 'bob@example.com' });
    const [toBob] = await click(h, 'confirm_zoom_account', value, 'UBOB');
    assert.match(String(toBob?.text), /This confirmation is for <@UALICE>; only they can answer it/);
    assert.equal(await tokensOf(h, 'UALICE'), null);
    assert.equal(await tokensOf(h, 'UBOB'), null);
    assert.ok(await h.services.connections.pendingLink({ teamId: TEAM, userId: 'UALICE' }));

    // Alice confirms: now it is her connection, and the question is replaced by the outcome.
    const [toAlice] = await click(h, 'confirm_zoom_account', value, 'UALICE');
    assert.equal(toAlice?.replace_original, true);
    assert.match(String(toAlice?.text), /Zoom is connected as mallory@evil\.example/);
    assert.equal((await tokensOf(h, 'UALICE'))?.zoomUserId, 'zu-mallory');
    assert.equal(await h.services.connections.pendingLink({ teamId: TEAM, userId: 'UALICE' }), null);
    // The old button does nothing more.
    const [again] = await click(h, 'reject_zoom_account', value, 'UALICE');
    assert.match(String(again?.text), /already answered/);
    assert.ok(await tokensOf(h, 'UALICE'));
  });

  test('reject revokes the sign-in at Zoom and keeps nothing', async () => {
    h.zoom.addUser({ id: 'zu-stranger', email: 'stranger@example.org' });
    h.slack.setUser('URJ', { locale: 'ja-JP', email: 'rj@example.com' });
    await connectThroughBrowser(h, 'URJ', 'zu-stranger');
    const { value } = questionFor(h, 'URJ');
    const pending = await h.services.connections.pendingLink({ teamId: TEAM, userId: 'URJ' });
    assert.equal(pending?.zoomEmail, 'stranger@example.org');
    const revokes = h.zoom.stats.revokes;
    const [answer] = await click(h, 'reject_zoom_account', value, 'URJ');
    assert.match(String(answer?.text), /stranger@example\.org でのサインインを取り消しました/);
    assert.equal(h.zoom.stats.revokes, revokes + 1);
    assert.equal(await tokensOf(h, 'URJ'), null);
    assert.equal(await h.services.connections.pendingLink({ teamId: TEAM, userId: 'URJ' }), null);
    // Revoked at Zoom: the pair no longer works there.
    const revoke = h.zoom.requests.filter((r) => r.path === '/oauth/revoke').at(-1);
    const dead = (revoke?.body as { token?: string } | undefined)?.token ?? '';
    const refresh = await fetch(`${h.zoom.oauthUrl}/oauth/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${h.zoom.clientId}:${h.zoom.clientSecret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: dead }).toString(),
    });
    assert.equal(refresh.status, 400);
  });

  test('without users:read.email Slack sends no email: even the same address waits for confirmation', async () => {
    h.zoom.addUser({ id: 'zu-noscope', email: 'noscope@example.com' });
    h.slack.setUser('UNOSCOPE', { locale: 'en-US', email: 'noscope@example.com' });
    h.slack.setTokenScopes(h.config.slack.botToken!, ['commands', 'chat:write', 'users:read', 'im:write']);
    try {
      const page = await connectThroughBrowser(h, 'UNOSCOPE', 'zu-noscope');
      assert.match(page.html, /is not connected yet/);
      assert.equal(await tokensOf(h, 'UNOSCOPE'), null);
      const info = h.slack.callsTo('users.info').filter((a) => a.user === 'UNOSCOPE');
      assert.ok(info.length > 0);
    } finally {
      h.slack.setTokenScopes(h.config.slack.botToken!, BOT_SCOPES);
    }
  });

  test('emails differ and the question cannot be stored: the page says it is not connected and to try again', async () => {
    h.zoom.addUser({ id: 'zu-unasked', email: 'unasked@example.org' });
    h.slack.setUser('UUNASKED', { locale: 'en-US', email: 'someone-else@example.com' });
    // Redis refuses the job write: BullMQ numbers jobs with INCR on this key, which now holds text.
    const idKey = `${queuePrefix(h.config.redis.keyPrefix)}:after-answer:id`;
    const client = h.services.redis;
    const saved = await client.get(idKey);
    await client.set(idKey, 'not-a-number');
    let page: { status: number; html: string };
    try {
      page = await connectThroughBrowser(h, 'UUNASKED', 'zu-unasked');
    } finally {
      await client.set(idKey, saved ?? '0');
    }
    assert.equal(page.status, 503);
    assert.match(page.html, /could not ask you to confirm it in Slack, so it is not connected yet/);
    assert.match(page.html, /Slack で確認をお送りできなかったため、まだ連携していません/);
    assert.equal(await tokensOf(h, 'UUNASKED'), null);
    assert.equal(questionFor(h, 'UUNASKED').message, undefined);
  });

  test('every view and message passed Slack validation', () => {
    assert.deepEqual(h.slack.schemaErrors, []);
  });
});

describe('an unconfirmed sign-in past PENDING_LINK_TTL_SECONDS', () => {
  let short: Harness;
  before(async () => {
    short = await startHarness({ PENDING_LINK_TTL_SECONDS: '1' });
  });
  after(() => short.stop());

  test('is revoked at Zoom and deleted by the sweep, with no click', async () => {
    short.zoom.addUser({ id: 'zu-late', email: 'late@example.net' });
    short.slack.setUser('ULATE', { locale: 'en-US', email: 'someone@example.com' });
    await connectThroughBrowser(short, 'ULATE', 'zu-late');
    const user = { teamId: TEAM, userId: 'ULATE' };
    assert.ok(await short.services.connections.pendingLink(user));
    const revokes = short.zoom.stats.revokes;
    const pendingKeys = () => short.services.redis.keys(`${short.config.redis.keyPrefix}*pending-link*`);
    // The sweep revokes at Zoom, then deletes the pair and its deadline.
    const deadline = Date.now() + 15_000;
    while (
      (short.zoom.stats.revokes === revokes || (await pendingKeys()).length > 0) &&
      Date.now() < deadline
    ) {
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.equal(short.zoom.stats.revokes, revokes + 1);
    // Nothing is left: the pair is gone, and Redis drops the emptied deadlines set itself.
    assert.deepEqual(await pendingKeys(), []);
    assert.equal(await short.services.tokens.load(user), null);
    // A late click: told it is gone, nothing is connected.
    const { value } = questionFor(short, 'ULATE');
    const [answer] = await click(short, 'confirm_zoom_account', value, 'ULATE');
    assert.match(String(answer?.text), /already answered or replaced/);
    assert.equal(await short.services.tokens.load(user), null);
  });
});
