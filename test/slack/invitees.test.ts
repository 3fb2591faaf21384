// Invitees through the real Bolt receiver: mentions typed after /zoom prefill the field (and leave the
// topic), the create records their Slack emails in Zoom, each gets a DM invitation (Join + calendar,
// never the start link) that follows moves and cancels. Fakes validate against the schemas.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { BOT_SCOPES } from '../../src/slack/install.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import type { FormValues } from '../support/slack-payloads.js';
import { messageShortcut } from '../support/surface-payloads.js';
import { type ZoomWebhookSender, zoomEvents, zoomWebhookSender } from '../support/zoom-webhook-signing.js';

const SECRET = 'invitees-webhook-secret';
let h: Harness;
let zoom: ZoomWebhookSender;
before(async () => {
  h = await startHarness({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  zoom = zoomWebhookSender(h.baseUrl, SECRET);
  await h.connect({ userId: 'UINVHOST' });
  h.slack.setUser('UINVHOST', { tz: 'Asia/Tokyo', locale: 'en-US', email: 'host@example.com' });
  h.slack.setUser('UALICE', { tz: 'Asia/Tokyo', locale: 'ja-JP', email: 'alice@example.com', name: 'alice' });
  h.slack.setUser('UBOB', { tz: 'America/New_York', locale: 'en-US', email: 'bob@example.com', name: 'bob' });
});
after(() => h.stop());

type Block = { block_id?: string; type?: string; element?: Record<string, unknown> };

async function openForm(text: string, triggerId: string) {
  await h.command(text, { userId: 'UINVHOST', triggerId });
  await h.settle();
  return h.openedView(triggerId) as { blocks: Block[] };
}

async function submit(view: Record<string, unknown>, values: FormValues) {
  const before = new Set(h.zoom.meetings.keys());
  const res = await h.interact(h.submission(view, values, { user: { userId: 'UINVHOST' } }));
  assert.equal(res.status, 200);
  assert.equal(await res.text(), '');
  await h.settle();
  const id = [...h.zoom.meetings.keys()].find((k) => !before.has(k));
  assert.ok(id, 'a meeting was created');
  return (await h.services.meetings.get(id)) as MeetingRecord;
}

const dmOf = (userId: string) => `D${userId.replace(/^U/, '')}`;
const dmsTo = (userId: string) =>
  h.slack.callsTo('chat.postMessage').filter((a) => a.channel === dmOf(userId));
const lastCreate = () =>
  h.zoom.requests.filter((r) => r.method === 'POST' && /\/meetings$/.test(r.path)).at(-1) as
    | { body: { settings?: { meeting_invitees?: unknown } } }
    | undefined;

describe('invitees', () => {
  test('mentions after /zoom prefill invitees and leave the topic; the create carries their emails', async () => {
    const view = await openForm(
      '<@UALICE|alice> tomorrow 15:00 design review <@UBOB|bob> &amp; notes',
      'T-inv-1',
    );
    const topic = view.blocks.find((b) => b.block_id === 'topic')?.element?.initial_value;
    assert.equal(topic, 'design review & notes');
    const field = view.blocks.find((b) => b.block_id === 'invitees');
    assert.equal(field?.element?.type, 'multi_users_select');
    assert.deepEqual(field?.element?.initial_users, ['UALICE', 'UBOB']);

    const record = await submit(view, {});
    assert.deepEqual(lastCreate()?.body?.settings?.meeting_invitees, [
      { email: 'alice@example.com' },
      { email: 'bob@example.com' },
    ]);
    assert.deepEqual(
      record.invitees?.map((i) => i.userId),
      ['UALICE', 'UBOB'],
    );
    assert.ok(record.invitees?.every((i) => i.dm?.ts));
    assert.deepEqual(h.zoom.schemaErrors, []);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('each invitee gets a DM in their language: topic, <!date>, Join and a Google Calendar link, no start link', async () => {
    const view = await openForm('2030-06-10 10:00 Planning', 'T-inv-2');
    const record = await submit(view, { invitees: ['UALICE'], agenda: 'Q3 goals' });
    const invite = dmsTo('UALICE').at(-1)!;
    const json = JSON.stringify(invite);
    assert.match(String(invite.text), /<@UINVHOST> さんから Zoom ミーティング \*Planning\* への招待です/);
    const unix = Date.parse('2030-06-10T01:00:00Z') / 1000;
    assert.match(json, new RegExp(`<!date\\^${unix}\\^`));
    // The fake's start links are `…/s/{id}?zak=…`.
    assert.ok(!json.includes('zak='), 'never the start link');
    assert.ok(!json.includes(`/s/${record.meetingId}`), 'no start path');
    const buttons = (
      invite.blocks as { type: string; elements?: { url?: string; text: { text: string } }[] }[]
    )
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements ?? []);
    const join = buttons.find((b) => b.text.text === '参加');
    assert.equal(join?.url, record.joinUrl);
    const calendar = new URL(String(buttons.find((b) => b.text.text === 'カレンダーに追加')?.url));
    assert.equal(calendar.origin + calendar.pathname, 'https://calendar.google.com/calendar/render');
    assert.equal(calendar.searchParams.get('action'), 'TEMPLATE');
    assert.equal(calendar.searchParams.get('text'), 'Planning');
    assert.equal(calendar.searchParams.get('dates'), '20300610T010000Z/20300610T013000Z');
    assert.match(
      String(calendar.searchParams.get('details')),
      new RegExp(record.joinUrl.replace(/[?.]/g, '\\$&')),
    );
    assert.match(String(calendar.searchParams.get('details')), /Q3 goals/);
    // The host's own start link went only to the host.
    const startLinks = h.slack.calls.filter((c) =>
      JSON.stringify(c.args).includes(`/s/${record.meetingId}?zak=`),
    );
    assert.equal(startLinks.length, 1);
    assert.equal(startLinks[0]?.method, 'chat.postEphemeral');
    assert.equal(startLinks[0]?.args.user, 'UINVHOST');
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('a reschedule updates the invitation and a note tells the invitee; a cancel does the same', async () => {
    const view = await openForm('2030-06-11 10:00 Moving target', 'T-inv-3');
    const record = await submit(view, { invitees: ['UBOB'] });
    const dm = record.invitees![0]!.dm!;
    await h.interact(h.buttonClick('reschedule_meeting', record.meetingId, { user: { userId: 'UINVHOST' } }));
    await h.settle();
    await h.interact(
      h.submission(h.openedView(), { when: '2030-06-12 16:00' }, { user: { userId: 'UINVHOST' } }),
    );
    await h.settle();
    const unix = Date.parse('2030-06-12T07:00:00Z') / 1000;
    const updated = JSON.stringify(h.slack.messages.get(`${dm.channel}:${dm.ts}`));
    assert.match(updated, new RegExp(`<!date\\^${unix}\\^`));
    assert.match(updated, /20300612T070000Z/);
    const moveNote = dmsTo('UBOB')
      .filter((a) => a.thread_ts === dm.ts)
      .at(-1);
    assert.match(
      String(moveNote?.text),
      new RegExp(`\\*Moving target\\* has moved: it now starts <!date\\^${unix}\\^`),
    );

    await h.interact(
      h.buttonClick('cancel_meeting', record.meetingId, {
        user: { userId: 'UINVHOST' },
        responseUrl: h.slack.responseUrl('inv-cancel'),
      }),
    );
    await h.settle();
    const cancelled = JSON.stringify(h.slack.messages.get(`${dm.channel}:${dm.ts}`));
    assert.match(cancelled, /~Moving target~/);
    assert.match(cancelled, /Cancelled/);
    assert.ok(!cancelled.includes(record.joinUrl), 'no Join button once cancelled');
    const cancelNote = dmsTo('UBOB')
      .filter((a) => a.thread_ts === dm.ts)
      .at(-1);
    assert.match(String(cancelNote?.text), /\*Moving target\* is cancelled/);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('moved in Zoom (meeting.updated), then deleted there (meeting.deleted): the invitation follows', async () => {
    const view = await openForm('2030-06-13 10:00 Zoom side', 'T-inv-4');
    const record = await submit(view, { invitees: ['UALICE'] });
    const dm = record.invitees![0]!.dm!;
    const invitation = () => JSON.stringify(h.slack.messages.get(`${dm.channel}:${dm.ts}`));
    await zoom.send(
      zoomEvents.updated(
        record.meetingId,
        { start_time: '2030-06-14T03:00:00Z' },
        { start_time: record.startInstant },
      ),
    );
    await h.settle();
    const unix = Date.parse('2030-06-14T03:00:00Z') / 1000;
    assert.match(invitation(), new RegExp(`<!date\\^${unix}\\^`));
    const notes = () => dmsTo('UALICE').filter((a) => a.thread_ts === dm.ts);
    assert.match(String(notes().at(-1)?.text), /日時が変更されました/);
    await zoom.send(zoomEvents.deleted(record.meetingId));
    await h.settle();
    assert.match(invitation(), /~Zoom side~/);
    assert.match(String(notes().at(-1)?.text), /\*Zoom side\* は中止になりました/);
  });

  const withoutEmailScope = BOT_SCOPES.filter((s) => s !== 'users:read.email');
  test('without users:read.email the meeting is still created and invitees told in Slack; Zoom gets no emails', async () => {
    h.slack.setTokenScopes('xoxb-test-token', withoutEmailScope);
    try {
      const view = await openForm('2030-06-15 10:00 No emails', 'T-inv-5');
      const record = await submit(view, { invitees: ['UALICE'] });
      assert.equal(lastCreate()?.body?.settings?.meeting_invitees, undefined);
      assert.ok(record.invitees?.[0]?.dm, 'the invitation was still sent');
    } finally {
      h.slack.setTokenScopes('xoxb-test-token', BOT_SCOPES);
    }
  });

  test('the host picked as an invitee gets no invitation', async () => {
    const view = await openForm('2030-06-16 10:00 Self', 'T-inv-6');
    const record = await submit(view, { invitees: ['UINVHOST'] });
    assert.equal(record.invitees, undefined);
    assert.equal(lastCreate()?.body?.settings?.meeting_invitees, undefined);
  });

  test('the message shortcut invites the message author, end to end', async () => {
    const payload = messageShortcut(
      { text: 'Sync on the launch 2030-06-20 14:00?', user: 'UBOB', ts: '1764000000.000200' },
      { userId: 'UINVHOST', channelId: 'C0001', responseUrl: h.slack.responseUrl('inv-shortcut') },
    );
    assert.equal((await h.interact(payload)).status, 200);
    await h.settle();
    const view = h.openedView(String(payload.trigger_id)) as { blocks: Block[] };
    assert.deepEqual(view.blocks.find((b) => b.block_id === 'invitees')?.element?.initial_users, ['UBOB']);
    const record = await submit(view, {});
    assert.deepEqual(lastCreate()?.body.settings?.meeting_invitees, [{ email: 'bob@example.com' }]);
    const invite = dmsTo('UBOB').at(-1);
    assert.equal(record.invitees?.[0]?.dm?.channel, dmOf('UBOB'));
    assert.match(String(invite?.text), /<@UINVHOST> invited you to the Zoom meeting/);
  });
});
