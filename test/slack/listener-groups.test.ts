/**
 * The action, view and shortcut listeners grouped one Bolt listener per kind (src/slack/listener-groups.ts):
 * each request still reaches exactly the listeners Bolt itself would run, in order, with the same
 * matches and failures, and a slash command no longer passes through any of their chains.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { App, type Receiver } from '@slack/bolt';
import { groupedListeners } from '../../src/slack/listener-groups.js';
import { silentLogger } from '../../src/startup.js';

const silent = silentLogger;

function app(): { app: App; errors: unknown[] } {
  const receiver: Receiver = { init() {}, start: async () => undefined, stop: async () => undefined };
  const errors: unknown[] = [];
  const bolt = new App({
    receiver,
    authorize: async () => ({ botToken: 'xoxb-test', botId: 'B1', botUserId: 'UBOT' }),
    logger: silent as never,
    convoStore: false,
  });
  bolt.error(async (err) => {
    errors.push(err);
  });
  return { app: bolt, errors };
}

const deliver = (bolt: App, body: Record<string, unknown>) =>
  bolt.processEvent({ body, ack: async () => {} });

const blockAction = (actionId: string) => ({
  type: 'block_actions',
  team: { id: 'T1' },
  user: { id: 'U1', team_id: 'T1' },
  actions: [{ type: 'button', action_id: actionId, block_id: 'b', action_ts: '1' }],
  trigger_id: 't',
});

test('each request reaches the grouped listeners Bolt would run, in order, with their matches', async () => {
  const { app: bolt, errors } = app();
  const heard: string[] = [];
  groupedListeners(bolt, (a) => {
    a.action('cancel', async ({ ack }) => {
      await ack();
      heard.push('cancel');
    });
    a.action(/^page_(\d+)$/, async ({ context }) => {
      heard.push(`page ${String(context.actionIdMatches?.[1])}`);
    });
    a.action({ type: 'block_actions', action_id: 'page_2' }, async () => {
      heard.push('page_2 exact');
    });
    a.view('schedule', async ({ view }) => {
      heard.push(`view ${view.callback_id}`);
    });
    a.view({ callback_id: 'schedule', type: 'view_closed' }, async () => {
      heard.push('closed');
    });
    a.shortcut('global_schedule', async () => {
      heard.push('shortcut');
    });
  });
  await deliver(bolt, blockAction('cancel'));
  await deliver(bolt, blockAction('page_2'));
  await deliver(bolt, blockAction('other'));
  await deliver(bolt, {
    type: 'view_submission',
    team: { id: 'T1' },
    user: { id: 'U1', team_id: 'T1' },
    view: { id: 'V1', callback_id: 'schedule', state: { values: {} } },
  });
  await deliver(bolt, {
    type: 'shortcut',
    callback_id: 'global_schedule',
    team: { id: 'T1' },
    user: { id: 'U1', team_id: 'T1' },
    trigger_id: 't',
  });
  assert.deepEqual(heard, ['cancel', 'page 2', 'page_2 exact', 'view schedule', 'shortcut']);
  assert.deepEqual(errors, []);
});

test('Bolt holds one listener per grouped kind, so a slash command passes through three chains, not six', async () => {
  const { app: bolt } = app();
  const heard: string[] = [];
  bolt.command('/zoom', async ({ ack }) => {
    await ack();
    heard.push('command');
  });
  groupedListeners(bolt, (a) => {
    for (const id of ['a', 'b', 'c', 'd']) a.action(id, async () => void heard.push(id));
    a.view('v', async () => void heard.push('v'));
  });
  // Bolt runs every listener it holds for every request (App#processEvent).
  assert.equal((bolt as unknown as { listeners: unknown[] }).listeners.length, 3);
  await deliver(bolt, {
    command: '/zoom',
    text: 'help',
    team_id: 'T1',
    user_id: 'U1',
    channel_id: 'C1',
    response_url: 'https://hooks.slack.com/commands/T1/1/x',
    trigger_id: 't',
  });
  await deliver(bolt, blockAction('c'));
  assert.deepEqual(heard, ['command', 'c']);
});

test('failing listeners reach the error handler as Bolt reports them', async () => {
  const { app: bolt, errors } = app();
  groupedListeners(bolt, (a) => {
    a.action('one', async () => {
      throw new Error('first failed');
    });
    a.action(/^(one|two)$/, async ({ action }) => {
      if ((action as { action_id: string }).action_id === 'one') throw new Error('second failed');
    });
  });
  await deliver(bolt, blockAction('two'));
  assert.deepEqual(errors, []);
  await deliver(bolt, blockAction('one'));
  assert.equal(errors.length, 1);
  const failure = (errors as unknown[])[0] as { code?: string; originals?: Error[] };
  assert.equal(failure.code, 'slack_bolt_multiple_listener_error');
  assert.deepEqual(
    failure.originals?.map((e) => e.message),
    ['first failed', 'second failed'],
  );
});
