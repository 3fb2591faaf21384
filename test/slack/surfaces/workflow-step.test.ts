import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { parse } from 'yaml';
import { type Harness, startHarness } from '../../support/app-harness.js';
import { functionExecuted, postEvent, type StepInputs } from '../../support/surface-payloads.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

/** Slack checks a step's outputs against the manifest's output_parameters: the fake does the same. */
const manifest = parse(readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8')) as {
  functions: Record<string, { output_parameters: Record<string, { type: string; is_required?: boolean }> }>;
};
const declaredOutputs = Object.fromEntries(
  Object.entries(manifest.functions.create_zoom_meeting?.output_parameters ?? {}).map(([name, p]) => [
    name,
    `${p.type}${p.is_required ? '!' : ''}`,
  ]),
);

let executions = 0;
async function runStep(inputs: StepInputs, executionId = `Fx${++executions}`) {
  const token = `xwfp-${executionId}`;
  h.slack.startFunctionExecution(executionId, declaredOutputs, token);
  const res = await postEvent(h, functionExecuted(executionId, inputs, token));
  assert.equal(res.status, 200);
  await h.settle();
  return { executionId, result: h.slack.functionResults.get(executionId) };
}

const outputsOf = (result: unknown) => (result as { outputs: Record<string, string> }).outputs;
const errorOf = (result: unknown) => (result as { error: string }).error;

describe('Workflow Builder step create_zoom_meeting', () => {
  test('creates the meeting in the host’s Zoom, posts it in the channel and completes with its outputs', async () => {
    const { zoomUserId } = await h.connect({ userId: 'UWF1' });
    h.slack.setUser('UWF1', { tz: 'Asia/Tokyo', locale: 'en-US' });
    const { result } = await runStep({
      topic: 'Weekly sync',
      when: 'tomorrow 3pm',
      duration: 45,
      channel_id: 'C0WF',
      host: 'UWF1',
    });
    const outputs = outputsOf(result);
    const meeting = h.zoom.meetings.get(outputs.meeting_id ?? '');
    assert.ok(meeting, 'the meeting exists in Zoom');
    assert.equal(meeting.hostZoomUserId, zoomUserId);
    assert.equal(meeting.duration, 45);
    assert.equal(outputs.join_url, meeting.join_url);
    assert.match(outputs.start_time ?? '', /^\d{4}-\d\d-\d\dT15:00:00\+09:00$/);
    assert.equal(Date.parse(outputs.start_time ?? ''), Date.parse(meeting.start_time ?? ''));
    const post = [...h.slack.messages.values()].find((m) => m.channel === 'C0WF');
    assert.match(JSON.stringify(post?.blocks), /Weekly sync/);
    // The start link goes to the host only.
    const ephemeral = h.slack
      .callsTo('chat.postEphemeral')
      .find((a) => JSON.stringify(a).includes(`/s/${outputs.meeting_id}?zak=`));
    assert.equal(ephemeral?.user, 'UWF1');
    assert.equal(h.slack.callsTo('functions.completeError').length, 0);
    // Completed with the step's own workflow token, as Bolt does (attachFunctionToken).
    const tokens = h.slack.calls.filter((c) => c.method === 'functions.completeSuccess').map((c) => c.token);
    assert.ok(tokens.includes('xwfp-Fx1'), `completed with ${tokens.join(', ')}`);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('“when” is read in the host’s zone with its length; without a channel the meeting goes to the host privately', async () => {
    await h.connect({ userId: 'UWF2' });
    h.slack.setUser('UWF2', { tz: 'America/New_York', locale: 'ja-JP' });
    const { result } = await runStep({ topic: '定例', when: '明日の10時 1時間半', host: 'UWF2' });
    const outputs = outputsOf(result);
    assert.match(outputs.start_time ?? '', /T10:00:00-0[45]:00$/);
    assert.equal(h.zoom.meetings.get(outputs.meeting_id ?? '')?.duration, 90);
    const post = [...h.slack.messages.values()].find((m) => m.channel === 'DWF2');
    assert.match(JSON.stringify(post?.blocks), /reschedule_meeting/);
  });

  test('not connected: completes with an error the author understands, and the host gets a connect link privately', async () => {
    const creates = h.zoom.stats.creates;
    const { result } = await runStep({
      topic: 'Sync',
      when: 'tomorrow 9am',
      host: 'UWF3',
      channel_id: 'C0WF',
    });
    assert.match(
      errorOf(result),
      /has not connected a Zoom account|Zoom アカウントをボットに連携していません/,
    );
    assert.equal(h.zoom.stats.creates, creates);
    const dm = h.slack.callsTo('chat.postMessage').find((m) => m.channel === 'DWF3');
    assert.match(JSON.stringify(dm), /zoom_connect/);
    assert.match(JSON.stringify(dm), /oauth\/authorize/);
  });

  test('a time that cannot be read: an error naming the input, nothing created', async () => {
    await h.connect({ userId: 'UWF4' });
    h.slack.setUser('UWF4', { locale: 'en-US' });
    const creates = h.zoom.stats.creates;
    const { result } = await runStep({ topic: 'Sync', when: 'whenever suits', host: 'UWF4' });
    assert.match(errorOf(result), /could not read the "when" input \("whenever suits"\)/);
    const past = await runStep({ topic: 'Sync', when: 'Jan 1 2020 10am', host: 'UWF4' });
    assert.match(errorOf(past.result), /"when"/);
    const long = await runStep({ topic: 'Sync', when: 'tomorrow 3pm', duration: 5000, host: 'UWF4' });
    assert.match(errorOf(long.result), /"duration"/);
    const empty = await runStep({ topic: '  ', when: 'tomorrow 3pm', host: 'UWF4' });
    assert.match(errorOf(empty.result), /"topic"/);
    assert.equal(h.zoom.stats.creates, creates);
  });

  test('Zoom refusing: an error that says so, with Zoom’s reason', async () => {
    await h.connect({ userId: 'UWF5' });
    h.slack.setUser('UWF5', { locale: 'en-US' });
    h.zoom.failNext(
      { method: 'POST', path: /\/users\/me\/meetings$/ },
      { status: 429, body: { code: 429, message: 'You have exceeded the daily rate limit (100)' } },
    );
    const { result } = await runStep({
      topic: 'Sync',
      when: 'tomorrow 3pm',
      host: 'UWF5',
      channel_id: 'C0WF',
    });
    assert.match(errorOf(result), /^Zoom refused to create the meeting\. .*limit/);
  });

  test('a redelivered function_executed creates one meeting and completes once', async () => {
    await h.connect({ userId: 'UWF6' });
    const creates = h.zoom.stats.creates;
    h.slack.startFunctionExecution('FxDUP', declaredOutputs);
    const event = functionExecuted('FxDUP', {
      topic: 'Once',
      when: 'tomorrow 11am',
      host: 'UWF6',
      channel_id: 'C0WF',
    });
    await Promise.all([postEvent(h, event), postEvent(h, event)]);
    await h.settle();
    assert.equal(h.zoom.stats.creates, creates + 1);
    const completions = h.slack
      .callsTo('functions.completeSuccess')
      .filter((a) => a.function_execution_id === 'FxDUP');
    assert.equal(completions.length, 1);
    assert.ok(!h.slack.schemaErrors.some((e) => e.includes('FxDUP')));
  });
});
