/**
 * A length typed in `when` ("明日15時から1時間", "for 90 min", "10時から11時半") is the meeting's
 * length unless the duration select was changed from the value the form opened with; the same in
 * the reschedule form; the preview line shows the length that will be used.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

type Block = { block_id?: string; element?: Record<string, unknown>; elements?: { text: string }[] };

let n = 0;
async function openForm(userId: string, text: string) {
  n += 1;
  const triggerId = `len-${n}`;
  const res = await h.command(text, { userId, triggerId });
  assert.equal(res.status, 200);
  await h.settle();
  return h.openedView(triggerId) as Record<string, unknown> & { blocks: Block[] };
}

const previewOf = (view: { blocks: Block[] }) =>
  view.blocks.find((b) => b.block_id === 'when_preview')?.elements?.[0]?.text ?? '';

const lastCreate = () =>
  h.zoom.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/meetings')).at(-1)?.body as {
    duration?: number;
  };

async function submit(view: Record<string, unknown>, userId: string, values: Record<string, unknown>) {
  const res = await h.interact(
    h.submission(view, { topic: 'Length check', ...values }, { user: { userId } }),
  );
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
  await h.settle();
}

/** Enter in `when`, with the duration select at `selected`; answers the preview line the bot rendered. */
async function pressEnter(view: Record<string, unknown>, userId: string, when: string, selected: number) {
  n += 1;
  const viewId = `VLEN${n}`;
  const res = await h.interact({
    type: 'block_actions',
    team: { id: 'T0001', domain: 'example' },
    user: { id: userId, username: userId.toLowerCase(), team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    trigger_id: `T-len-enter-${n}`,
    container: { type: 'view', view_id: viewId },
    view: {
      ...view,
      id: viewId,
      hash: `hash-${viewId}`,
      state: {
        values: {
          when: { when: { type: 'plain_text_input', value: when } },
          duration: { duration: { type: 'static_select', selected_option: { value: String(selected) } } },
        },
      },
    },
    actions: [{ type: 'plain_text_input', action_id: 'when', block_id: 'when', value: when, action_ts: '1' }],
  });
  assert.equal(res.status, 200);
  await h.settle();
  const update = h.slack.callsTo('views.update').find((a) => a.view_id === viewId);
  return previewOf(update?.view as { blocks: Block[] });
}

describe('the meeting length', () => {
  before(async () => {
    await h.connect({ userId: 'ULEN' });
    h.slack.setUser('ULEN', { tz: 'Asia/Tokyo', locale: 'ja-JP' });
  });

  test('「/zoom 明日15時から1時間」 with the select untouched: 60 minutes, shown in the preview', async () => {
    const view = await openForm('ULEN', '明日15時から1時間 定例');
    assert.match(previewOf(view), /所要時間 1時間/);
    await submit(view, 'ULEN', {});
    assert.equal(lastCreate().duration, 60);
  });

  test('typed into 日時 of a form opened at 30 minutes: 60; with the select changed, the select wins', async () => {
    const view = await openForm('ULEN', '');
    assert.match(await pressEnter(view, 'ULEN', '明日15時から1時間', 30), /所要時間 1時間/);
    assert.match(await pressEnter(view, 'ULEN', '明日15時から1時間', 45), /所要時間 45分/);
    await submit(view, 'ULEN', { when: '明日15時から1時間' });
    assert.equal(lastCreate().duration, 60);
    const again = await openForm('ULEN', '');
    await submit(again, 'ULEN', { when: '明日15時から1時間', durationMinutes: 45 });
    assert.equal(lastCreate().duration, 45);
  });

  test('a range is a length too: 「明日10時から11時半」 → 90 minutes', async () => {
    const view = await openForm('ULEN', '');
    await submit(view, 'ULEN', { when: '明日10時から11時半' });
    assert.equal(lastCreate().duration, 90);
  });

  test('the reschedule form reads a typed length the same way', async () => {
    const record = await h.scheduleMeeting({
      user: { userId: 'ULEN' },
      topic: 'Moves',
      when: '2030-03-04 10:00',
    });
    assert.equal(record.durationMinutes, 30);
    const patches = () =>
      h.zoom.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith(`/meetings/${record.meetingId}`));
    for (const [values, expected] of [
      [{ when: '2030-03-05 14:30 for 90 min' }, 90],
      [{ when: '2030-03-06 14:30 for 90 min', durationMinutes: 45 }, 45],
    ] as const) {
      const res = await h.interact(
        h.buttonClick('reschedule_meeting', record.meetingId, {
          user: { userId: 'ULEN' },
          responseUrl: h.slack.responseUrl(`len-resched-${expected}`),
        }),
      );
      assert.equal(res.status, 200);
      await h.settle();
      const view = h.openedView() as Record<string, unknown> & { callback_id: string };
      assert.equal(view.callback_id, 'reschedule_meeting');
      const before = patches().length;
      const submitted = await h.interact(h.submission(view, values, { user: { userId: 'ULEN' } }));
      assert.equal(submitted.status, 200);
      await h.settle();
      assert.equal(patches().length, before + 1);
      assert.equal(((patches().at(-1)?.body ?? {}) as { duration?: number }).duration, expected);
    }
    assert.equal((await h.services.meetings.get(record.meetingId))?.durationMinutes, 45);
  });

  test('every view passed Slack validation', () => {
    assert.deepEqual(h.slack.schemaErrors, []);
    assert.deepEqual(h.zoom.schemaErrors, []);
  });
});
