// Recurring series from Slack: /zoom text → the modal's repeat fields and preview → a type 8 create
// that fake Zoom checks against Zoom's recurrence rules.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import type { FormValues } from '../support/slack-payloads.js';
import { zoomEvents, zoomWebhookSender } from '../support/zoom-webhook-signing.js';

const WEBHOOK_SECRET = 'series-webhook-secret';
let h: Harness;
before(async () => {
  h = await startHarness({ ZOOM_WEBHOOK_SECRET_TOKEN: WEBHOOK_SECRET });
});
after(() => h.stop());

type Block = {
  block_id?: string;
  element?: Record<string, unknown>;
  elements?: { text: string }[];
};
type Option = { value: string; text: { text: string } };

async function openWith(text: string, userId: string, locale = 'ja-JP') {
  await h.connect({ userId });
  h.slack.setUser(userId, { tz: 'Asia/Tokyo', locale });
  const triggerId = `T-${userId}-${Math.random().toString(36).slice(2, 8)}`;
  assert.equal((await h.command(text, { userId, triggerId })).status, 200);
  await h.settle();
  const view = h.openedView(triggerId) as { blocks: Block[] } & Record<string, unknown>;
  const input = (id: string) => view.blocks.find((b) => b.block_id === id)?.element ?? {};
  const preview = view.blocks.find((b) => b.block_id === 'when_preview')?.elements?.[0]?.text ?? '';
  return { view, input, preview };
}

async function submit(view: Record<string, unknown>, userId: string, values: FormValues) {
  const res = await h.interact(h.submission(view, values, { user: { userId } }));
  assert.equal(res.status, 200);
  const text = await res.text();
  await h.settle();
  return text ? (JSON.parse(text) as { response_action?: string; errors?: Record<string, string> }) : {};
}

function lastCreateBody(): Record<string, unknown> {
  const create = h.zoom.requests
    .filter((r) => r.method === 'POST' && r.path.endsWith('/users/me/meetings'))
    .at(-1);
  return create?.body as Record<string, unknown>;
}

const weekdayOf = (local: string) => new Date(`${local.slice(0, 10)}T00:00:00Z`).getUTCDay();

describe('a series typed after /zoom', () => {
  test('毎週火・木 9:30: the modal says the rule, 10 meetings, the first three; the create is type 8', async () => {
    const { view, input, preview } = await openWith('毎週火・木 9:30 1on1', 'USERIESJA');
    assert.equal(input('topic').initial_value, '1on1');
    const repeat = input('repeat') as { initial_option: Option; options: Option[] };
    assert.equal(repeat.initial_option.value, 'as_typed');
    assert.equal(repeat.initial_option.text.text, '入力どおり: 毎週火・木');
    assert.deepEqual(
      repeat.options.map((o) => o.value),
      ['none', 'daily', 'weekdays', 'weekly', 'biweekly', 'monthly_day', 'monthly_weekday', 'as_typed'],
    );
    assert.equal(input('repeat_count').initial_value, undefined);
    assert.match(preview, /毎週火・木 9:30（全10回）: /);
    assert.equal(preview.match(/<!date\^\d+\^/g)?.length, 3);
    assert.deepEqual(h.slack.schemaErrors, []);

    const before = h.zoom.meetings.size;
    assert.deepEqual(await submit(view, 'USERIESJA', {}), {});
    assert.equal(h.zoom.meetings.size, before + 1);
    const body = lastCreateBody();
    assert.equal(body.type, 8);
    assert.deepEqual(body.recurrence, { type: 2, repeat_interval: 1, weekly_days: '3,5', end_times: 10 });
    assert.match(String(body.start_time), /T09:30:00$/);
    assert.ok([2, 4].includes(weekdayOf(String(body.start_time))), `${body.start_time} is a Tue or Thu`);
    assert.ok(Date.parse(`${body.start_time}+09:00`) > Date.now(), 'the first meeting is ahead');
    const meeting = [...h.zoom.meetings.values()].at(-1)!;
    assert.equal(meeting.occurrences?.length, 10);
    assert.deepEqual(h.zoom.schemaErrors, []);

    // The channel message says the rule in the scheduler's language and the next meeting.
    const record = (await h.services.meetings.get(String(meeting.id))) as MeetingRecord;
    const posted = JSON.stringify(h.slack.messages.get(`${record.channelId}:${record.messageTs}`)?.blocks);
    const first = Math.floor(Date.parse(meeting.occurrences![0]!.start_time) / 1000);
    assert.ok(posted.includes(`毎週火・木 9:30\\n次回: <!date^${first}^`), posted);

    // The first meeting ends (Zoom webhook): the message shows the second, with its buttons.
    const sender = zoomWebhookSender(h.baseUrl, WEBHOOK_SECRET);
    const ranFrom = meeting.occurrences![0]!.start_time;
    const ranTo = new Date(Date.parse(ranFrom) + 25 * 60_000).toISOString().replace('.000', '');
    const updatesBefore = h.slack.callsTo('chat.update').length;
    await sender.send(zoomEvents.ended(meeting.id, ranFrom, ranTo, meeting.hostZoomUserId));
    await h.settle();
    const update = h.slack.callsTo('chat.update').slice(updatesBefore).at(-1);
    const second = Math.floor(Date.parse(meeting.occurrences![1]!.start_time) / 1000);
    const shown = JSON.stringify(update?.blocks);
    assert.ok(shown.includes(`次回: <!date^${second}^`), shown);
    assert.match(shown, /"action_id":"reschedule_meeting"/);
    const after = (await h.services.meetings.get(String(meeting.id))) as MeetingRecord;
    assert.equal(after.status, 'scheduled');
    assert.equal(after.startInstant, new Date(second * 1000).toISOString());
  });

  test('"every Monday at 10 until Mar 31": weekly, the end date prefilled, end_date_time at 23:59 Tokyo', async () => {
    const { view, input, preview } = await openWith(
      'every Monday at 10 until Mar 31 standup',
      'USERIESEN',
      'en-US',
    );
    assert.equal((input('repeat').initial_option as Option).value, 'weekly');
    assert.match(String(input('repeat_until').initial_date), /^\d{4}-03-31$/);
    assert.match(preview, /Every Mon 10:00 AM, until Mar 31, \d{4}: <!date/);
    await submit(view, 'USERIESEN', {});
    const body = lastCreateBody();
    assert.equal(body.type, 8);
    const recurrence = body.recurrence as Record<string, unknown>;
    assert.match(String(recurrence.end_date_time), /^\d{4}-03-31T14:59:00Z$/);
    assert.equal(recurrence.end_times, undefined);
    assert.equal(weekdayOf(String(body.start_time)), 1);
    assert.deepEqual(h.zoom.schemaErrors, []);
  });

  test('a one-off text with "weekly" and a count chosen in the modal repeats on its weekday', async () => {
    const { view, input } = await openWith('明日10時 定例', 'USERIESPICK');
    assert.equal((input('repeat').initial_option as Option).value, 'none');
    const offered = (input('repeat') as { options: Option[] }).options.map((o) => o.value);
    assert.ok(!offered.includes('as_typed'), 'as_typed only when the text gives a rule');
    await submit(view, 'USERIESPICK', { repeat: 'weekly', repeatCount: 5 });
    const body = lastCreateBody();
    assert.equal(body.type, 8);
    const day = weekdayOf(String(body.start_time)) + 1;
    assert.deepEqual(body.recurrence, {
      type: 2,
      repeat_interval: 1,
      weekly_days: String(day),
      end_times: 5,
    });
  });

  test('the end date wins over the count', async () => {
    const { view } = await openWith('明日10時 定例', 'USERIESBOTH');
    const until = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await submit(view, 'USERIESBOTH', { repeat: 'daily', repeatCount: 3, repeatUntil: until });
    const recurrence = lastCreateBody().recurrence as Record<string, unknown>;
    assert.equal(recurrence.end_times, undefined);
    assert.match(String(recurrence.end_date_time), /^\d{4}-\d\d-\d\dT14:59:00Z$/);
  });
});

describe('repeat fields that cannot be held', () => {
  test('a count over 60, an end before the first meeting, a typed rule since removed: field errors, nothing created', async () => {
    const { view } = await openWith('毎週火・木 9:30 1on1', 'USERIESBAD');
    const before = h.zoom.requests.length;
    const tooMany = await submit(view, 'USERIESBAD', { repeatCount: 61 });
    assert.equal(tooMany.response_action, 'errors');
    assert.equal(tooMany.errors?.repeat_count, '回数は1から60の間で入力してください。');
    const early = await submit(view, 'USERIESBAD', { repeatUntil: '2020-01-01' });
    assert.equal(early.errors?.repeat_until, '終了日は初回以降の日付を選んでください。');
    const gone = await submit(view, 'USERIESBAD', { when: '明日10時' });
    assert.match(gone.errors?.repeat ?? '', /繰り返し方を選んでください/);
    assert.equal(h.zoom.requests.length, before);
  });
});

describe('the preview follows the repeat fields', () => {
  test('choosing "every 2 weeks" re-renders the line with the new rule', async () => {
    const { view } = await openWith('明日10時 定例', 'USERIESPREV', 'en-US');
    const viewId = 'VPREVIEW01';
    const updatesBefore = h.slack.callsTo('views.update').length;
    const payload = {
      type: 'block_actions',
      team: { id: 'T0001', domain: 'example' },
      user: { id: 'USERIESPREV', username: 'useriesprev', team_id: 'T0001' },
      api_app_id: 'A0001',
      token: 'legacy-verification-token',
      trigger_id: 'T-repeat-change',
      container: { type: 'view', view_id: viewId },
      view: {
        ...view,
        id: viewId,
        hash: `hash-${viewId}`,
        state: {
          values: (h.submission(view, { repeat: 'biweekly' }) as { view: { state: { values: unknown } } })
            .view.state.values,
        },
      },
      actions: [
        {
          type: 'static_select',
          action_id: 'repeat',
          block_id: 'repeat',
          selected_option: { value: 'biweekly' },
          action_ts: '1',
        },
      ],
    };
    assert.equal((await h.interact(payload)).status, 200);
    await h.settle();
    const updates = h.slack.callsTo('views.update');
    assert.equal(updates.length, updatesBefore + 1);
    const blocks = (updates.at(-1)!.view as { blocks: Block[] }).blocks;
    const line = blocks.find((b) => b.block_id === 'when_preview')?.elements?.[0]?.text ?? '';
    assert.match(line, /Every other (Sun|Mon|Tue|Wed|Thu|Fri|Sat) 10:00 AM, 10 times: /);
    assert.equal(line.match(/<!date\^\d+\^/g)?.length, 3);
    assert.deepEqual(h.slack.schemaErrors, []);
  });
});
