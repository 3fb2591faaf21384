import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

type Block = { block_id?: string; element?: Record<string, unknown>; elements?: { text: string }[] };

async function openWith(text: string, userId: string, locale = 'ja-JP') {
  await h.connect({ userId });
  h.slack.setUser(userId, { tz: 'Asia/Tokyo', locale });
  const triggerId = `T-${userId}`;
  const res = await h.command(text, { userId, triggerId });
  assert.equal(res.status, 200);
  await h.settle();
  const view = h.openedView(triggerId) as { blocks: Block[] };
  const input = (id: string) => view.blocks.find((b) => b.block_id === id)?.element ?? {};
  const preview = view.blocks.find((b) => b.block_id === 'when_preview')?.elements?.[0]?.text ?? '';
  return { view, input, preview };
}

describe('the when field', () => {
  test('「明日の15時 定例 30分」 puts only the time words in 日時, 30 minutes in the select, 定例 as topic', async () => {
    const { input, preview } = await openWith('明日の15時 定例 30分', 'UWHENJA');
    assert.equal(input('when').initial_value, '明日の15時');
    assert.equal(input('topic').initial_value, '定例');
    assert.equal((input('duration').initial_option as { value: string }).value, '30');
    assert.match(preview, /15:00/);
    assert.doesNotMatch(preview, /15:30/);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('an English length goes to the select, the time words stay in when', async () => {
    const { input } = await openWith('Design review tomorrow 3pm for 45 minutes', 'UWHENEN', 'en-US');
    assert.equal(input('when').initial_value, 'tomorrow 3pm');
    assert.equal((input('duration').initial_option as { value: string }).value, '45');
  });
});
