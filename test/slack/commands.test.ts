import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

/** The private answers posted on the command's response_url. */
const answersTo = (id: string) => h.slack.responses.filter((r) => r.id === id).map((r) => r.body);
let n = 0;
async function run(text: string, userId: string): Promise<Record<string, unknown>[]> {
  n += 1;
  const id = `cmd-test-${n}`;
  const res = await h.command(text, { userId, responseUrl: h.slack.responseUrl(id), triggerId: `trig-${n}` });
  assert.equal(res.status, 200);
  await h.settle();
  return answersTo(id);
}

describe('/zoom commands', () => {
  test('help answers privately with examples, in Japanese for a ja-JP user', async () => {
    h.slack.setUser('UHELPJA', { locale: 'ja-JP', tz: 'Asia/Tokyo' });
    const [answer] = await run('help', 'UHELPJA');
    assert.equal(answer?.response_type, 'ephemeral');
    assert.match(JSON.stringify(answer), /Zoom ミーティングを予約/);
    assert.match(JSON.stringify(answer), /\/zoom now/);
  });

  test('help is in English for an en-US user', async () => {
    h.slack.setUser('UHELPEN', { locale: 'en-US', tz: 'Europe/London' });
    const [answer] = await run('help', 'UHELPEN');
    assert.match(JSON.stringify(answer), /Schedule Zoom meetings from Slack/);
  });

  test('connect gives a button to Zoom authorize with a state bound to the user', async () => {
    const [answer] = await run('connect', 'UCONN');
    assert.equal(answer?.response_type, 'ephemeral');
    const url = new URL(
      String(JSON.stringify(answer).match(/"url":"([^"]+)"/)?.[1]).replace(/\\u0026/g, '&'),
    );
    assert.ok(url.href.startsWith(`${h.zoom.oauthUrl}/oauth/authorize`));
    assert.equal(url.searchParams.get('client_id'), h.zoom.clientId);
    assert.ok(url.searchParams.get('state'));
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
  });

  test('the OAuth callback connects the user, shows a page and tells them in Slack', async () => {
    h.zoom.addUser({ id: 'zu-callback', email: 'callback@example.com' });
    // The same address as the Zoom account, in other letter case: connected at once.
    h.slack.setUser('UCB', { locale: 'en-US', email: 'Callback@Example.com' });
    const [answer] = await run('connect', 'UCB');
    const authorize = new URL(String(JSON.stringify(answer).match(/"url":"([^"]+)"/)?.[1]));
    authorize.searchParams.set('login', 'zu-callback');
    const consent = await fetch(authorize, { redirect: 'manual' });
    const back = new URL(String(consent.headers.get('location')));
    const page = await fetch(`${h.baseUrl}${back.pathname}${back.search}`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Connected to Zoom as callback@example\.com/);
    await h.settle();
    const dm = h.slack
      .callsTo('chat.postMessage')
      .find((a) => JSON.stringify(a).includes('callback@example.com'));
    assert.equal(dm?.channel, 'DCB');
    assert.ok(await h.services.tokens.load({ teamId: 'T0001', userId: 'UCB' }));
    // The same link again: the state was used up.
    const again = await fetch(`${h.baseUrl}${back.pathname}${back.search}`);
    assert.equal(again.status, 400);
    assert.match(await again.text(), /expired or was already used/);
  });

  test('disconnect revokes at Zoom and deletes the tokens; a second time says nothing was connected', async () => {
    await h.connect({ userId: 'UDISC' });
    const revokes = h.zoom.stats.revokes;
    const [first] = await run('disconnect', 'UDISC');
    assert.match(JSON.stringify(first), /連携を解除/);
    assert.equal(h.zoom.stats.revokes, revokes + 1);
    assert.equal(await h.services.tokens.load({ teamId: 'T0001', userId: 'UDISC' }), null);
    const [second] = await run('disconnect', 'UDISC');
    assert.match(JSON.stringify(second), /連携中の Zoom アカウントはないため、解除するものはありません。/);
  });

  test('now starts an instant meeting in the channel, with the start link only for the host', async () => {
    await h.connect({ userId: 'UNOW' });
    h.slack.setUser('UNOW', { locale: 'en-US' });
    const creates = h.zoom.stats.creates;
    await run('now Incident call', 'UNOW');
    assert.equal(h.zoom.stats.creates, creates + 1);
    const create = h.zoom.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/meetings')).at(-1);
    assert.equal((create?.body as { type?: number } | undefined)?.type, 1);
    const post = h.slack.callsTo('chat.postMessage').at(-1);
    assert.equal(post?.channel, 'C0001');
    assert.match(JSON.stringify(post), /Incident call/);
    assert.ok(!JSON.stringify(post).includes('zak='));
    const ephemeral = h.slack.callsTo('chat.postEphemeral').at(-1);
    assert.equal(ephemeral?.user, 'UNOW');
    assert.match(JSON.stringify(ephemeral), /zak=/);
  });

  test('"/zoom now that Q3 is done retro Fri 3pm" opens the modal with the whole text; no instant meeting', async () => {
    await h.connect({ userId: 'UNOWTEXT' });
    h.slack.setUser('UNOWTEXT', { locale: 'en-US' });
    const creates = h.zoom.stats.creates;
    const answers = await run('now that Q3 is done retro Fri 3pm', 'UNOWTEXT');
    assert.equal(h.zoom.stats.creates, creates);
    assert.deepEqual(answers, []);
    const view = h.openedView(`trig-${n}`);
    const blocks = view.blocks as { block_id: string; element?: { initial_value?: string } }[];
    const initial = (id: string) => blocks.find((b) => b.block_id === id)?.element?.initial_value;
    // The whole text went to the form (how it splits into topic and time is the time reader's call).
    assert.match(`${initial('topic')} ${initial('when')}`, /that Q3 is done retro/);
  });

  for (const text of [
    'list of things to review tomorrow 10am',
    'help desk sync tomorrow 10am',
    'connect with sales tomorrow 10am',
  ]) {
    test(`"/zoom ${text}" is meeting text, not a subcommand`, async () => {
      await h.connect({ userId: 'USUBTEXT' });
      const opens = h.slack.callsTo('views.open').length;
      const answers = await run(text, 'USUBTEXT');
      assert.deepEqual(answers, []);
      assert.equal(h.slack.callsTo('views.open').length, opens + 1);
      assert.match(
        JSON.stringify(h.openedView(`trig-${n}`)),
        new RegExp(text.split(' ').slice(0, 2).join(' ')),
      );
    });
  }

  test('list shows the upcoming meetings with Join links', async () => {
    await h.connect({ userId: 'ULIST' });
    h.slack.setUser('ULIST', { locale: 'en-US' });
    const empty = await run('list', 'ULIST');
    assert.match(JSON.stringify(empty[0]), /no upcoming Zoom meetings/);
    await h.scheduleMeeting({ user: { userId: 'ULIST' }, topic: 'Listed meeting', when: 'tomorrow 16:00' });
    const [answer] = await run('list', 'ULIST');
    assert.equal(answer?.response_type, 'ephemeral');
    assert.match(JSON.stringify(answer), /Listed meeting/);
    assert.match(JSON.stringify(answer), /"url":"[^"]*\/j\//);
    assert.ok(!JSON.stringify(answer).includes('zak='));
  });

  test('Start as host in the list gives a fresh start link to its host only', async () => {
    h.slack.setUser('UOTHERLIST', { locale: 'en-US' });
    await h.connect({ userId: 'UOTHERLIST' });
    const [answer] = await run('list', 'ULIST');
    const meetingId = String(
      JSON.stringify(answer).match(/"action_id":"fresh_start_link".*?"value":"(\d+)"/)?.[1],
    );
    assert.match(meetingId, /^\d+$/);
    await h.interact(
      h.buttonClick('fresh_start_link', meetingId, {
        user: { userId: 'ULIST' },
        responseUrl: h.slack.responseUrl('fresh-host'),
      }),
    );
    await h.interact(
      h.buttonClick('fresh_start_link', meetingId, {
        user: { userId: 'UOTHERLIST' },
        responseUrl: h.slack.responseUrl('fresh-other'),
      }),
    );
    await h.settle();
    const [forHost] = answersTo('fresh-host');
    assert.equal(forHost?.response_type, 'ephemeral');
    assert.match(JSON.stringify(forHost), new RegExp(`/s/${meetingId}\\?zak=`));
    const [forOther] = answersTo('fresh-other');
    assert.ok(!JSON.stringify(forOther).includes('zak='));
    assert.match(String(forOther?.text), /no such meeting in your account/);
  });

  for (const text of ['', 'now', 'list', 'tomorrow 3pm sync']) {
    test(`"/zoom ${text}" without a Zoom connection answers with the connect prompt and calls nothing`, async () => {
      const apiCalls = () => h.zoom.requests.filter((r) => !r.path.includes('/oauth/')).length;
      const before = apiCalls();
      const opens = h.slack.callsTo('views.open').length;
      const [answer] = await run(text, 'UNOTCONNECTED');
      assert.equal(answer?.response_type, 'ephemeral');
      assert.match(JSON.stringify(answer), /"action_id":"zoom_connect"/);
      assert.equal(apiCalls(), before);
      assert.equal(h.slack.callsTo('views.open').length, opens);
    });
  }

  test('a trigger_id that expired before views.open: the user is asked to type the command again', async () => {
    await h.connect({ userId: 'UEXPIRED' });
    h.slack.setUser('UEXPIRED', { locale: 'en-US' });
    h.slack.failNext('views.open', { error: 'expired_trigger_id' });
    const [answer] = await run('sync tomorrow 10am', 'UEXPIRED');
    assert.equal(answer?.response_type, 'ephemeral');
    assert.match(String(answer?.text), /Type the command again/);
  });

  test('every view and message passed Slack validation', () => {
    assert.deepEqual(h.slack.schemaErrors, []);
    assert.deepEqual(h.zoom.schemaErrors, []);
  });
});
