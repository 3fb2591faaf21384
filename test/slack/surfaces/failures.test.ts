/** What each new door says when something on the way fails: Zoom, Slack or the bot's storage. */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../../support/app-harness.js';
import { withRedisStopped } from '../../support/redis.js';
import {
  functionExecuted,
  globalShortcut,
  homeAction,
  homeOpened,
  postEvent,
} from '../../support/surface-payloads.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

const homeText = (userId: string) => JSON.stringify(h.slack.homes.get(userId)?.blocks ?? []);

describe('App Home failures', () => {
  test('Zoom not answering: the Home still renders, says why the meetings are missing, and keeps the defaults', async () => {
    await h.connect({ userId: 'UHF1' });
    h.slack.setUser('UHF1', { locale: 'en-US' });
    h.zoom.failNext(
      { method: 'GET', path: /\/users\/me\/meetings$/ },
      { status: 503, body: { code: 503, message: 'down' } },
      3,
    );
    await postEvent(h, homeOpened('UHF1'));
    await h.settle();
    const text = homeText('UHF1');
    assert.match(text, /Your meetings cannot be shown right now\. Zoom is not answering/);
    assert.match(text, /"block_id":"home_defaults"/);
    assert.match(text, /"action_id":"home_disconnect"/);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('a Zoom connection Zoom no longer accepts shows the Connect layout', async () => {
    const { zoomUserId } = await h.connect({ userId: 'UHF2' });
    h.zoom.revokeAll(zoomUserId);
    await postEvent(h, homeOpened('UHF2'));
    await h.settle();
    assert.match(homeText('UHF2'), /"action_id":"zoom_connect"/);
  });

  test('the bot’s storage not answering: the Home says so instead of staying stale', async () => {
    await h.connect({ userId: 'UHF3' });
    const before = h.slack.callsTo('views.publish').length;
    await withRedisStopped(h.redis, async () => {
      const res = await postEvent(h, homeOpened('UHF3'));
      assert.equal(res.status, 200);
      await h.settle();
    });
    assert.equal(h.slack.callsTo('views.publish').length, before + 1);
    assert.match(homeText('UHF3'), /データストアに接続できない/);
  });

  test('a default changed while the storage is down: the Home says so, then shows what is stored', async () => {
    await postEvent(h, homeOpened('UHF4'));
    await h.settle();
    await withRedisStopped(h.redis, async () => {
      await h.interact(
        homeAction(
          h,
          { type: 'static_select', action_id: 'default_duration', selected_option: { value: '90' } },
          { userId: 'UHF4' },
        ),
      );
      await h.settle();
    });
    assert.match(homeText('UHF4'), /データストアに接続できない/);
    // Whether the write landed once Redis resumed is Redis's to say: the next Home shows what it holds.
    await postEvent(h, homeOpened('UHF4'));
    await h.settle();
    const stored =
      (await h.services.redis.hgetall(h.services.keys.userPreferences('T0001', 'UHF4'))).duration ?? '30';
    type Block = {
      block_id?: string;
      elements?: { action_id: string; initial_option?: { value: string } }[];
    };
    const blocks = (h.slack.homes.get('UHF4')?.blocks ?? []) as Block[];
    const shown = blocks
      .find((b) => b.block_id === 'home_defaults')
      ?.elements?.find((e) => e.action_id === 'default_duration')?.initial_option?.value;
    assert.equal(shown, stored);
  });
});

describe('shortcut failures', () => {
  test('the trigger expired before the modal opened: told privately to try again', async () => {
    await h.connect({ userId: 'USF1' });
    h.slack.setUser('USF1', { locale: 'en-US' });
    h.slack.failNext('views.open', { error: 'expired_trigger_id' });
    const posts = h.slack.callsTo('chat.postMessage').length;
    await h.interact(globalShortcut({ userId: 'USF1' }));
    await h.settle();
    const dm = h.slack
      .callsTo('chat.postMessage')
      .slice(posts)
      .find((m) => m.channel === 'DSF1');
    assert.match(String(dm?.text), /The form did not open in time\. Use the shortcut again\./);
  });
});

describe('workflow step failures', () => {
  const outputs = { meeting_id: 'string!', join_url: 'string!', start_time: 'string!' };

  test('created in Zoom but not postable in the channel: the step succeeds and the host learns where it is', async () => {
    await h.connect({ userId: 'UWFF1' });
    h.slack.setUser('UWFF1', { locale: 'en-US' });
    h.slack.notInChannel.add('C0PRIVATE');
    h.slack.startFunctionExecution('FxNP', outputs, 'xwfp-np');
    await postEvent(
      h,
      functionExecuted(
        'FxNP',
        { topic: 'Hidden', when: 'tomorrow 3pm', host: 'UWFF1', channel_id: 'C0PRIVATE' },
        'xwfp-np',
      ),
    );
    await h.settle();
    const result = h.slack.functionResults.get('FxNP') as { outputs: Record<string, string> };
    assert.ok(
      h.zoom.meetings.has(result.outputs.meeting_id ?? ''),
      'the meeting exists, so the step succeeded',
    );
    const told = h.slack.callsTo('chat.postMessage').filter((m) => m.channel === 'DWFF1');
    assert.ok(told.some((m) => /could not post it in that channel/.test(String(m.text))));
  });

  test('Zoom failing a create with a 502: the error says Zoom is not answering and to try later', async () => {
    await h.connect({ userId: 'UWFF2' });
    h.slack.setUser('UWFF2', { locale: 'en-US' });
    h.zoom.failNext({ method: 'POST', path: /\/users\/me\/meetings$/ }, { status: 502, body: 'Bad gateway' });
    h.slack.startFunctionExecution('FxNA', outputs, 'xwfp-na');
    await postEvent(
      h,
      functionExecuted('FxNA', { topic: 'Maybe', when: 'tomorrow 3pm', host: 'UWFF2' }, 'xwfp-na'),
    );
    await h.settle();
    const result = h.slack.functionResults.get('FxNA') as { error: string };
    assert.match(result?.error ?? '', /^Zoom is not answering right now.*Try again/);
  });

  test('storage down: the step fails with the reason and nothing is created', async () => {
    await h.connect({ userId: 'UWFF3' });
    const creates = h.zoom.stats.creates;
    h.slack.startFunctionExecution('FxSD', outputs, 'xwfp-sd');
    await withRedisStopped(h.redis, async () => {
      await postEvent(
        h,
        functionExecuted('FxSD', { topic: 'Down', when: 'tomorrow 3pm', host: 'UWFF3' }, 'xwfp-sd'),
      );
      await h.settle();
    });
    const result = h.slack.functionResults.get('FxSD') as { error: string };
    assert.match(result?.error ?? '', /データストアに接続できない|cannot reach its storage/);
    assert.equal(h.zoom.stats.creates, creates);
  });
});
