import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type FormValues, type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
let view: Record<string, unknown>;
before(async () => {
  h = await startHarness();
  await h.connect({ userId: 'UFORM' });
  h.slack.setUser('UFORM', { tz: 'Asia/Tokyo', locale: 'en-US' });
  await h.command('', { userId: 'UFORM', triggerId: 'T-form' });
  await h.settle();
  view = h.openedView('T-form');
});
after(() => h.stop());

async function submit(values: FormValues): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const res = await h.interact(h.submission(view, values, { user: { userId: 'UFORM' } }));
  const text = await res.text();
  await h.settle();
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
}

const cases: { name: string; values: FormValues; block: string; message: RegExp }[] = [
  {
    name: 'no time understood',
    values: { topic: 'Sync', when: 'whenever suits' },
    block: 'when',
    message: /could not read a time/,
  },
  {
    name: 'a past time',
    values: { topic: 'Sync', when: '2020-01-01 10:00' },
    block: 'when',
    message: /already passed/,
  },
  {
    name: 'a day without an hour',
    values: { topic: 'Sync', when: 'tomorrow' },
    block: 'when',
    message: /Add a start time/,
  },
  {
    name: 'an impossible date',
    values: { topic: 'Sync', when: '2月30日 10時' },
    block: 'when',
    message: /does not exist/,
  },
  {
    name: 'an empty time',
    values: { topic: 'Sync', when: '' },
    block: 'when',
    message: /Type when the meeting starts/,
  },
  {
    name: 'a topic over 200 characters',
    values: { topic: 'x'.repeat(201), when: 'tomorrow 10:00' },
    block: 'topic',
    message: /200 characters/,
  },
  {
    name: 'a blank topic',
    values: { topic: '   ', when: 'tomorrow 10:00' },
    block: 'topic',
    message: /Give the meeting a topic/,
  },
  {
    name: 'an agenda over 2000 characters',
    values: { topic: 'Sync', when: 'tomorrow 10:00', agenda: 'a'.repeat(2001) },
    block: 'agenda',
    message: /2000 characters/,
  },
];

describe('modal field errors', () => {
  for (const c of cases) {
    test(`${c.name}: the error shows on "${c.block}" and nothing goes to Zoom`, async () => {
      const zoomCalls = h.zoom.requests.length;
      const { status, body } = await submit(c.values);
      assert.equal(status, 200);
      assert.equal(body?.response_action, 'errors');
      const errors = body?.errors as Record<string, string>;
      assert.match(errors[c.block] ?? '', c.message);
      assert.equal(h.zoom.requests.length, zoomCalls);
    });
  }

  test('errors are in Japanese for a Japanese user', async () => {
    await h.connect({ userId: 'UFORMJA' });
    h.slack.setUser('UFORMJA', { tz: 'Asia/Tokyo', locale: 'ja-JP' });
    await h.command('', { userId: 'UFORMJA', triggerId: 'T-form-ja' });
    await h.settle();
    const res = await h.interact(
      h.submission(
        h.openedView('T-form-ja'),
        { topic: '定例', when: '明日' },
        { user: { userId: 'UFORMJA' } },
      ),
    );
    const body = (await res.json()) as { errors: Record<string, string> };
    assert.match(body.errors.when ?? '', /開始時刻も入力してください/);
  });

  test('pressing Enter in "when" updates the preview line with the resolved time', async () => {
    const payload = {
      type: 'block_actions',
      team: { id: 'T0001', domain: 'example' },
      user: { id: 'UFORM', username: 'uform', team_id: 'T0001' },
      api_app_id: 'A0001',
      token: 'legacy-verification-token',
      trigger_id: 'T-preview',
      container: { type: 'view', view_id: 'V00000001' },
      view: {
        ...view,
        id: 'V00000001',
        hash: 'h1',
        state: { values: { when: { when: { type: 'plain_text_input', value: '2030-05-01 09:30' } } } },
      },
      actions: [
        {
          type: 'plain_text_input',
          action_id: 'when',
          block_id: 'when',
          value: '2030-05-01 09:30',
          action_ts: '1',
        },
      ],
    };
    const res = await h.interact(payload);
    assert.equal(res.status, 200);
    await h.settle();
    const update = h.slack.callsTo('views.update').at(-1) as {
      view_id: string;
      view: { blocks: Record<string, unknown>[] };
    };
    assert.equal(update.view_id, 'V00000001');
    const preview = update.view.blocks.find((b) => b.block_id === 'when_preview') as {
      elements: { text: string }[];
    };
    assert.match(preview.elements[0]?.text ?? '', /^→ Wed, May 1, 2030, 9:30 AM \(Tokyo time\)$/);
    assert.deepEqual(h.slack.schemaErrors, []);
  });
});
