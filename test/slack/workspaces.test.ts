/**
 * Installed in two workspaces through Slack OAuth (SLACK_CLIENT_ID..., no SLACK_BOT_TOKEN): each
 * workspace's /zoom creates in its own users' Zoom accounts and posts with its own bot token; no
 * id of one workspace reaches anything of the other; uninstalling one leaves the other untouched.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { messages } from '../../src/slack/i18n/index.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import { withRedisStopped } from '../support/redis.js';
import { installThroughOAuth, uninstallEvent } from '../support/slack-install.js';

const A = { teamId: 'TA0001', userId: 'UA0001', channel: 'CA0001' };
const B = { teamId: 'TB0001', userId: 'UB0001', channel: 'CB0001' };
const userOf = (w: typeof A) => ({ teamId: w.teamId, userId: w.userId });

let h: Harness;
const zoomUser: Record<string, string> = {};

before(async () => {
  h = await startHarness({}, { oauthInstall: true });
  for (const w of [A, B]) {
    h.slack.workspaces.add({ teamId: w.teamId, users: [w.userId, `${w.userId}X`], channels: [w.channel] });
    h.slack.setUser(w.userId, { tz: 'Asia/Tokyo', locale: 'en-US' });
  }
});
after(() => h.stop());

const tokenOf = (w: typeof A) => h.slack.workspaces.issued.get(w.teamId) as string;
const answersOn = (id: string) => h.slack.responses.filter((r) => r.id === id).map((r) => r.body);

describe('two workspaces installed through Slack OAuth', () => {
  test('each workspace installs through /slack/install and /slack/oauth_redirect; tokens are sealed at rest', async () => {
    for (const w of [A, B]) {
      const { page } = await installThroughOAuth(h, w.teamId);
      const html = await page.text();
      assert.equal(page.status, 200, html);
      assert.match(html, new RegExp(`${w.teamId} に追加しました。Slack で /zoom を実行してください。`));
      assert.match(html, new RegExp(`Added to ${w.teamId}\\. Run /zoom in Slack\\.`));
      assert.ok(tokenOf(w), `Slack issued a bot token for ${w.teamId}`);
    }
    assert.notEqual(tokenOf(A), tokenOf(B));
    const exchange = h.slack.callsTo('oauth.v2.access');
    assert.equal(exchange.length, 2);
    const raw = await h.services.redis.get(h.services.keys.slackInstallation(A.teamId));
    assert.ok(raw?.startsWith('zb1.'), 'stored sealed');
    assert.ok(!raw?.includes(tokenOf(A)), 'the bot token is not readable in Redis');
    for (const line of h.logs) {
      for (const secret of [tokenOf(A), tokenOf(B), h.slack.workspaces.app.clientSecret]) {
        assert.ok(!line.includes(secret), `a secret reached the log: ${line}`);
      }
    }
  });

  test('a callback without the state cookie, with another one, or replayed installs nothing', async () => {
    const issued = new Map(h.slack.workspaces.issued);
    const noCookie = await installThroughOAuth(h, A.teamId, { cookie: () => '' });
    assert.equal(noCookie.page.status, 400);
    const expired = await noCookie.page.text();
    assert.match(expired, /このリンクは期限切れか、別のブラウザで開かれました/);
    assert.match(expired, /Start again from the install link/);
    const denied = await fetch(`${h.baseUrl}/slack/oauth_redirect?error=access_denied&state=x`);
    assert.equal(denied.status, 400);
    assert.match(await denied.text(), /インストールはキャンセルされました/);
    const wrongCookie = await installThroughOAuth(h, A.teamId, {
      cookie: () => 'slack-app-oauth-state=forged',
    });
    assert.equal(wrongCookie.page.status, 400);
    assert.equal(h.slack.callsTo('oauth.v2.access').length, 2, 'no code was exchanged');

    const done = await installThroughOAuth(h, A.teamId);
    assert.equal(done.page.status, 200);
    const replay = await fetch(done.callbackUrl, { redirect: 'manual', headers: { cookie: done.cookie } });
    assert.equal(replay.status, 502, 'a code works once');
    assert.match(await replay.text(), /インストールを完了できませんでした/);
    const code = new URL(done.callbackUrl).searchParams.get('code') as string;
    const state = new URL(done.callbackUrl).searchParams.get('state') as string;
    for (const line of h.logs) {
      assert.ok(
        !line.includes(code) && !line.includes(state),
        `an OAuth code or state reached the log: ${line}`,
      );
    }
    const exchanges = h.slack.calls.filter((c) => c.method === 'oauth.v2.access');
    assert.equal(exchanges.length, 4);
    // The reinstall replaced A's token: the store holds the new one, B's is unchanged.
    assert.notEqual(h.slack.workspaces.issued.get(A.teamId), issued.get(A.teamId));
    assert.equal(h.slack.workspaces.issued.get(B.teamId), issued.get(B.teamId));
    const client = await h.services.slackClients.forTeam({ teamId: A.teamId });
    assert.equal((await client.auth.test()).team_id, A.teamId);
  });

  test('/zoom in each workspace creates in its own user’s Zoom account and posts with its own token', async () => {
    for (const w of [A, B]) zoomUser[w.teamId] = (await h.connect(userOf(w))).zoomUserId;
    for (const w of [A, B]) {
      const record = await h.scheduleMeeting({
        user: userOf(w),
        channelId: w.channel,
        topic: `Sync ${w.teamId}`,
      });
      assert.equal(h.zoom.meetings.get(record.meetingId)?.hostZoomUserId, zoomUser[w.teamId]);
      const views = h.slack.calls.filter((c) => c.method === 'views.open').at(-1);
      assert.equal(views?.token, tokenOf(w), 'the modal opens with the workspace’s own token');
      const post = h.slack.calls.find(
        (c) =>
          c.method === 'chat.postMessage' && c.args.channel === w.channel && c.args.thread_ts === undefined,
      );
      assert.equal(post?.token, tokenOf(w), 'the meeting is posted with the workspace’s own token');
      assert.match(String(post?.args.text), new RegExp(`Sync ${w.teamId}`));
      const ephemeral = h.slack.calls.find(
        (c) => c.method === 'chat.postEphemeral' && c.args.user === w.userId,
      );
      assert.equal(ephemeral?.token, tokenOf(w), 'the start link goes out with the workspace’s own token');
    }
    const profileLookups = h.slack.calls.filter((c) => c.method === 'users.info');
    for (const call of profileLookups) {
      const w = String(call.args.user).startsWith('UA') ? A : B;
      assert.equal(call.token, tokenOf(w), 'users.info asks with the user’s own workspace token');
    }
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('the fake Slack refuses a token used on another workspace’s channel, trigger or user (the check is real)', async () => {
    const answer = await fetch(`${h.slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(A)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: B.channel, text: 'hello' }),
    });
    assert.deepEqual(await answer.json(), { ok: false, error: 'channel_not_found' });
    h.slack.workspaces.triggers.set('trigger-from-b', B.teamId);
    const modal = await fetch(`${h.slack.apiUrl}views.open`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(A)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ trigger_id: 'trigger-from-b', view: { type: 'modal' } }),
    });
    assert.deepEqual(await modal.json(), { ok: false, error: 'invalid_trigger_id' });
    const user = await fetch(`${h.slack.apiUrl}users.info`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenOf(B)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ user: A.userId }),
    });
    assert.deepEqual(await user.json(), { ok: false, error: 'user_not_found' });
  });

  test('a meeting id of workspace A clicked from workspace B is unknown there: nothing changes, no name shown', async () => {
    const recordA = (await h.services.meetings.get(
      [...h.zoom.meetings.values()].find((m) => m.hostZoomUserId === zoomUser[A.teamId])
        ?.id as unknown as string,
    )) as NonNullable<Awaited<ReturnType<typeof h.services.meetings.get>>>;
    const t = messages('en').actions;
    for (const action of ['cancel_meeting', 'reschedule_meeting']) {
      const id = `cross-${action}`;
      const res = await h.interact(
        h.buttonClick(action, recordA.meetingId, {
          user: userOf(B),
          channelId: B.channel,
          responseUrl: h.slack.responseUrl(id),
        }),
      );
      assert.equal(res.status, 200);
      await h.settle();
      const [answer] = answersOn(id);
      assert.equal(answer?.text, t.unknownMeeting);
      assert.ok(!JSON.stringify(answer).includes(A.userId), 'A’s host is not named to B');
    }
    assert.ok(h.zoom.meetings.has(recordA.meetingId), 'A’s Zoom meeting still exists');
    assert.equal((await h.services.meetings.get(recordA.meetingId))?.status, 'scheduled');
  });

  test('uninstalling workspace A deletes its installation, Zoom connections (revoked) and meetings; B is untouched', async () => {
    const tokensA = await h.services.tokens.load(userOf(A));
    assert.ok(tokensA);
    const meetingsOf = async (w: typeof A) =>
      h.services.redis.smembers(h.services.keys.userMeetings(w.teamId, w.userId));
    const [idA] = await meetingsOf(A);
    const [idB] = await meetingsOf(B);
    assert.ok(idA && idB);

    // A job of each workspace still waiting (a notice due later).
    for (const w of [A, B]) {
      await h.services.jobs.enqueue(
        'notify',
        { owner: userOf(w), note: { kind: 'zoom_deauthorized' } },
        { delayMs: 10 * 60_000 },
      );
    }

    // Redis not answering as the event arrives: the removal cannot be stored, so Slack gets no 200
    // and delivers the event again; nothing is removed meanwhile.
    const unstored = await withRedisStopped(h.redis, () =>
      h.postSlack(uninstallEvent(A.teamId, 'app_uninstalled'), 'application/json'),
    );
    assert.equal(unstored.status, 500);
    assert.equal(await h.services.redis.exists(h.services.keys.slackInstallation(A.teamId)), 1);
    assert.ok(
      await h.services.tokens.load(userOf(A)),
      'A’s Zoom connection is kept until the event is stored',
    );

    h.slack.workspaces.uninstall(A.teamId);
    const res = await h.postSlack(uninstallEvent(A.teamId, 'app_uninstalled'), 'application/json');
    assert.equal(res.status, 200);
    // Not settle(): B's job is still waiting on purpose. The user index goes last.
    for (let i = 0; i < 500 && (await h.services.redis.exists(h.services.keys.teamUsers(A.teamId))); i += 1) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const removal = h.logs.find((l) => l.includes('its data is deleted') && l.includes(A.teamId));
    assert.match(removal ?? '', /"jobs":1/);
    assert.equal(await h.services.jobs.removeFor(userOf(A)), 0, 'A’s waiting job was dropped');
    assert.equal(await h.services.jobs.removeFor(userOf(B)), 1, 'B’s waiting job was kept');
    await h.settle();

    assert.equal(await h.services.redis.exists(h.services.keys.slackInstallation(A.teamId)), 0);
    assert.equal(await h.services.tokens.load(userOf(A)), null);
    const me = await fetch(`${h.zoom.apiUrl}/users/me`, {
      headers: { authorization: `Bearer ${tokensA.accessToken}` },
    });
    assert.equal(me.status, 401, 'A’s Zoom authorization was revoked at Zoom');
    assert.equal(await h.services.meetings.get(idA), null);
    assert.equal(await h.services.redis.exists(h.services.keys.slackProfile(A.teamId, A.userId)), 0);
    assert.equal(await h.services.redis.exists(h.services.keys.teamUsers(A.teamId)), 0);

    assert.equal(await h.services.redis.exists(h.services.keys.slackInstallation(B.teamId)), 1);
    assert.ok(await h.services.tokens.load(userOf(B)));
    assert.equal((await h.services.meetings.get(idB))?.status, 'scheduled');
    const again = await h.scheduleMeeting({ user: userOf(B), channelId: B.channel, topic: 'After A left' });
    assert.equal(h.zoom.meetings.get(again.meetingId)?.hostZoomUserId, zoomUser[B.teamId]);

    // A request still arriving from A finds no installation: nothing is opened or posted.
    const callsBefore = h.slack.calls.length;
    await h.command('', { teamId: A.teamId, userId: A.userId, channelId: A.channel });
    await h.settle();
    assert.equal(h.slack.calls.length, callsBefore);
  });

  test('tokens_revoked for user tokens only keeps B installed; for the bot token it removes B (Zoom’s revocation retried)', async () => {
    const userOnly = await h.postSlack(
      uninstallEvent(B.teamId, 'tokens_revoked', { oauth: [B.userId] }),
      'application/json',
    );
    assert.equal(userOnly.status, 200);
    await h.settle();
    assert.equal(await h.services.redis.exists(h.services.keys.slackInstallation(B.teamId)), 1);

    // Zoom does not answer the first revocation: the pair is kept until a retry revokes it.
    const revokes = () => h.zoom.requests.filter((r) => r.path.endsWith('/oauth/revoke')).length;
    const revokesBefore = revokes();
    h.zoom.failNext({ method: 'POST', path: /\/oauth\/revoke$/ }, { status: 503 }, 2);
    const bot = await h.postSlack(
      uninstallEvent(B.teamId, 'tokens_revoked', { bot: [`UBOT${B.teamId}`] }),
      'application/json',
    );
    assert.equal(bot.status, 200);
    await h.settle();
    assert.equal(await h.services.redis.exists(h.services.keys.slackInstallation(B.teamId)), 0);
    assert.equal(await h.services.tokens.load(userOf(B)), null);
    assert.equal(h.zoom.liveTokens(zoomUser[B.teamId] as string), 0, 'B’s Zoom pair revoked at Zoom');
    assert.equal(revokes() - revokesBefore, 3, 'refresh and access token refused, then revoked on the retry');
    assert.ok(h.logs.some((l) => l.includes('job failed; will retry') && l.includes('"kind":"uninstall"')));
  });
});

describe('a workspace that adds the bot again while its clean-up still runs', () => {
  test('keeps its new installation: the clean-up deletes only the one that was uninstalled', async () => {
    const C = { teamId: 'TC0001', userId: 'UC0001', channel: 'CC0001' };
    h.slack.workspaces.add({ teamId: C.teamId, users: [C.userId], channels: [C.channel] });
    h.slack.setUser(C.userId, { tz: 'Asia/Tokyo', locale: 'en-US' });
    assert.equal((await installThroughOAuth(h, C.teamId)).page.status, 200);
    await h.connect(userOf(C));
    const installationKey = h.services.keys.slackInstallation(C.teamId);

    // Zoom answers slowly and refuses the first revocations: the clean-up's first run deletes the
    // installation, then fails at Zoom and runs again.
    h.zoom.setLatency(500);
    h.zoom.failNext({ method: 'POST', path: /\/oauth\/revoke$/ }, { status: 503 }, 2);
    try {
      h.slack.workspaces.uninstall(C.teamId);
      const res = await h.postSlack(uninstallEvent(C.teamId, 'app_uninstalled'), 'application/json');
      assert.equal(res.status, 200);
      for (let i = 0; i < 200 && (await h.services.redis.exists(installationKey)); i += 1) {
        await new Promise((r) => setTimeout(r, 10));
      }
      assert.equal(
        await h.services.redis.exists(installationKey),
        0,
        'the first run removed the installation',
      );
      // Added again while the clean-up is still at Zoom.
      assert.equal((await installThroughOAuth(h, C.teamId)).page.status, 200);
      await h.settle();
    } finally {
      h.zoom.setLatency(0);
    }
    assert.ok(h.logs.some((l) => l.includes('job failed; will retry') && l.includes('"kind":"uninstall"')));
    assert.ok(h.logs.some((l) => l.includes('Slack installation kept')));
    assert.equal(await h.services.installations?.botToken({ teamId: C.teamId }), tokenOf(C));
    // The uninstall's clean-up still removed what was there before (the Zoom connection, revoked).
    assert.equal(await h.services.tokens.load(userOf(C)), null);
    // The new install works: connected again, /zoom opens its modal with the new token.
    await h.connect(userOf(C));
    const triggerId = 'reinstalled-C';
    await h.command('', { teamId: C.teamId, userId: C.userId, channelId: C.channel, triggerId });
    await h.settle();
    const opened = h.slack.calls.find((c) => c.method === 'views.open' && c.args.trigger_id === triggerId);
    assert.equal(opened?.token, tokenOf(C));
  });
});

describe('an org-wide install on Enterprise Grid', () => {
  const E = { enterpriseId: 'E0001', teamId: 'TE0001', userId: 'WE0001', channel: 'CE0001' };

  test('requests from its workspaces and later messages use the org token; removing it removes their data', async () => {
    h.slack.workspaces.add({
      teamId: E.teamId,
      enterpriseId: E.enterpriseId,
      users: [E.userId],
      channels: [E.channel],
    });
    const { page } = await installThroughOAuth(h, E.teamId, { orgWide: true });
    assert.equal(page.status, 200);
    const orgToken = h.slack.workspaces.issued.get(E.enterpriseId) as string;
    assert.ok(orgToken);
    assert.equal(await h.services.redis.exists(h.services.keys.slackOrgInstallation(E.enterpriseId)), 1);

    await h.connect({ teamId: E.teamId, userId: E.userId });
    await h.command('', {
      teamId: E.teamId,
      userId: E.userId,
      channelId: E.channel,
      triggerId: 'org-trigger',
      orgWideInstall: E.enterpriseId,
    });
    await h.settle();
    const opened = h.slack.calls.find(
      (c) => c.method === 'views.open' && c.args.trigger_id === 'org-trigger',
    );
    assert.equal(opened?.token, orgToken, 'the modal opens with the org-wide token');

    // Outside any request: the workspace is found under its organization.
    await h.services.announcer.directMessage(
      { teamId: E.teamId, userId: E.userId },
      {
        text: 'hello',
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hello' } }],
      },
    );
    const dm = h.slack.calls.filter((c) => c.method === 'conversations.open').at(-1);
    assert.equal(dm?.token, orgToken);

    const removal = JSON.stringify({
      token: 'legacy-verification-token',
      enterprise_id: E.enterpriseId,
      api_app_id: 'A0001',
      event: { type: 'app_uninstalled', event_ts: '1700000000.000200' },
      type: 'event_callback',
      event_id: 'EvORG',
      event_time: 1700000000,
      authorizations: [
        {
          enterprise_id: E.enterpriseId,
          team_id: null,
          user_id: 'UBOTE',
          is_bot: true,
          is_enterprise_install: true,
        },
      ],
    });
    h.slack.workspaces.uninstall(E.enterpriseId);
    assert.equal((await h.postSlack(removal, 'application/json')).status, 200);
    await h.settle();
    assert.equal(await h.services.redis.exists(h.services.keys.slackOrgInstallation(E.enterpriseId)), 0);
    assert.equal(await h.services.tokens.load({ teamId: E.teamId, userId: E.userId }), null);
    await assert.rejects(h.services.slackClients.forTeam({ teamId: E.teamId }), /not installed/);
  });
});
