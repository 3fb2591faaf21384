import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

/** Opens the modal for `userId` and submits it; answers what the user was told privately afterwards. */
async function submitMeeting(userId: string, topic: string, channelId = 'C0001') {
  const triggerId = `T-${topic.replace(/\W/g, '')}`;
  await h.command('', { userId, triggerId, channelId, responseUrl: h.slack.responseUrl(`cmd-${triggerId}`) });
  await h.settle();
  const res = await h.interact(
    h.submission(h.openedView(triggerId), { topic, when: 'tomorrow 13:00' }, { user: { userId } }),
  );
  assert.equal(res.status, 200);
  await h.settle();
  const ephemerals = h.slack
    .callsTo('chat.postEphemeral')
    .filter((a) => a.user === userId)
    .map((a) => String(a.text));
  const responses = h.slack.responses.filter((r) => r.id === `cmd-${triggerId}`).map((r) => r.body);
  return { ephemerals, responses };
}

const posted = (topic: string) =>
  h.slack.callsTo('chat.postMessage').some((a) => JSON.stringify(a).includes(topic));

describe('failures after the modal closed', () => {
  test('Zoom 429: the user reads, in their language, that it was not done and when to try again; nothing is posted', async () => {
    await h.connect({ userId: 'U429' });
    h.slack.setUser('U429', { locale: 'en-US' });
    const message =
      'You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user.';
    h.zoom.failNext(
      { method: 'POST', path: /\/users\/me\/meetings$/ },
      { status: 429, body: { code: 429, message } },
    );
    const { ephemerals } = await submitMeeting('U429', 'Rate limited');
    assert.equal(ephemerals.length, 1);
    assert.ok(!ephemerals[0]?.includes('daily rate limit (100)'), "Zoom's raw English is not shown");
    assert.match(
      ephemerals[0] ?? '',
      /^Zoom's request limit is reached, so this was not done\. Try again after <!date\^\d+\^/,
    );
    assert.equal(posted('Rate limited'), false);
  });

  test('Zoom 500 on every try: the user is told Zoom is not answering', async () => {
    await h.connect({ userId: 'U500' });
    h.slack.setUser('U500', { locale: 'ja-JP' });
    h.zoom.failNext(
      { method: 'POST', path: /\/users\/me\/meetings$/ },
      { status: 500, body: { message: 'boom' } },
      3, // the harness's jobs try three times
    );
    const { ephemerals } = await submitMeeting('U500', 'Zoom down');
    assert.equal(ephemerals.length, 1);
    assert.match(ephemerals[0] ?? '', /^Zoom が応答していないため、実行できませんでした。/);
    assert.equal(posted('Zoom down'), false);
  });

  test('Zoom 500 once: the create is tried again and the meeting is posted once, with no failure notice', async () => {
    await h.connect({ userId: 'U500B' });
    h.slack.setUser('U500B', { locale: 'en-US' });
    h.zoom.failNext(
      { method: 'POST', path: /\/users\/me\/meetings$/ },
      { status: 500, body: { message: 'boom' } },
    );
    const creates = h.zoom.stats.creates;
    const { ephemerals } = await submitMeeting('U500B', 'Second try');
    assert.equal(h.zoom.stats.creates, creates + 1);
    assert.equal(
      h.slack.callsTo('chat.postMessage').filter((a) => JSON.stringify(a).includes('Second try')).length,
      1,
    );
    assert.ok(!ephemerals.some((t) => /not answering|not done/.test(t)), ephemerals.join('\n'));
  });

  test('an expired access token is refreshed mid-flow and the meeting is created', async () => {
    const { zoomUserId } = await h.connect({ userId: 'UEXP' });
    h.zoom.expireAccessTokens(zoomUserId);
    const refreshes = h.zoom.stats.refreshGrants;
    const { ephemerals } = await submitMeeting('UEXP', 'After refresh');
    assert.equal(h.zoom.stats.refreshGrants, refreshes + 1);
    assert.equal(posted('After refresh'), true);
    assert.ok(ephemerals.some((t) => /start/i.test(t) || /開始/.test(t)));
  });

  test('a revoked Zoom connection: the user gets the connect prompt; nothing is posted', async () => {
    const { zoomUserId } = await h.connect({ userId: 'UREV' });
    h.zoom.revokeAll(zoomUserId);
    h.zoom.expireAccessTokens(zoomUserId);
    h.slack.setUser('UREV', { locale: 'en-US' });
    await submitMeeting('UREV', 'Revoked');
    const notice = h.slack
      .callsTo('chat.postEphemeral')
      .filter((a) => a.user === 'UREV')
      .at(-1);
    assert.match(String(notice?.text), /Run `\/zoom connect`/);
    assert.match(JSON.stringify(notice?.blocks), /"action_id":"zoom_connect"/);
    assert.equal(posted('Revoked'), false);
  });

  test('the bot is not in the channel: the meeting goes out through the response_url, and later updates too', async () => {
    await h.connect({ userId: 'UPRIV' });
    h.slack.setUser('UPRIV', { locale: 'en-US' });
    h.slack.notInChannel.add('GPRIVATE');
    await submitMeeting('UPRIV', 'Private room', 'GPRIVATE');
    // The channel picker's response_url for the conversation (fresher than the command's).
    const responses = h.slack.responses.filter((r) => r.id === 'view-GPRIVATE').map((r) => r.body);
    const inChannel = responses.find((r) => r.response_type === 'in_channel');
    assert.match(JSON.stringify(inChannel), /Private room/);
    assert.ok(!JSON.stringify(inChannel).includes('zak='));
    const startLink = responses.find((r) => r.response_type === 'ephemeral');
    assert.match(JSON.stringify(startLink), /zak=/);
    const id = [...h.zoom.meetings.keys()].at(-1) as string;
    const record = await h.services.meetings.get(id);
    assert.equal(record?.messageTs, undefined);
    assert.ok(record?.responseUrl);

    // Cancel from the message: the update goes to the button's response_url.
    await h.interact(
      h.buttonClick('cancel_meeting', id, {
        user: { userId: 'UPRIV' },
        channelId: 'GPRIVATE',
        responseUrl: h.slack.responseUrl('priv-button'),
      }),
    );
    await h.settle();
    const onButton = h.slack.responses.filter((r) => r.id === 'priv-button').map((r) => r.body);
    const replaced = onButton.find((b) => b.replace_original === true);
    assert.match(JSON.stringify(replaced), /Cancelled/);
    assert.ok(!JSON.stringify(replaced).includes('cancel_meeting'));
  });

  test("another channel picked in the modal, and the bot is not in it: shown there through the picker's response_url, nothing where /zoom was typed", async () => {
    await h.connect({ userId: 'UPICK' });
    h.slack.setUser('UPICK', { locale: 'en-US' });
    h.slack.notInChannel.add('GOTHER');
    const triggerId = 'T-picked-other';
    await h.command('', {
      userId: 'UPICK',
      triggerId,
      channelId: 'C0001',
      responseUrl: h.slack.responseUrl(`cmd-${triggerId}`),
    });
    await h.settle();
    const view = h.openedView(triggerId) as {
      blocks: { block_id?: string; element?: Record<string, unknown> }[];
    };
    const picker = view.blocks.find((b) => b.block_id === 'channel')?.element;
    assert.equal(picker?.response_url_enabled, true);
    const res = await h.interact(
      h.submission(
        view,
        { topic: 'Elsewhere', when: 'tomorrow 13:00', channelId: 'GOTHER' },
        { user: { userId: 'UPICK' } },
      ),
    );
    assert.equal(res.status, 200);
    await h.settle();
    const responses = h.slack.responses.filter((r) => r.id === `cmd-${triggerId}`).map((r) => r.body);
    assert.equal(
      responses.some((r) => r.response_type === 'in_channel'),
      false,
    );
    const id = [...h.zoom.meetings.keys()].at(-1) as string;
    const inOther = h.slack.responses.filter((r) => r.id === 'view-GOTHER').map((r) => r.body);
    const shown = inOther.find((r) => r.response_type === 'in_channel');
    assert.match(JSON.stringify(shown), /Elsewhere/);
    assert.ok(JSON.stringify(shown).includes(h.zoom.meetings.get(id)?.join_url ?? 'missing'));
    const record = await h.services.meetings.get(id);
    assert.equal(record?.channelId, 'GOTHER');
    assert.match(String(record?.responseUrl), /\/response\/view-GOTHER\//);
  });

  test('another channel picked, the bot is not in it and Slack gave no response_url for it: the host is told privately', async () => {
    await h.connect({ userId: 'UPICK2' });
    h.slack.setUser('UPICK2', { locale: 'en-US' });
    h.slack.notInChannel.add('GOTHER2');
    const triggerId = 'T-picked-other-2';
    await h.command('', {
      userId: 'UPICK2',
      triggerId,
      channelId: 'C0001',
      responseUrl: h.slack.responseUrl(`cmd-${triggerId}`),
    });
    await h.settle();
    const payload = h.submission(
      h.openedView(triggerId),
      { topic: 'Nowhere', when: 'tomorrow 13:00', channelId: 'GOTHER2' },
      { user: { userId: 'UPICK2' } },
    ) as { response_urls?: unknown[] };
    payload.response_urls = [];
    const res = await h.interact(payload);
    assert.equal(res.status, 200);
    await h.settle();
    const responses = h.slack.responses.filter((r) => r.id === `cmd-${triggerId}`).map((r) => r.body);
    assert.equal(
      responses.some((r) => r.response_type === 'in_channel'),
      false,
    );
    assert.equal(
      [...h.slack.messages.values()].some((m) => JSON.stringify(m).includes('Nowhere')),
      false,
    );
    const id = [...h.zoom.meetings.keys()].at(-1) as string;
    const told = responses.find((r) => r.response_type === 'ephemeral');
    assert.match(String(told?.text), /could not post it in that channel/);
    assert.ok(String(told?.text).includes(h.zoom.meetings.get(id)?.join_url ?? 'missing'));
  });

  test('every view and message passed validation', () => {
    assert.deepEqual(h.slack.schemaErrors, []);
    assert.deepEqual(h.zoom.schemaErrors, []);
  });
});

describe('request signatures', () => {
  const body = new URLSearchParams({
    team_id: 'T0001',
    user_id: 'USIG',
    channel_id: 'C0001',
    command: '/zoom',
    text: 'now',
    trigger_id: 't',
    response_url: 'http://127.0.0.1:1/x',
  }).toString();

  test('a forged signature gets 401 and nothing runs', async () => {
    await h.connect({ userId: 'USIG' });
    const calls = h.slack.calls.length;
    const creates = h.zoom.stats.creates;
    const res = await h.postSlack(body, 'application/x-www-form-urlencoded', {
      signature: `v0=${'0'.repeat(64)}`,
    });
    assert.equal(res.status, 401);
    await h.settle();
    assert.equal(h.slack.calls.length, calls);
    assert.equal(h.zoom.stats.creates, creates);
  });

  test('a signature older than five minutes gets 401 and nothing runs', async () => {
    const creates = h.zoom.stats.creates;
    const res = await h.postSlack(body, 'application/x-www-form-urlencoded', {
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    assert.equal(res.status, 401);
    await h.settle();
    assert.equal(h.zoom.stats.creates, creates);
  });
});

describe('the start link when the host cannot get an ephemeral message', () => {
  test('it goes to the host by DM, never to the channel', async () => {
    await h.connect({ userId: 'UDMHOST' });
    h.slack.failNext('chat.postEphemeral', { error: 'user_not_in_channel' });
    await submitMeeting('UDMHOST', 'DM start link');
    const dm = h.slack.callsTo('chat.postMessage').filter((a) => a.channel === 'DDMHOST');
    assert.equal(dm.length, 1);
    assert.match(JSON.stringify(dm[0]), /zak=/);
    const channelPost = h.slack
      .callsTo('chat.postMessage')
      .find((a) => JSON.stringify(a).includes('DM start link') && a.channel === 'C0001');
    assert.ok(channelPost);
    assert.ok(!JSON.stringify(channelPost).includes('zak='));
  });
});
