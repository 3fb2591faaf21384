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
    // Starts at 15:00 (not 15:30) and lasts 30 minutes: the preview shows both ends, in 日本時間.
    assert.match(preview, /^→ \d+月\d+日\(.\) 15:00〜15:30（日本時間）、所要時間 30分$/);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('an English length goes to the select, the time words stay in when', async () => {
    const { input } = await openWith('Design review tomorrow 3pm for 45 minutes', 'UWHENEN', 'en-US');
    assert.equal(input('when').initial_value, 'tomorrow 3pm');
    assert.equal((input('duration').initial_option as { value: string }).value, '45');
  });
});

/** A block_actions payload for Enter pressed in the modal's `when` field holding `value`. */
function whenEnter(view: Record<string, unknown>, userId: string, value: string, viewId: string) {
  return {
    type: 'block_actions',
    team: { id: 'T0001', domain: 'example' },
    user: { id: userId, username: userId.toLowerCase(), team_id: 'T0001' },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    trigger_id: `T-enter-${viewId}`,
    container: { type: 'view', view_id: viewId },
    view: {
      ...view,
      id: viewId,
      hash: `hash-${viewId}`,
      state: { values: { when: { when: { type: 'plain_text_input', value } } } },
    },
    actions: [{ type: 'plain_text_input', action_id: 'when', block_id: 'when', value, action_ts: '1' }],
  };
}

// Slack's own limit on typing is max_length; a crafted request can still carry anything.
const HUGE = `明日15時 ${'9'.repeat(4000)} ${'の'.repeat(3000)} ${'月・'.repeat(1500)}`.slice(0, 10_000);

describe('bounded input', () => {
  test('the scheduling and reschedule modals carry max_length on topic (200), when (200), agenda (2000)', async () => {
    const { input } = await openWith('', 'UMAXLEN');
    assert.equal(input('topic').max_length, 200);
    assert.equal(input('when').max_length, 200);
    assert.equal(input('agenda').max_length, 2000);
    const record = await h.scheduleMeeting({ user: { userId: 'UMAXLEN' }, when: '2030-03-04 10:00' });
    await h.interact(h.buttonClick('reschedule_meeting', record.meetingId, { user: { userId: 'UMAXLEN' } }));
    await h.settle();
    const view = h.openedView() as { callback_id: string; blocks: Block[] };
    assert.equal(view.callback_id, 'reschedule_meeting');
    assert.equal(view.blocks.find((b) => b.block_id === 'when')?.element?.max_length, 200);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('a 10,000-character /zoom text is answered at once with a clear message in the user language, no modal', async () => {
    assert.equal(HUGE.length, 10_000);
    await h.connect({ userId: 'UHUGEJA' });
    h.slack.setUser('UHUGEJA', { tz: 'Asia/Tokyo', locale: 'ja-JP' });
    await h.command('help', { userId: 'UHUGEJA' }); // the profile is cached, as for anyone who used /zoom
    await h.settle();
    const opens = h.slack.callsTo('views.open').length;
    // Best of three: the limit is the bot's, not this shared machine's busiest moment.
    const elapsed: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const id = `huge-command-${attempt}`;
      const started = performance.now();
      const res = await h.command(HUGE, { userId: 'UHUGEJA', responseUrl: h.slack.responseUrl(id) });
      assert.equal(res.status, 200);
      while (!h.slack.responses.some((r) => r.id === id) && performance.now() - started < 5000) {
        await new Promise((r) => setTimeout(r, 1));
      }
      elapsed.push(performance.now() - started);
      const answer = h.slack.responses.find((r) => r.id === id)?.body;
      assert.equal(answer?.response_type, 'ephemeral');
      assert.match(String(answer?.text), /入力が長すぎるため読み取りませんでした（10000文字）。300文字以内/);
    }
    assert.ok(Math.min(...elapsed) < 100, `answered after ${elapsed.map((e) => e.toFixed(1)).join(', ')} ms`);
    await h.settle();
    assert.equal(h.slack.callsTo('views.open').length, opens);
  });

  test('an English user gets the same refusal in English', async () => {
    await h.connect({ userId: 'UHUGEEN' });
    h.slack.setUser('UHUGEEN', { tz: 'Europe/London', locale: 'en-US' });
    const res = await h.command('x'.repeat(301), {
      userId: 'UHUGEEN',
      responseUrl: h.slack.responseUrl('huge-en'),
    });
    assert.equal(res.status, 200);
    await h.settle();
    const answer = h.slack.responses.find((r) => r.id === 'huge-en')?.body;
    assert.match(String(answer?.text), /too long to read \(301 characters\)\. Keep it to 300/);
  });

  test('a 10,000-character when is a field error within 100 ms, and nothing is created', async () => {
    const { view } = await openWith('', 'UHUGEWHEN');
    const meetings = h.zoom.meetings.size;
    const elapsed: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const started = performance.now();
      const res = await h.interact(
        h.submission(
          view as unknown as Record<string, unknown>,
          { topic: '定例', when: HUGE },
          { user: { userId: 'UHUGEWHEN' } },
        ),
      );
      const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
      elapsed.push(performance.now() - started);
      assert.equal(body.response_action, 'errors');
      assert.equal(body.errors.when, '日時は200文字以内で入力してください（現在10000文字）。');
    }
    assert.ok(Math.min(...elapsed) < 100, `answered after ${elapsed.map((e) => e.toFixed(1)).join(', ')} ms`);
    await h.settle();
    assert.equal(h.zoom.meetings.size, meetings);
  });

  test('Enter in a 10,000-character when shows the limit in the preview line instead of a reading', async () => {
    const { view } = await openWith('', 'UHUGEENTER');
    const res = await h.interact(
      whenEnter(view as unknown as Record<string, unknown>, 'UHUGEENTER', HUGE, 'VHUGE0001'),
    );
    assert.equal(res.status, 200);
    await h.settle();
    const update = h.slack.callsTo('views.update').find((u) => u.view_id === 'VHUGE0001') as {
      view: { blocks: Block[] };
    };
    const preview = update.view.blocks.find((b) => b.block_id === 'when_preview')?.elements?.[0]?.text;
    assert.equal(preview, '日時は200文字以内で入力してください（現在10000文字）。');
  });
});

describe('the preview says what it assumed', () => {
  test('「3時」 and 「6/5」 are named under the reading, in Japanese', async () => {
    const { preview } = await openWith('6/5 3時 定例', 'UGUESSJA');
    assert.match(preview, /6月5日.* 15:00/);
    assert.match(
      preview,
      /※ 「6\/5」を6月5日、「3時」を午後3時(、年のない日付を\d{4}年)?と読みました。違う場合は書き直してください。/,
    );
  });

  test('Enter in when shows the same note in English', async () => {
    const { view } = await openWith('', 'UGUESSEN', 'en-US');
    const res = await h.interact(
      whenEnter(view as unknown as Record<string, unknown>, 'UGUESSEN', '6/5 at 3', 'VGUESS0001'),
    );
    assert.equal(res.status, 200);
    await h.settle();
    const update = h.slack.callsTo('views.update').find((u) => u.view_id === 'VGUESS0001') as {
      view: { blocks: Block[] };
    };
    const preview = update.view.blocks.find((b) => b.block_id === 'when_preview')?.elements?.[0]?.text ?? '';
    assert.match(preview, /Jun 5.* 3:00 PM \(Tokyo time\)/);
    assert.match(preview, /The bot read 6\/5 as June 5, "3" as 3 pm(, the date without a year as \d{4})?\./);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('a reading that guessed nothing carries no note', async () => {
    const { preview } = await openWith('明日 午後3時 定例', 'UNOGUESS');
    assert.match(preview, /15:00/);
    assert.doesNotMatch(preview, /読みました/);
  });
});
