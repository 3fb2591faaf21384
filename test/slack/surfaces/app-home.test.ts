import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../../support/app-harness.js';
import { homeAction, homeOpened, postEvent } from '../../support/surface-payloads.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

type Block = {
  type: string;
  block_id?: string;
  text?: { text: string };
  accessory?: Element;
  elements?: Element[];
};
type Element = {
  type: string;
  action_id?: string;
  url?: string;
  value?: string;
  initial_option?: { value: string };
  text?: { text: string };
};

/** Opens the Home as Slack does and answers the view the bot published for that user. */
async function openHome(userId: string): Promise<Block[]> {
  const before = h.slack.callsTo('views.publish').length;
  const res = await postEvent(h, homeOpened(userId));
  assert.equal(res.status, 200);
  await h.settle();
  const published = h.slack.callsTo('views.publish').slice(before);
  assert.equal(published.length, 1, 'one views.publish per app_home_opened');
  assert.equal(published[0]?.user_id, userId);
  return homeBlocks(userId);
}

const homeBlocks = (userId: string) => (h.slack.homes.get(userId)?.blocks ?? []) as Block[];
const block = (blocks: Block[], id: string) => blocks.find((b) => b.block_id === id);
const actionIds = (b: Block | undefined) =>
  [...(b?.elements ?? []), ...(b?.accessory ? [b.accessory] : [])].map((e) => e.action_id);

async function click(userId: string, action: Record<string, unknown>): Promise<void> {
  const res = await h.interact(homeAction(h, action, { userId }));
  assert.equal(res.status, 200);
  await h.settle();
}

/** A meeting created in the Zoom app itself, unknown to the bot. */
function meetingMadeInZoom(zoomUserId: string, topic: string, hoursAhead: number): string {
  const id = String(70_000_000_000 + Math.floor(Math.random() * 9_999_999_999));
  h.zoom.meetings.set(id, {
    id: Number(id),
    topic,
    type: 2,
    start_time: new Date(Date.now() + hoursAhead * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    duration: 30,
    timezone: 'Asia/Tokyo',
    join_url: `https://zoom.us/j/${id}?pwd=abc`,
    hostZoomUserId: zoomUserId,
  });
  return id;
}

describe('App Home', () => {
  test('not connected: a Connect button whose url starts the Zoom authorize flow', async () => {
    const blocks = await openHome('UHOMENEW');
    const connection = block(blocks, 'home_connection');
    assert.ok(connection, 'home_connection block');
    const button = connection.accessory;
    assert.equal(button?.action_id, 'zoom_connect');
    const url = new URL(String(button?.url));
    assert.equal(`${url.origin}${url.pathname}`, `${h.zoom.oauthUrl}/oauth/authorize`);
    assert.ok(url.searchParams.get('state'));
    assert.equal(url.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(block(blocks, 'home_meetings'), undefined);
    assert.ok(block(blocks, 'home_defaults'));
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('connected: email, Disconnect, Schedule, and the next meetings from Zoom, including ones made outside Slack', async () => {
    const { zoomUserId } = await h.connect({ userId: 'UHOME1' }, { email: 'hana@example.com' });
    h.slack.setUser('UHOME1', { locale: 'en-US', tz: 'Asia/Tokyo' });
    const posted = await h.scheduleMeeting({
      user: { userId: 'UHOME1' },
      topic: 'Design review',
      when: 'tomorrow 15:00',
    });
    const outside = meetingMadeInZoom(zoomUserId, 'Made in Zoom', 2);

    const blocks = await openHome('UHOME1');
    const connection = block(blocks, 'home_connection');
    assert.match(connection?.text?.text ?? '', /hana@example\.com/);
    assert.deepEqual(actionIds(connection), ['home_disconnect']);
    assert.deepEqual(actionIds(block(blocks, 'home_connection_actions')), ['home_schedule']);
    assert.ok(block(blocks, 'home_meetings'));
    assert.equal(block(blocks, 'home_meetings')?.type, 'header');

    const meetingIds = blocks.filter((b) => b.block_id?.startsWith('home_meeting:')).map((b) => b.block_id);
    // Sorted by start: the one made in Zoom starts in 2 hours, the posted one tomorrow.
    assert.deepEqual(meetingIds, [`home_meeting:${outside}`, `home_meeting:${posted.meetingId}`]);
    assert.match(
      block(blocks, `home_meeting:${posted.meetingId}`)?.text?.text ?? '',
      /Design review[\s\S]*<!date\^/,
    );
    assert.deepEqual(actionIds(block(blocks, `home_meeting_actions:${posted.meetingId}`)), [
      'join_meeting',
      'fresh_start_link',
      'reschedule_meeting',
      'cancel_meeting',
    ]);
    // Not posted by the bot: no Reschedule / Cancel, but still Start as host.
    assert.deepEqual(actionIds(block(blocks, `home_meeting_actions:${outside}`)), [
      'join_meeting',
      'fresh_start_link',
    ]);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('Start as host from the Home sends a fresh start link to the host only, in a DM', async () => {
    const { zoomUserId } = await h.connect({ userId: 'UHOME2' });
    const id = meetingMadeInZoom(zoomUserId, 'Board call', 5);
    await openHome('UHOME2');
    const dmBefore = h.slack.callsTo('chat.postMessage').length;
    await click('UHOME2', { type: 'button', action_id: 'fresh_start_link', value: id });
    const sent = h.slack.callsTo('chat.postMessage').slice(dmBefore);
    assert.equal(sent.length, 1);
    assert.equal(sent[0]?.channel, 'DHOME2');
    assert.ok(JSON.stringify(sent[0]).includes(`/s/${id}?zak=`));
    assert.ok(h.zoom.requests.some((r) => r.method === 'GET' && r.path.endsWith(`/meetings/${id}`)));
  });

  test('Cancel from the Home cancels through the same use case and re-renders the Home', async () => {
    await h.connect({ userId: 'UHOME3' });
    const record = await h.scheduleMeeting({
      user: { userId: 'UHOME3' },
      topic: 'To cancel',
      when: 'tomorrow 10:00',
    });
    let blocks = await openHome('UHOME3');
    assert.ok(block(blocks, `home_meeting:${record.meetingId}`));
    const publishes = h.slack.callsTo('views.publish').length;
    await click('UHOME3', { type: 'button', action_id: 'cancel_meeting', value: record.meetingId });
    assert.equal(h.zoom.meetings.has(record.meetingId), false, 'deleted in Zoom');
    assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'cancelled');
    const channelMessage = h.slack.messages.get(`${record.channelId}:${record.messageTs}`);
    assert.match(JSON.stringify(channelMessage?.blocks), /~To cancel~/);
    assert.equal(h.slack.callsTo('views.publish').length, publishes + 1);
    blocks = homeBlocks('UHOME3');
    assert.equal(block(blocks, `home_meeting:${record.meetingId}`), undefined);
    // The private notice went to the DM (a Home click has no response_url).
    assert.ok(
      h.slack
        .callsTo('chat.postMessage')
        .some((m) => m.channel === 'DHOME3' && /To cancel/.test(String(m.text))),
    );
  });

  test('Reschedule from the Home opens the reschedule form; after saving, the Home shows the new time', async () => {
    await h.connect({ userId: 'UHOME7' });
    const record = await h.scheduleMeeting({
      user: { userId: 'UHOME7' },
      topic: 'To move',
      when: '2030-03-04 10:00',
    });
    await openHome('UHOME7');
    await click('UHOME7', { type: 'button', action_id: 'reschedule_meeting', value: record.meetingId });
    const view = h.openedView() as { callback_id: string };
    assert.equal(view.callback_id, 'reschedule_meeting');
    const publishes = h.slack.callsTo('views.publish').length;
    await h.interact(
      h.submission(
        view as Record<string, unknown>,
        { when: '2030-03-05 14:30' },
        { user: { userId: 'UHOME7' } },
      ),
    );
    await h.settle();
    assert.equal((await h.services.meetings.get(record.meetingId))?.startInstant, '2030-03-05T05:30:00.000Z');
    assert.equal(h.slack.callsTo('views.publish').length, publishes + 1);
    const unix = Date.parse('2030-03-05T05:30:00Z') / 1000;
    assert.match(
      JSON.stringify(block(homeBlocks('UHOME7'), `home_meeting:${record.meetingId}`)),
      new RegExp(`<!date\\^${unix}\\^`),
    );
  });

  test('more meetings than a page: 10 at a time with Next / Previous, far under 100 blocks', async () => {
    const { zoomUserId } = await h.connect({ userId: 'UHOME4' });
    for (let i = 0; i < 25; i++) meetingMadeInZoom(zoomUserId, `Meeting ${i}`, i + 1);
    let blocks = await openHome('UHOME4');
    const listed = () => homeBlocks('UHOME4').filter((b) => b.block_id?.startsWith('home_meeting:'));
    assert.equal(listed().length, 10);
    assert.ok(blocks.length <= 100);
    assert.deepEqual(actionIds(block(blocks, 'home_paging')), ['home_page_next']);
    await click('UHOME4', { type: 'button', action_id: 'home_page_next', value: '1' });
    blocks = homeBlocks('UHOME4');
    assert.equal(listed().length, 10);
    assert.match(JSON.stringify(listed()[0]), /Meeting 10\*/);
    assert.deepEqual(actionIds(block(blocks, 'home_paging')), ['home_page_previous', 'home_page_next']);
    await click('UHOME4', { type: 'button', action_id: 'home_page_next', value: '2' });
    assert.equal(listed().length, 5);
    assert.deepEqual(actionIds(block(homeBlocks('UHOME4'), 'home_paging')), ['home_page_previous']);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('Disconnect removes the Zoom tokens and shows the Connect layout', async () => {
    await h.connect({ userId: 'UHOME5' });
    await openHome('UHOME5');
    await click('UHOME5', { type: 'button', action_id: 'home_disconnect' });
    assert.equal(await h.services.tokens.load({ teamId: 'T0001', userId: 'UHOME5' }), null);
    assert.equal(block(homeBlocks('UHOME5'), 'home_connection')?.accessory?.action_id, 'zoom_connect');
  });

  test('Schedule from the Home opens the usual modal; the channel is required; the Home follows the new meeting', async () => {
    await h.connect({ userId: 'UHOME6' });
    await openHome('UHOME6');
    await click('UHOME6', { type: 'button', action_id: 'home_schedule' });
    const view = h.openedView() as {
      callback_id: string;
      blocks: { block_id: string; element?: Record<string, unknown> }[];
    };
    assert.equal(view.callback_id, 'schedule_meeting');
    assert.equal(view.blocks.find((b) => b.block_id === 'channel')?.element?.initial_conversation, undefined);

    const noChannel = await h.interact(
      h.submission(view, { topic: 'From home', when: 'tomorrow 11:00' }, { user: { userId: 'UHOME6' } }),
    );
    const refused = (await noChannel.json()) as { response_action: string; errors: Record<string, string> };
    assert.equal(refused.response_action, 'errors');
    assert.match(refused.errors.channel ?? '', /チャンネル/);
    const creates = h.zoom.stats.creates;

    const publishes = h.slack.callsTo('views.publish').length;
    await h.interact(
      h.submission(
        view,
        { topic: 'From home', when: 'tomorrow 11:00', channelId: 'C0HOME' },
        { user: { userId: 'UHOME6' } },
      ),
    );
    await h.settle();
    assert.equal(h.zoom.stats.creates, creates + 1);
    assert.ok(
      [...h.slack.messages.values()].some(
        (m) => m.channel === 'C0HOME' && /From home/.test(JSON.stringify(m.blocks)),
      ),
    );
    assert.equal(h.slack.callsTo('views.publish').length, publishes + 1);
    assert.match(JSON.stringify(homeBlocks('UHOME6')), /From home/);
  });
});

describe('personal defaults', () => {
  const select = (actionId: string, value: string) => ({
    type: 'static_select',
    action_id: actionId,
    selected_option: { value, text: { type: 'plain_text', text: value } },
  });
  const initial = (userId: string, actionId: string) =>
    block(homeBlocks(userId), 'home_defaults')?.elements?.find((e) => e.action_id === actionId)
      ?.initial_option?.value;

  test('the four selects are in home_defaults and start at the defaults', async () => {
    const blocks = await openHome('UDEF0');
    assert.deepEqual(actionIds(block(blocks, 'home_defaults')), [
      'default_duration',
      'default_reminder',
      'default_recording',
      'default_language',
    ]);
    assert.equal(initial('UDEF0', 'default_language'), 'auto');
    // The same values the scheduling modal starts from when nothing was chosen.
    assert.equal(initial('UDEF0', 'default_duration'), '30');
    assert.equal(initial('UDEF0', 'default_reminder'), '10');
  });

  test('a change is saved in Redis, the Home re-renders, and the modal starts from it', async () => {
    await h.connect({ userId: 'UDEF1' });
    await openHome('UDEF1');
    await click('UDEF1', select('default_duration', '60'));
    await click('UDEF1', select('default_recording', 'cloud'));
    await click('UDEF1', select('default_reminder', '10'));
    const stored = await h.services.redis.hgetall(h.services.keys.userPreferences('T0001', 'UDEF1'));
    assert.deepEqual(stored, { duration: '60', recording: 'cloud', reminder: '10' });
    assert.equal(initial('UDEF1', 'default_duration'), '60');
    assert.equal(initial('UDEF1', 'default_reminder'), '10');

    await h.command('定例', { userId: 'UDEF1', triggerId: 'T-def1' });
    await h.settle();
    const view = h.openedView('T-def1') as {
      blocks: { block_id: string; element: { initial_option?: { value: string } } }[];
    };
    const field = (id: string) => view.blocks.find((b) => b.block_id === id)?.element.initial_option?.value;
    assert.equal(field('duration'), '60');
    assert.equal(field('recording'), 'cloud');
  });

  test('a value the Home does not offer changes nothing', async () => {
    await openHome('UDEF2');
    await click('UDEF2', select('default_duration', '45'));
    await click('UDEF2', select('default_duration', '7'));
    await click('UDEF2', select('default_language', 'fr'));
    const stored = await h.services.redis.hgetall(h.services.keys.userPreferences('T0001', 'UDEF2'));
    assert.deepEqual(stored, { duration: '45' });
    assert.equal(initial('UDEF2', 'default_duration'), '45');
    assert.equal(initial('UDEF2', 'default_language'), 'auto');
  });

  test('the language applies to everything the bot says to that user, and auto goes back to Slack’s', async () => {
    h.slack.setUser('UDEF3', { locale: 'ja-JP' });
    let blocks = await openHome('UDEF3');
    assert.match(JSON.stringify(blocks), /既定の設定/);
    await click('UDEF3', select('default_language', 'en'));
    assert.match(JSON.stringify(homeBlocks('UDEF3')), /Your defaults/);

    const responses = h.slack.responses.length;
    await h.command('help', { userId: 'UDEF3' });
    await h.settle();
    assert.match(JSON.stringify(h.slack.responses.slice(responses)), /Schedule Zoom meetings from Slack/);
    await h.command('明日15時 定例', { userId: 'UDEF3', triggerId: 'T-def3' });
    await h.settle();
    // Not connected: the prompt is in English too.
    assert.match(JSON.stringify(h.slack.responses.at(-1)), /Connect your Zoom account/);

    await click('UDEF3', select('default_language', 'auto'));
    blocks = homeBlocks('UDEF3');
    assert.match(JSON.stringify(blocks), /既定の設定/);
  });
});
