// Who hears what about a meeting scheduled for someone else, through the real Bolt receiver: the
// start link reaches a host who is not in the channel by DM; invitees read who invites them and
// who scheduled it; a change the message cannot show is told to whoever made it and to the host;
// a recording not shared reaches the host and the scheduler; a host clicking a meeting made from
// a Zoom account the scheduler no longer uses reads why, or the host's own token does the change.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import type { FormValues } from '../support/slack-payloads.js';
import { type ZoomWebhookSender, zoomEvents, zoomWebhookSender } from '../support/zoom-webhook-signing.js';

const SECRET = 'schedule-for-notices-secret';
const SCHED = 'USCHED';
let h: Harness;
let webhook: ZoomWebhookSender;
before(async () => {
  h = await startHarness({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  webhook = zoomWebhookSender(h.baseUrl, SECRET);
  await h.connect({ userId: SCHED }, { id: 'zu-sched', email: 'sched@example.com' });
  h.zoom.addUser({ id: 'zu-alice', email: 'alice@example.com' });
  h.zoom.addUser({ id: 'zu-bob', email: 'bob@example.com' });
  h.zoom.grantSchedulingPrivilege({ host: 'zu-alice', scheduler: 'zu-sched' });
  h.zoom.grantSchedulingPrivilege({ host: 'zu-bob', scheduler: 'zu-sched' });
  h.slack.setUser(SCHED, { tz: 'Asia/Tokyo', locale: 'en-US', email: 'sched@example.com' });
  h.slack.setUser('UALICE', { tz: 'Asia/Tokyo', locale: 'ja-JP', email: 'alice@example.com' });
  h.slack.setUser('UBOB', { tz: 'Asia/Tokyo', locale: 'en-US', email: 'bob@example.com' });
  h.slack.setUser('UINVEN', { tz: 'Asia/Tokyo', locale: 'en-US', email: 'inv-en@example.com' });
  h.slack.setUser('UINVJA', { tz: 'Asia/Tokyo', locale: 'ja-JP', email: 'inv-ja@example.com' });
});
after(() => h.stop());

let n = 0;
async function scheduleForAlice(
  text: string,
  opts: { channelId?: string; values?: FormValues; host?: 'zu-alice' | 'zu-bob' } = {},
): Promise<MeetingRecord> {
  const triggerId = `T-notice-${++n}`;
  await h.command(text, {
    userId: SCHED,
    triggerId,
    ...(opts.channelId ? { channelId: opts.channelId } : {}),
  });
  await h.settle();
  const before = new Set(h.zoom.meetings.keys());
  const opened = h.openedView(triggerId);
  // As a user does: the recording first (the form then offers viewers' sign-in).
  const view = opts.values?.recording
    ? await h.chooseRecording(opened, opts.values.recording, { user: { userId: SCHED } })
    : opened;
  const res = await h.interact(
    h.submission(view, { host: opts.host ?? 'zu-alice', ...opts.values }, { user: { userId: SCHED } }),
  );
  assert.equal(await res.text(), '');
  await h.settle();
  const id = [...h.zoom.meetings.keys()].find((k) => !before.has(k));
  assert.ok(id, 'a meeting was created');
  const record = (await h.services.meetings.get(id)) as MeetingRecord;
  assert.equal(record.scheduledFor?.slackUserId, opts.host === 'zu-bob' ? 'UBOB' : 'UALICE');
  return record;
}

async function click(action: string, meetingId: string, userId: string): Promise<string> {
  const responseId = `notice-click-${++n}`;
  await h.interact(
    h.buttonClick(action, meetingId, { user: { userId }, responseUrl: h.slack.responseUrl(responseId) }),
  );
  await h.settle();
  return responseId;
}

async function reschedule(record: MeetingRecord, userId: string, when: string): Promise<string> {
  const responseId = await click('reschedule_meeting', record.meetingId, userId);
  const view = h.openedView() as { callback_id: string };
  assert.equal(view.callback_id, 'reschedule_meeting');
  await h.interact(h.submission(view, { when }, { user: { userId } }));
  await h.settle();
  return responseId;
}

const dmChannel = (userId: string) => `D${userId.replace(/^U/, '')}`;
const dmsTo = (userId: string) =>
  h.slack.callsTo('chat.postMessage').filter((a) => a.channel === dmChannel(userId));
const answersOn = (id: string) =>
  h.slack.responses.filter((r) => r.id === id).map((r) => String(r.body.text));
const dateOf = (iso: string) => new RegExp(`<!date\\^${Date.parse(iso) / 1000}\\^`);
const bearerOf = (r: { headers: Record<string, string> } | undefined) =>
  r?.headers.authorization?.replace(/^Bearer /, '');
const tokenOf = async (userId: string) =>
  (await h.services.tokens.load({ teamId: 'T0001', userId }))?.accessToken;
const lastCall = (method: string, meetingId: string) =>
  h.zoom.requests.filter((r) => r.method === method && r.path === `/v2/meetings/${meetingId}`).at(-1);

describe('the start link for a host who is not in the channel', () => {
  test('Slack refuses the ephemeral (user_not_in_channel): it reaches Alice by DM, never the channel', async () => {
    const record = await scheduleForAlice('2030-09-01 10:00 Project kickoff', { channelId: 'CPROJ' });
    assert.equal(h.slack.members.has('CPROJ', 'UALICE'), false, 'Alice is not in #proj');
    const withLink = h.slack.calls.filter((c) =>
      JSON.stringify(c.args).includes(`/s/${record.meetingId}?zak=`),
    );
    // The ephemeral is tried first (Slack refuses it), then the DM: in Alice's language.
    assert.deepEqual(
      withLink.map((c) => [c.method, c.args.channel, c.args.user]),
      [
        ['chat.postEphemeral', 'CPROJ', 'UALICE'],
        ['chat.postMessage', 'DALICE', undefined],
      ],
    );
    const dm = [...h.slack.messages.values()].find(
      (m) => m.channel === 'DALICE' && String(m.text).includes('Project kickoff'),
    );
    assert.match(String(dm?.text), /このリンクで \*Project kickoff\* をホストとして開始できます/);
    const inChannel = [...h.slack.messages.values()].filter((m) => m.channel === 'CPROJ');
    assert.ok(
      inChannel.some((m) => JSON.stringify(m).includes('Project kickoff')),
      'the meeting is posted',
    );
    assert.ok(
      inChannel.every((m) => !JSON.stringify(m).includes('zak=')),
      'no start link in the channel',
    );
    assert.ok(
      h.slack.responses.every((r) => !JSON.stringify(r.body).includes('zak=')),
      'no start link on a response_url',
    );
  });

  test('the fake answers a non-member as Slack does, and a member gets the ephemeral', async () => {
    const post = (user: string) =>
      fetch(`${h.slack.apiUrl}chat.postEphemeral`, {
        method: 'POST',
        headers: { authorization: 'Bearer xoxb-test-token', 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'CPROJ', user, text: 'hello' }),
      }).then((r) => r.json() as Promise<{ ok: boolean; error?: string }>);
    assert.deepEqual(await post('UALICE'), { ok: false, error: 'user_not_in_channel' });
    assert.equal((await post(SCHED)).ok, true, 'the scheduler typed /zoom there, so is a member');
  });
});

describe('a meeting for Alice that cannot be posted where it was meant to be', () => {
  test('the scheduler gets the join link as before, and Alice learns of it by DM with the join link (ja)', async () => {
    h.slack.notInChannel.add('GNOWHERE');
    const triggerId = `T-notice-${++n}`;
    await h.command('2030-09-03 10:00 Unposted', { userId: SCHED, triggerId });
    await h.settle();
    const before = new Set(h.zoom.meetings.keys());
    const payload = h.submission(
      h.openedView(triggerId),
      { host: 'zu-alice', channelId: 'GNOWHERE' },
      { user: { userId: SCHED } },
    ) as { response_urls?: unknown[] };
    payload.response_urls = [];
    assert.equal((await h.interact(payload)).status, 200);
    await h.settle();
    const id = [...h.zoom.meetings.keys()].find((k) => !before.has(k));
    assert.ok(id, 'Zoom created it');
    const joinUrl = h.zoom.meetings.get(id)?.join_url as string;
    const toAlice = dmsTo('UALICE').filter((a) => String(a.text).includes('Unposted'));
    assert.equal(toAlice.length, 1);
    assert.match(
      String(toAlice[0]?.text),
      /^<@USCHED> さんが、あなたをホストとして \*Unposted\*（<!date\^\d+\^[^>]+>）を予約しましたが、ボットはチャンネルに投稿できませんでした。参加リンク:\n/,
    );
    assert.ok(String(toAlice[0]?.text).endsWith(joinUrl));
    const toSched = h.slack.calls
      .filter((c) => c.args.user === SCHED || c.args.channel === dmChannel(SCHED))
      .map((c) => String(c.args.text))
      .filter((t) => t.includes(joinUrl));
    assert.ok(
      toSched.some((t) => /could not post it in that channel/.test(t)),
      toSched.join('\n'),
    );
    assert.ok(!JSON.stringify(toAlice).includes('zak='));
  });
});

describe('the invitation of a meeting scheduled for someone else', () => {
  test('names the host as who invites, and who scheduled it, in each invitee’s language', async () => {
    const record = await scheduleForAlice('2030-09-02 10:00 Roadmap', {
      values: { invitees: ['UINVEN', 'UINVJA'] },
    });
    const en = dmsTo('UINVEN').find((a) => String(a.text).includes('Roadmap'));
    const ja = dmsTo('UINVJA').find((a) => String(a.text).includes('Roadmap'));
    assert.equal(en?.text, '<@UALICE> invited you to the Zoom meeting *Roadmap* (scheduled by <@USCHED>).');
    assert.equal(
      ja?.text,
      '<@UALICE> さんから Zoom ミーティング *Roadmap* への招待です（<@USCHED> さんが予約）。',
    );
    assert.ok(!JSON.stringify([en, ja]).includes('zak='), 'invitees never get the start link');
    assert.equal(record.invitees?.length, 2);
  });
});

describe('the reminder where the bot cannot post in the channel', () => {
  test('goes by DM to the host, the scheduler (who would have seen it in the channel) and the invitees, each in their language', async () => {
    h.slack.notInChannel.add('GREMIND');
    // Five days ahead at 10:00 in Tokyo: within Slack's 120 days for scheduled messages.
    const day = new Date(Date.now() + 9 * 3_600_000 + 5 * 86_400_000).toISOString().slice(0, 10);
    const start = Date.parse(`${day}T10:00:00+09:00`) / 1000;
    const triggerId = `T-notice-${++n}`;
    await h.command(`${day} 10:00 Nudged`, {
      userId: SCHED,
      triggerId,
      channelId: 'GREMIND',
      responseUrl: h.slack.responseUrl(`remind-${triggerId}`),
    });
    await h.settle();
    const before = new Set(h.zoom.meetings.keys());
    const res = await h.interact(
      h.submission(
        h.openedView(triggerId),
        { host: 'zu-alice', channelId: 'GREMIND', invitees: ['UINVEN'] },
        { user: { userId: SCHED } },
      ),
    );
    assert.equal(await res.text(), '');
    await h.settle();
    const id = [...h.zoom.meetings.keys()].find((k) => !before.has(k)) as string;
    const record = (await h.services.meetings.get(id)) as MeetingRecord;
    const waiting = (record.reminder?.scheduled ?? []).map((r) => h.slack.scheduled.get(r.id));
    assert.deepEqual(waiting.map((m) => m?.channel).sort(), ['DALICE', 'DINVEN', 'DSCHED']);
    assert.ok(
      waiting.every((m) => m?.post_at === start - 600),
      'ten minutes before',
    );
    assert.match(String(waiting.find((m) => m?.channel === 'DALICE')?.text), /に始まります/);
    assert.match(String(waiting.find((m) => m?.channel === 'DSCHED')?.text), /\*Nudged\* starts <!date\^/);
    assert.ok(waiting.every((m) => !JSON.stringify(m).includes('zak=')));
  });
});

describe('a change the channel message cannot show', () => {
  /** The channel message is deleted: Slack answers chat.update with message_not_found. */
  async function withDeletedMessage(topic: string): Promise<MeetingRecord> {
    const record = await scheduleForAlice(`2030-09-10 10:00 ${topic}`);
    h.slack.messages.delete(`${record.channelId}:${record.messageTs}`);
    return record;
  }
  const notShown = (userId: string, iso: string) =>
    dmsTo(userId).filter(
      (a) => dateOf(iso).test(String(a.text)) && /changed:|変更されました/.test(String(a.text)),
    );

  test('the scheduler moves it: the scheduler and the host are each told once, in their language', async () => {
    const record = await withDeletedMessage('Gone message');
    await reschedule(record, SCHED, '2030-09-11 10:00');
    const to = '2030-09-11T01:00:00.000Z';
    const sched = notShown(SCHED, to);
    const alice = notShown('UALICE', to);
    assert.equal(sched.length, 1, 'the scheduler, once');
    assert.equal(alice.length, 1, 'the host, once');
    assert.match(
      String(sched[0]?.text),
      /^\*Gone message\* changed: .*\nThe bot could not update its message/,
    );
    assert.match(
      String(alice[0]?.text),
      /^\*Gone message\* が変更されました: .*\nチャンネルのメッセージを更新できなかった/,
    );
  });

  test('the host cancels it: only the host is told (the scheduler did not make this change)', async () => {
    const record = await withDeletedMessage('Host cancels');
    const schedBefore = dmsTo(SCHED).length;
    await click('cancel_meeting', record.meetingId, 'UALICE');
    const told = dmsTo('UALICE').filter((a) =>
      /Host cancels\* が変更されました: .*中止/.test(String(a.text)),
    );
    assert.equal(told.length, 1);
    assert.equal(dmsTo(SCHED).length, schedBefore, 'nothing to the scheduler');
    assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'cancelled');
  });

  test('moved in Zoom: the host is told (no Slack user made it)', async () => {
    const record = await withDeletedMessage('Zoom move');
    const schedBefore = dmsTo(SCHED).length;
    const to = '2030-09-12T05:00:00Z';
    const res = await webhook.send(
      zoomEvents.updated(record.meetingId, { start_time: to }, { start_time: record.startInstant }),
    );
    assert.equal(res.status, 200);
    await h.settle();
    assert.equal(notShown('UALICE', to).length, 1);
    assert.equal(dmsTo(SCHED).length, schedBefore);
  });
});

describe('a cloud recording whose sign-in could not be applied', () => {
  test('the host and the scheduler each learn by DM why its link is not posted; the channel gets no link', async () => {
    const record = await scheduleForAlice('2030-09-20 10:00 Recorded review', {
      values: { recording: 'cloud', recordingAuthentication: true },
    });
    assert.equal(record.recordingAuthentication, true);
    h.zoom.failNext(
      { method: 'PATCH', path: /\/recordings\/settings$/ },
      { status: 400, body: { code: 300, message: 'Invalid request' } },
    );
    const shareUrl = 'https://zoom.us/rec/share/notice-test';
    const res = await webhook.send(zoomEvents.recordingCompleted(record.meetingId, shareUrl));
    assert.equal(res.status, 200);
    await h.settle();
    const alice = dmsTo('UALICE').filter((a) => String(a.text).includes('Recorded review'));
    const sched = dmsTo(SCHED).filter((a) => /cloud recording of \*Recorded review\*/.test(String(a.text)));
    assert.equal(alice.filter((a) => /クラウド録画ができました/.test(String(a.text))).length, 1);
    assert.equal(sched.length, 1);
    assert.ok(
      h.slack.callsTo('chat.postMessage').every((a) => !JSON.stringify(a).includes(shareUrl)),
      'the link is posted nowhere',
    );
  });

  test("the scheduler disconnected, the host connected: the host's own token applies the sign-in and the link is posted", async () => {
    const record = await scheduleForAlice('2030-09-21 10:00 Own recording', {
      values: { recording: 'cloud', recordingAuthentication: true },
    });
    await h.connect({ userId: 'UALICE' }, { id: 'zu-alice', email: 'alice@example.com' });
    await h.services.tokens.remove({ teamId: 'T0001', userId: SCHED });
    try {
      const shareUrl = 'https://zoom.us/rec/share/own-token-test';
      const res = await webhook.send(zoomEvents.recordingCompleted(record.meetingId, shareUrl));
      assert.equal(res.status, 200);
      await h.settle();
      const patch = h.zoom.requests
        .filter(
          (r) => r.method === 'PATCH' && r.path === `/v2/meetings/${record.meetingId}/recordings/settings`,
        )
        .at(-1);
      assert.deepEqual(patch?.body, { recording_authentication: true });
      assert.equal(bearerOf(patch), await tokenOf('UALICE'));
      const note = h.slack.callsTo('chat.postMessage').find((a) => a.thread_ts === record.messageTs);
      assert.ok(String(note?.text).includes(shareUrl), 'the link is posted in the thread');
    } finally {
      await h.connect({ userId: SCHED }, { id: 'zu-sched', email: 'sched@example.com' });
      await h.services.tokens.remove({ teamId: 'T0001', userId: 'UALICE' });
    }
  });
});

describe('the scheduler now connected to another Zoom account', () => {
  async function withSchedulerMoved<T>(run: () => Promise<T>): Promise<T> {
    await h.connect({ userId: SCHED }, { id: 'zu-sched-new', email: 'sched-new@example.com' });
    try {
      return await run();
    } finally {
      await h.connect({ userId: SCHED }, { id: 'zu-sched', email: 'sched@example.com' });
      for (const userId of ['UALICE', 'UBOB']) await h.services.tokens.remove({ teamId: 'T0001', userId });
    }
  }

  test('the host, not connected, clicks Cancel: told who made it and how to change it (ja); nothing changes', async () => {
    const record = await scheduleForAlice('2030-09-25 10:00 Moved account');
    await withSchedulerMoved(async () => {
      const deletes = h.zoom.requests.filter((r) => r.method === 'DELETE').length;
      const answer = await click('cancel_meeting', record.meetingId, 'UALICE');
      assert.deepEqual(answersOn(answer), [
        '*Moved account* は <@USCHED> さんが、いまボットと連携していない Zoom アカウントから予約したため、Slack からは変更できません。何も変更していません。Zoom で変更してください。または `/zoom connect` でご自身の Zoom アカウントを連携してから、もう一度お試しください。',
      ]);
      assert.equal(h.zoom.requests.filter((r) => r.method === 'DELETE').length, deletes);
      assert.ok(h.zoom.meetings.has(record.meetingId));
      assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'scheduled');
    });
  });

  test('the host, connected to another Zoom account, reschedules (en): told to change it in Zoom', async () => {
    const record = await scheduleForAlice('2030-09-26 10:00 Elsewhere', { host: 'zu-bob' });
    await withSchedulerMoved(async () => {
      await h.connect({ userId: 'UBOB' }, { id: 'zu-bob-other', email: 'bob-private@example.com' });
      const patches = h.zoom.requests.filter((r) => r.method === 'PATCH').length;
      const answer = await reschedule(record, 'UBOB', '2030-09-27 10:00');
      const told = [
        ...answersOn(answer),
        ...h.slack.callsTo('chat.postEphemeral').filter((a) => a.user === 'UBOB'),
        ...dmsTo('UBOB'),
      ].map((a) => (typeof a === 'string' ? a : String(a.text)));
      assert.ok(
        told.includes(
          '<@USCHED> scheduled *Elsewhere* from a Zoom account the bot is no longer connected with, so it cannot be changed from Slack and nothing was changed. Change it in Zoom.',
        ),
        told.join('\n'),
      );
      assert.equal(h.zoom.requests.filter((r) => r.method === 'PATCH').length, patches);
      assert.equal(
        (await h.services.meetings.get(record.meetingId))?.startInstant,
        record.startInstant,
        'the record keeps its time',
      );
    });
  });

  test("the host connected as themself: the host's own token cancels it", async () => {
    const record = await scheduleForAlice('2030-09-28 10:00 Own token');
    await withSchedulerMoved(async () => {
      await h.connect({ userId: 'UALICE' }, { id: 'zu-alice', email: 'alice@example.com' });
      await click('cancel_meeting', record.meetingId, 'UALICE');
      assert.equal(bearerOf(lastCall('DELETE', record.meetingId)), await tokenOf('UALICE'));
      assert.equal(h.zoom.meetings.has(record.meetingId), false);
      assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'cancelled');
    });
  });

  test('the scheduler clicks: told which account made it (the scheduler’s wording)', async () => {
    const record = await scheduleForAlice('2030-09-29 10:00 Mine before');
    await withSchedulerMoved(async () => {
      const answer = await click('cancel_meeting', record.meetingId, SCHED);
      assert.match(answersOn(answer).join(), /belongs to the Zoom account sched@example.com/);
      assert.equal((await h.services.meetings.get(record.meetingId))?.status, 'scheduled');
    });
    assert.deepEqual(h.slack.schemaErrors, []);
    assert.deepEqual(h.zoom.schemaErrors, []);
  });
});
