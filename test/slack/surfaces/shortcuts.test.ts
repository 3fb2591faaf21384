import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ModalView } from '../../../src/slack/blocks/types.js';
import { withInvitees } from '../../../src/slack/commands/open-modal.js';
import { messagePrefill } from '../../../src/slack/shortcuts/message-text.js';
import { type Harness, startHarness } from '../../support/app-harness.js';
import { globalShortcut, messageShortcut } from '../../support/surface-payloads.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

type View = {
  callback_id: string;
  private_metadata: string;
  blocks: { block_id: string; optional?: boolean; element?: Record<string, unknown> }[];
};
const input = (view: View, id: string) => view.blocks.find((b) => b.block_id === id)?.element ?? {};

async function fromMessage(
  userId: string,
  message: { text: string; user?: string; ts?: string; thread_ts?: string },
  channelId = 'C0001',
): Promise<{ payload: Record<string, unknown>; responseId: string }> {
  const responseId = `shortcut-${userId}-${Math.random()}`;
  const responseUrl = h.slack.responseUrl(responseId);
  const payload = messageShortcut(message, { userId, channelId, responseUrl });
  const res = await h.interact(payload);
  assert.equal(res.status, 200);
  await h.settle();
  return { payload, responseId };
}

describe('message shortcut schedule_from_message', () => {
  test('prefills the topic from the first line and the time words from the message, and posts in its thread', async () => {
    await h.connect({ userId: 'USC1' });
    h.slack.setUser('USC1', { locale: 'en-US', tz: 'Asia/Tokyo' });
    const { payload } = await fromMessage('USC1', {
      text: '*Design review*\nCan we meet tomorrow 3pm for 45 minutes? <@U0OTHER> &amp; team',
      ts: '1764000000.000100',
    });
    const view = h.openedView(String(payload.trigger_id)) as View;
    assert.equal(view.callback_id, 'schedule_meeting');
    assert.equal(input(view, 'topic').initial_value, 'Design review');
    assert.match(String(input(view, 'when').initial_value), /tomorrow 3pm/);
    assert.equal((input(view, 'duration').initial_option as { value: string }).value, '45');
    assert.equal(input(view, 'channel').initial_conversation, 'C0001');

    await h.interact(h.submission(view, {}, { user: { userId: 'USC1' } }));
    await h.settle();
    const post = [...h.slack.messages.values()].find((m) => /Design review/.test(JSON.stringify(m.blocks)));
    assert.ok(post);
    assert.equal(post.channel, 'C0001');
    assert.equal(post.thread_ts, '1764000000.000100');
    const record = await h.services.meetings.get(
      [...h.zoom.meetings.values()].find((m) => m.topic === 'Design review')?.id ?? '',
    );
    assert.equal(record?.threadTs, '1764000000.000100');
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('time words in the first line leave it as the topic without them; a reply joins its parent thread', async () => {
    await h.connect({ userId: 'USC2' });
    const { payload } = await fromMessage('USC2', {
      text: '明日15時 定例 30分\n議題はあとで',
      ts: '1764000000.000300',
      thread_ts: '1764000000.000200',
    });
    const view = h.openedView(String(payload.trigger_id)) as View;
    assert.equal(input(view, 'topic').initial_value, '定例');
    assert.match(String(input(view, 'when').initial_value), /明日15時/);
    assert.match(view.private_metadata, /"t":"1764000000.000200"/);
    await h.interact(h.submission(view, {}, { user: { userId: 'USC2' } }));
    await h.settle();
    const post = [...h.slack.messages.values()].find(
      (m) => /定例/.test(JSON.stringify(m.blocks)) && m.channel === 'C0001',
    );
    assert.equal(post?.thread_ts, '1764000000.000200');
  });

  test('choosing another channel in the modal posts there at the top level', async () => {
    await h.connect({ userId: 'USC3' });
    const { payload } = await fromMessage('USC3', { text: 'Retro\nfriday 4pm', ts: '1764000000.000400' });
    const view = h.openedView(String(payload.trigger_id)) as View;
    await h.interact(h.submission(view, { channelId: 'C0ELSE' }, { user: { userId: 'USC3' } }));
    await h.settle();
    const post = [...h.slack.messages.values()].find((m) => m.channel === 'C0ELSE');
    assert.ok(post);
    assert.equal(post.thread_ts, undefined);
  });

  test('not connected: a private connect prompt through the response_url, no modal', async () => {
    const opens = h.slack.callsTo('views.open').length;
    const { responseId } = await fromMessage('USC4', { text: 'Sync tomorrow 10am' });
    assert.equal(h.slack.callsTo('views.open').length, opens);
    const answer = h.slack.responses.find((r) => r.id === responseId);
    assert.equal(answer?.body.response_type, 'ephemeral');
    assert.match(JSON.stringify(answer?.body), /zoom_connect/);
  });

  test('the message author is prefilled as an invitee when the modal has an invitees field', () => {
    const base: ModalView = {
      type: 'modal',
      title: { type: 'plain_text', text: 'x' },
      blocks: [
        {
          type: 'input',
          block_id: 'invitees',
          label: { type: 'plain_text', text: 'Invitees' },
          element: { type: 'multi_users_select', action_id: 'invitees', initial_users: ['U1'] },
        },
        { type: 'section', block_id: 'other', text: { type: 'mrkdwn', text: 'x' } },
      ],
    };
    const filled = withInvitees(base, ['UAUTHOR', 'U1']);
    assert.deepEqual((filled.blocks[0] as { element: { initial_users: string[] } }).element.initial_users, [
      'U1',
      'UAUTHOR',
    ]);
    assert.deepEqual(filled.blocks[1], base.blocks[1]);
    // Without such a field the modal is left as it is.
    const plain: ModalView = { ...base, blocks: [base.blocks[1] as ModalView['blocks'][number]] };
    assert.deepEqual(withInvitees(plain, ['UAUTHOR']), plain);
  });

  test('message text: markup made plain, first line found', () => {
    assert.deepEqual(
      messagePrefill('\n\n> *Kickoff* <https://x.example|deck>\nnext Tue 10:30 <#C1|general>'),
      {
        firstLine: 'Kickoff deck',
        flat: 'Kickoff deck next Tue 10:30 #general',
      },
    );
    assert.deepEqual(messagePrefill(undefined), { firstLine: '', flat: '' });
  });
});

describe('global shortcut schedule_meeting_global', () => {
  test('opens the modal with a required channel and no current conversation', async () => {
    await h.connect({ userId: 'USG1' });
    const payload = globalShortcut({ userId: 'USG1' });
    assert.equal((await h.interact(payload)).status, 200);
    await h.settle();
    const view = h.openedView(String(payload.trigger_id)) as View;
    assert.equal(view.callback_id, 'schedule_meeting');
    const channel = view.blocks.find((b) => b.block_id === 'channel');
    assert.notEqual(channel?.optional, true);
    assert.equal(input(view, 'channel').initial_conversation, undefined);

    const creates = h.zoom.stats.creates;
    const refused = await h.interact(
      h.submission(view, { topic: 'Global', when: 'tomorrow 9:00' }, { user: { userId: 'USG1' } }),
    );
    const body = (await refused.json()) as { errors?: Record<string, string> };
    assert.ok(body.errors?.channel);
    await h.settle();
    assert.equal(h.zoom.stats.creates, creates);

    await h.interact(
      h.submission(
        view,
        { topic: 'Global', when: 'tomorrow 9:00', channelId: 'C0G' },
        { user: { userId: 'USG1' } },
      ),
    );
    await h.settle();
    assert.equal(h.zoom.stats.creates, creates + 1);
    assert.ok(
      [...h.slack.messages.values()].some(
        (m) => m.channel === 'C0G' && /Global/.test(JSON.stringify(m.blocks)),
      ),
    );
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('not connected: the connect prompt arrives as a DM', async () => {
    const posts = h.slack.callsTo('chat.postMessage').length;
    await h.interact(globalShortcut({ userId: 'USG2' }));
    await h.settle();
    const dm = h.slack
      .callsTo('chat.postMessage')
      .slice(posts)
      .find((m) => m.channel === 'DSG2');
    assert.match(JSON.stringify(dm), /zoom_connect/);
  });
});
