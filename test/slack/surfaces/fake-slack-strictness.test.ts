/** The fake Slack refuses what Slack refuses on the new surfaces, so the other tests can mean something. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { webApi } from '@slack/bolt';
import { type FakeSlack, startFakeSlack } from '../../support/fake-slack.js';

let slack: FakeSlack;
let client: webApi.WebClient;
before(async () => {
  slack = await startFakeSlack();
  client = new webApi.WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
});
after(() => slack.close());

const refused = async (call: Promise<unknown>, error: string) => {
  await assert.rejects(call, (err: { data?: { error?: string } }) => err.data?.error === error);
};
const section = (i: number) => ({ type: 'section', text: { type: 'mrkdwn', text: `row ${i}` } });

test('views.publish: a home view over 100 blocks, or a modal, is refused; a good one is kept per user', async () => {
  const blocks = Array.from({ length: 101 }, (_, i) => section(i));
  await refused(
    client.views.publish({ user_id: 'U1', view: { type: 'home', blocks } as never }),
    'invalid_arguments',
  );
  await refused(
    client.views.publish({ user_id: 'U1', view: { type: 'modal', blocks: [section(1)] } as never }),
    'invalid_arguments',
  );
  await refused(
    client.views.publish({ view: { type: 'home', blocks: [section(1)] } } as never),
    'invalid_arguments',
  );
  await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [section(1)] } as never });
  assert.equal((slack.homes.get('U1')?.blocks as unknown[] | undefined)?.length, 1);
  slack.schemaErrors.length = 0;
});

test('chat.unfurl: needs channel and ts, valid blocks, and no unknown arguments', async () => {
  const unfurls = { 'https://zoom.us/j/1': { blocks: [section(1)] } };
  await refused(client.chat.unfurl({ channel: 'C1', unfurls } as never), 'invalid_arguments');
  await refused(
    client.chat.unfurl({ channel: 'C1', ts: '1.2', unfurls: { x: { blocks: [{ type: 'nope' }] } } } as never),
    'invalid_unfurls',
  );
  await refused(
    client.chat.unfurl({ channel: 'C1', ts: '1.2', unfurls, colour: 'red' } as never),
    'invalid_arguments',
  );
  await refused(
    client.chat.unfurl({ channel: 'C1', unfurl_id: 'U1-x', unfurls } as never),
    'invalid_arguments',
  );
  await refused(
    client.chat.unfurl({ channel: 'C1', ts: '1.2', source: 'composer', unfurl_id: 'U1-x', unfurls } as never),
    'invalid_arguments',
  );
  await client.chat.unfurl({ source: 'composer', unfurl_id: 'U1-x', unfurls });
  await client.chat.unfurl({ channel: 'C1', ts: '1.2', unfurls });
  slack.schemaErrors.length = 0;
});

test('functions.complete*: a known running execution, completed once, outputs as declared', async () => {
  const workflow = new webApi.WebClient('xwfp-workflow', {
    slackApiUrl: slack.apiUrl,
    retryConfig: { retries: 0 },
  });
  // A workflow token is only good while its step runs.
  await refused(
    workflow.functions.completeSuccess({ function_execution_id: 'FxNONE', outputs: {} }),
    'invalid_auth',
  );
  slack.startFunctionExecution('Fx1', { meeting_id: 'string!', start_time: 'string!' }, 'xwfp-workflow');
  await refused(
    workflow.functions.completeSuccess({ function_execution_id: 'FxNONE', outputs: {} }),
    'function_execution_not_found',
  );
  await refused(
    workflow.functions.completeSuccess({ function_execution_id: 'Fx1', outputs: { meeting_id: '1' } }),
    'parameter_validation_failed',
  );
  await refused(
    workflow.functions.completeSuccess({
      function_execution_id: 'Fx1',
      outputs: { meeting_id: 1, start_time: 'x' },
    }),
    'parameter_validation_failed',
  );
  await workflow.functions.completeSuccess({
    function_execution_id: 'Fx1',
    outputs: { meeting_id: '1', start_time: 'x' },
  });
  await refused(
    workflow.functions.completeError({ function_execution_id: 'Fx1', error: 'late' }),
    'execution_not_in_running_state',
  );
  slack.startFunctionExecution('Fx2', {});
  await refused(
    workflow.functions.completeError({ function_execution_id: 'Fx2' } as never),
    'invalid_arguments',
  );
  await workflow.functions.completeError({ function_execution_id: 'Fx2', error: 'why' });
  assert.deepEqual(slack.functionResults.get('Fx2'), { error: 'why' });
});
