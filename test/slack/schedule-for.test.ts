// Scheduling for someone else through the real Bolt receiver: the form's `host` choice from Zoom's
// GET /users/me/schedulers, "for @alice" prefilled by email, the create at POST /users/{id}/meetings
// with the scheduler's own token, Zoom's refusal as a field error or a DM, the channel message
// naming host and scheduler, and the start link going to the host alone.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { BOT_SCOPES } from '../../src/slack/install.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import type { FormValues } from '../support/slack-payloads.js';
import { globalShortcut, homeAction, messageShortcut } from '../support/surface-payloads.js';

const SCHED = 'USCHED';
const SCHED_JA = 'USCHEDJA';
let h: Harness;
before(async () => {
  h = await startHarness();
  await h.connect({ userId: SCHED }, { id: 'zu-sched', email: 'sched@example.com' });
  await h.connect({ userId: SCHED_JA }, { id: 'zu-schedja', email: 'schedja@example.com' });
  await h.connect({ userId: 'ULONER' }, { id: 'zu-loner', email: 'loner@example.com' });
  h.zoom.addUser({ id: 'zu-alice', email: 'alice@example.com' });
  h.zoom.addUser({ id: 'zu-carol', email: 'carol@example.com' });
  for (const scheduler of ['zu-sched', 'zu-schedja']) {
    h.zoom.grantSchedulingPrivilege({ host: 'zu-alice', scheduler });
    h.zoom.grantSchedulingPrivilege({ host: 'zu-carol', scheduler });
  }
  h.slack.setUser(SCHED, { tz: 'Asia/Tokyo', locale: 'en-US', email: 'sched@example.com' });
  h.slack.setUser(SCHED_JA, { tz: 'Asia/Tokyo', locale: 'ja-JP', email: 'schedja@example.com' });
  h.slack.setUser('ULONER', { tz: 'Asia/Tokyo', locale: 'en-US', email: 'loner@example.com' });
  h.slack.setUser('UALICE', { tz: 'Asia/Tokyo', locale: 'ja-JP', email: 'alice@example.com', name: 'alice' });
  // Bob is in Slack but has given nobody his Zoom scheduling privilege; Carol is in Zoom only.
  h.slack.setUser('UBOB', { tz: 'Asia/Tokyo', locale: 'en-US', email: 'bob@example.com', name: 'bob' });
});
after(() => h.stop());

type Option = { value: string; text: { text: string } };
type Block = {
  block_id?: string;
  type?: string;
  element?: { type?: string; options?: Option[]; initial_option?: Option; initial_value?: string };
  elements?: { text?: string }[];
};
type View = Record<string, unknown> & { blocks: Block[] };

let triggers = 0;
async function openForm(text: string, userId = SCHED): Promise<View> {
  const triggerId = `T-for-${++triggers}`;
  const res = await h.command(text, { userId, triggerId });
  assert.equal(res.status, 200);
  await h.settle();
  return h.openedView(triggerId) as View;
}

async function submit(view: View, values: FormValues, userId = SCHED): Promise<string> {
  const res = await h.interact(h.submission(view, values, { user: { userId } }));
  assert.equal(res.status, 200);
  const text = await res.text();
  await h.settle();
  return text;
}

async function createFor(
  values: FormValues,
  userId = SCHED,
  text = '2030-07-01 10:00 Budget',
): Promise<MeetingRecord> {
  const before = new Set(h.zoom.meetings.keys());
  const answer = await submit(await openForm(text, userId), values, userId);
  assert.equal(answer, '');
  const id = [...h.zoom.meetings.keys()].find((k) => !before.has(k));
  assert.ok(id, 'a meeting was created');
  return (await h.services.meetings.get(id)) as MeetingRecord;
}

const block = (view: View, id: string) => view.blocks.find((b) => b.block_id === id);
const creates = () => h.zoom.requests.filter((r) => r.method === 'POST' && /\/meetings$/.test(r.path));
const bearerOf = (r: { headers: Record<string, string> }) => r.headers.authorization?.replace(/^Bearer /, '');
const tokenOf = async (userId: string) =>
  (await h.services.tokens.load({ teamId: 'T0001', userId }))?.accessToken;

describe('the host choice in the form', () => {
  test('lists "Me" first, then each Zoom user who granted the privilege (value = Zoom id)', async () => {
    const view = await openForm('2030-07-01 10:00 Budget');
    const host = block(view, 'host');
    assert.equal(host?.element?.type, 'static_select');
    assert.deepEqual(
      host?.element?.options?.map((o) => [o.value, o.text.text]),
      [
        ['me', 'Me'],
        ['zu-alice', 'alice@example.com'],
        ['zu-carol', 'carol@example.com'],
      ],
    );
    assert.equal(host?.element?.initial_option?.value, 'me');
    const ja = await openForm('2030-07-01 10:00 予算', SCHED_JA);
    assert.equal(block(ja, 'host')?.element?.options?.[0]?.text.text, '自分');
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('the shortcuts and the App Home open the same form with the host choice', async () => {
    const payloads = [
      globalShortcut({ userId: SCHED }),
      messageShortcut(
        { text: 'Budget review tomorrow 10am' },
        { userId: SCHED, responseUrl: h.slack.responseUrl() },
      ),
      homeAction(h, { type: 'button', action_id: 'home_schedule', value: 'schedule' }, { userId: SCHED }),
    ];
    for (const payload of payloads) {
      h.slack.workspaces.triggers.set(String(payload.trigger_id), 'T0001');
      assert.equal((await h.interact(payload)).status, 200);
      await h.settle();
      const view = h.openedView(String(payload.trigger_id)) as View;
      assert.deepEqual(
        block(view, 'host')?.element?.options?.map((o) => o.value),
        ['me', 'zu-alice', 'zu-carol'],
        String(payload.type),
      );
    }
  });

  test('no host field when Zoom lists nobody', async () => {
    const view = await openForm('2030-07-01 10:00 Solo', 'ULONER');
    assert.equal(block(view, 'host'), undefined);
    assert.equal(block(view, 'host_note'), undefined);
    assert.ok(block(view, 'topic'));
  });

  test('Zoom failing: the form opens without the host field', async () => {
    // Three failures: the first try and both retries of the idempotent read.
    h.zoom.failNext(
      { method: 'GET', path: /\/users\/me\/schedulers$/ },
      { status: 500, body: { code: 500 } },
      3,
    );
    const view = await openForm('2030-07-01 10:00 Budget');
    h.zoom.clearFailures();
    assert.equal(block(view, 'host'), undefined);
    assert.ok(block(view, 'topic'), 'the form opened');
  });

  test('Zoom slow: the form opens in time without it, then the open form gets it', async () => {
    h.zoom.failNext(
      { method: 'GET', path: /\/users\/me\/schedulers$/ },
      {
        status: 200,
        body: { schedulers: [{ id: 'zu-alice', email: 'alice@example.com', pmi: 1 }] },
        delayMs: 2500,
      },
    );
    const opensBefore = h.slack.callsTo('views.open').length;
    const triggerId = `T-for-slow-${++triggers}`;
    const sent = Date.now();
    await h.command('2030-07-01 10:00 Budget', { userId: SCHED, triggerId });
    while (h.slack.callsTo('views.open').length === opensBefore && Date.now() - sent < 5000) {
      await new Promise((r) => setTimeout(r, 20));
    }
    // Slack's limit for a trigger_id is 3 s.
    assert.ok(Date.now() - sent < 3000, `views.open came ${Date.now() - sent} ms after the command`);
    const opened = h.openedView(triggerId) as View;
    assert.equal(block(opened, 'host'), undefined);
    await h.settle();
    const update = h.slack.callsTo('views.update').at(-1) as { view: View } | undefined;
    assert.deepEqual(
      block(update!.view, 'host')?.element?.options?.map((o) => o.value),
      ['me', 'zu-alice'],
    );
  });
});

describe('"for @alice" prefills the host by email', () => {
  test('"/zoom 明日15時 定例 for @alice": Alice chosen, the mention leaves the topic and is no invitee', async () => {
    const view = await openForm('明日15時 定例 for <@UALICE|alice>');
    assert.equal(block(view, 'host')?.element?.initial_option?.value, 'zu-alice');
    assert.equal(block(view, 'topic')?.element?.initial_value, '定例');
    assert.equal(block(view, 'host_note'), undefined);
    const invitees = block(view, 'invitees')?.element as { initial_users?: string[] } | undefined;
    assert.ok(!invitees?.initial_users?.includes('UALICE'));
  });

  test('"@aliceさんの代わりに" and "on behalf of" do the same', async () => {
    const ja = await openForm('<@UALICE|alice>さんの代わりに 明日10時 1on1', SCHED_JA);
    assert.equal(block(ja, 'host')?.element?.initial_option?.value, 'zu-alice');
    assert.equal(block(ja, 'topic')?.element?.initial_value, '1on1');
    const en = await openForm('tomorrow 10am review on behalf of <@UALICE>');
    assert.equal(block(en, 'host')?.element?.initial_option?.value, 'zu-alice');
    assert.equal(block(en, 'topic')?.element?.initial_value, 'review');
  });

  test('no match: the host stays "Me" and a line under it says why, in the user\'s language', async () => {
    const view = await openForm('2030-07-01 10:00 Budget for <@UBOB|bob>');
    assert.equal(block(view, 'host')?.element?.initial_option?.value, 'me');
    const note = String(block(view, 'host_note')?.elements?.[0]?.text);
    assert.match(note, /<@UBOB> has not given you Zoom's scheduling privilege, so you host this meeting/);
    assert.match(note, /Settings › Meeting › Scheduling privilege/);
    const ja = await openForm('2030-07-01 10:00 予算 <@UBOB> の代理で', SCHED_JA);
    assert.match(
      String(block(ja, 'host_note')?.elements?.[0]?.text),
      /<@UBOB> さん.*設定 › ミーティング › スケジュール権限/,
    );
  });

  test('a user Zoom lists nobody for still learns why the host is them', async () => {
    const view = await openForm('2030-07-01 10:00 Budget for <@UALICE>', 'ULONER');
    assert.equal(block(view, 'host'), undefined);
    assert.match(String(block(view, 'host_note')?.elements?.[0]?.text), /<@UALICE> has not given you/);
    assert.deepEqual(h.slack.schemaErrors, []);
  });
});

describe('creating for the host', () => {
  test("POST /users/{alice}/meetings with the scheduler's token; the record keeps host and scheduler", async () => {
    const record = await createFor({ host: 'zu-alice' });
    const create = creates().at(-1)!;
    assert.equal(create.path, '/v2/users/zu-alice/meetings');
    assert.equal(bearerOf(create), await tokenOf(SCHED));
    assert.equal(h.zoom.meetings.get(record.meetingId)?.hostZoomUserId, 'zu-alice');
    assert.deepEqual(record.scheduledFor, {
      zoomUserId: 'zu-alice',
      email: 'alice@example.com',
      slackUserId: 'UALICE',
    });
    assert.equal(record.host.userId, SCHED);
    assert.deepEqual(h.zoom.schemaErrors, []);
  });

  test('the channel message names the host <@alice> and who scheduled it; the start link goes to Alice alone', async () => {
    const record = await createFor({ host: 'zu-alice' }, SCHED, '2030-07-02 10:00 Board prep');
    const message = JSON.stringify(h.slack.messages.get(`C0001:${record.messageTs}`));
    assert.match(message, /<@UALICE>\\nscheduled by <@USCHED>/);
    const startLinks = h.slack.calls.filter((c) =>
      JSON.stringify(c.args).includes(`/s/${record.meetingId}?zak=`),
    );
    assert.equal(startLinks.length, 1);
    const [link] = startLinks;
    const privateToAlice =
      (link?.method === 'chat.postEphemeral' && link.args.user === 'UALICE') ||
      (link?.method === 'chat.postMessage' && link.args.channel === 'DALICE');
    assert.ok(
      privateToAlice,
      `start link went by ${link?.method} to ${JSON.stringify(link?.args.user ?? link?.args.channel)}`,
    );
    // In Alice's language (ja), not the scheduler's (en).
    assert.match(
      String(link?.args.text),
      /あなたにだけ表示されています: このリンクで \*Board prep\* をホストとして開始できます/,
    );
    assert.ok(!message.includes('zak='));
  });

  test('posted through the response_url (bot not in the channel): the start link still reaches Alice alone, by DM', async () => {
    h.slack.notInChannel.add('C0PRIV');
    const triggerId = `T-for-priv-${++triggers}`;
    await h.command('2030-07-02 15:00 Private prep', {
      userId: SCHED,
      triggerId,
      channelId: 'C0PRIV',
      responseUrl: h.slack.responseUrl('for-priv'),
    });
    await h.settle();
    const before = new Set(h.zoom.meetings.keys());
    assert.equal(await submit(h.openedView(triggerId) as View, { host: 'zu-alice' }), '');
    const id = [...h.zoom.meetings.keys()].find((k) => !before.has(k))!;
    const shown = h.slack.responses.filter((r) => r.id === 'for-priv' || r.id === 'view-C0PRIV');
    assert.ok(shown.some((r) => JSON.stringify(r.body).includes('scheduled by <@USCHED>')));
    assert.ok(
      shown.every((r) => !JSON.stringify(r.body).includes('zak=')),
      'no start link on the response_url',
    );
    const links = h.slack.calls.filter((c) => JSON.stringify(c.args).includes(`/s/${id}?zak=`));
    assert.deepEqual(
      links.map((c) => [c.method, c.args.channel]),
      [['chat.postMessage', 'DALICE']],
    );
  });

  test('a host with no Slack user is named by their Zoom email; the start link then goes to the scheduler', async () => {
    const record = await createFor({ host: 'zu-carol' }, SCHED_JA, '2030-07-03 10:00 予算');
    const lookups = h.slack.callsTo('users.lookupByEmail');
    assert.ok(lookups.some((a) => a.email === 'carol@example.com'));
    assert.deepEqual(record.scheduledFor, { zoomUserId: 'zu-carol', email: 'carol@example.com' });
    const message = JSON.stringify(h.slack.messages.get(`C0001:${record.messageTs}`));
    assert.match(message, /carol@example.com\\n<@USCHEDJA> さんが予約/);
    const link = h.slack.calls.find((c) => JSON.stringify(c.args).includes(`/s/${record.meetingId}?zak=`));
    assert.equal(link?.method, 'chat.postEphemeral');
    assert.equal(link?.args.user, SCHED_JA);
  });

  test('without users:read.email Slack refuses the lookup (missing_scope): the host is named by their Zoom email', async () => {
    const token = h.config.slack.botToken as string;
    h.slack.setTokenScopes(
      token,
      BOT_SCOPES.filter((x) => x !== 'users:read.email'),
    );
    try {
      const lookups = h.slack.callsTo('users.lookupByEmail').length;
      const record = await createFor({ host: 'zu-alice' }, SCHED, '2030-07-03 11:00 No email scope');
      assert.equal(h.slack.callsTo('users.lookupByEmail').length, lookups + 1);
      assert.deepEqual(record.scheduledFor, { zoomUserId: 'zu-alice', email: 'alice@example.com' });
      const message = JSON.stringify(h.slack.messages.get(`C0001:${record.messageTs}`));
      assert.match(message, /alice@example.com\\nscheduled by <@USCHED>/);
    } finally {
      h.slack.setTokenScopes(token, BOT_SCOPES);
    }
  });

  test("a retried create looks among the host's meetings (GET /users/{alice}/meetings) and makes no second one", async () => {
    const view = await openForm('2030-07-04 10:00 Lost answer');
    const before = h.zoom.stats.creates;
    h.zoom.failNext(
      { method: 'POST', path: /\/users\/zu-alice\/meetings$/ },
      { status: 502, body: 'bad gateway' },
    );
    await submit(view, { host: 'zu-alice' });
    // A 502 is not a lost answer: nothing was created, the retry creates it once.
    assert.equal(h.zoom.stats.creates, before + 1);
    const lists = h.zoom.requests.filter(
      (r) => r.method === 'GET' && r.path === '/v2/users/zu-alice/meetings',
    );
    assert.ok(lists.length >= 1, "the retry looked among Alice's meetings");
    assert.ok(lists.every((r) => bearerOf(r) !== undefined));
  });
});

describe('Zoom refusing to schedule for the host', () => {
  test('the privilege is gone when the form is sent: a field error on host with the Settings path (en, ja)', async () => {
    const view = await openForm('2030-07-05 10:00 Budget');
    const ja = await openForm('2030-07-05 10:00 予算', SCHED_JA);
    h.zoom.revokeSchedulingPrivilege({ host: 'zu-alice', scheduler: 'zu-sched' });
    h.zoom.revokeSchedulingPrivilege({ host: 'zu-alice', scheduler: 'zu-schedja' });
    try {
      const createsBefore = creates().length;
      const started = Date.now();
      const answer = JSON.parse(await submit(view, { host: 'zu-alice' })) as {
        response_action: string;
        errors: Record<string, string>;
      };
      assert.ok(Date.now() - started < 3000);
      assert.equal(answer.response_action, 'errors');
      assert.match(answer.errors.host ?? '', /Zoom does not let you schedule meetings for alice@example.com/);
      assert.match(answer.errors.host ?? '', /Settings › Meeting › Scheduling privilege/);
      const jaAnswer = JSON.parse(await submit(ja, { host: 'zu-alice' }, SCHED_JA)) as {
        errors: Record<string, string>;
      };
      assert.match(jaAnswer.errors.host ?? '', /設定 › ミーティング › スケジュール権限/);
      assert.equal(creates().length, createsBefore, 'nothing was sent to Zoom');
    } finally {
      h.zoom.grantSchedulingPrivilege({ host: 'zu-alice', scheduler: 'zu-sched' });
      h.zoom.grantSchedulingPrivilege({ host: 'zu-alice', scheduler: 'zu-schedja' });
    }
  });

  test('a host value the form never offered (forged) is refused on host, and nothing is created', async () => {
    const view = await openForm('2030-07-05 10:00 Forged');
    const createsBefore = creates().length;
    for (const forged of ['zu-stranger', '../users/me']) {
      const answer = JSON.parse(await submit(view, { host: forged })) as { errors: Record<string, string> };
      assert.match(answer.errors.host ?? '', /Zoom does not let you schedule meetings for/);
    }
    assert.equal(creates().length, createsBefore);
  });

  test('the check could not tell in time and Zoom refuses the create (3000): the scheduler is told by DM, not done and why', async () => {
    const view = await openForm('2030-07-06 10:00 Refused later');
    h.zoom.revokeSchedulingPrivilege({ host: 'zu-alice', scheduler: 'zu-sched' });
    h.zoom.failNext(
      { method: 'GET', path: /\/users\/me\/schedulers$/ },
      { status: 500, body: { code: 500 } },
      3,
    );
    try {
      const before = h.zoom.stats.creates;
      assert.equal(await submit(view, { host: 'zu-alice' }), '');
      const refused = creates().at(-1)!;
      assert.equal(refused.path, '/v2/users/zu-alice/meetings');
      assert.equal(h.zoom.stats.creates, before);
      const dm = h.slack
        .callsTo('chat.postMessage')
        .filter((a) => a.channel === `D${SCHED.slice(1)}`)
        .at(-1);
      assert.match(
        String(dm?.text),
        /\*Refused later\* was not created: Zoom does not let you schedule meetings for alice@example.com/,
      );
      assert.match(String(dm?.text), /Settings › Meeting › Scheduling privilege/);
    } finally {
      h.zoom.clearFailures();
      h.zoom.grantSchedulingPrivilege({ host: 'zu-alice', scheduler: 'zu-sched' });
    }
  });
});
