// Who hears what about a meeting scheduled for someone else, through the real Bolt receiver: the
// start link reaches a host who is not in the channel by DM; a meeting that cannot be posted, its
// invitations and reminders reach the host; a change the message cannot show is told to whoever
// made it and to the host, once each.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { SCHED, type ScheduleForContext, startScheduleFor } from '../support/schedule-for-setup.js';
import { zoomEvents } from '../support/zoom-webhook-signing.js';

let c: ScheduleForContext;
before(async () => {
  c = await startScheduleFor();
});
after(() => c.h.stop());

describe('the start link for a host who is not in the channel', () => {
  test('Slack refuses the ephemeral (user_not_in_channel): it reaches Alice by DM, never the channel', async () => {
    const record = await c.scheduleFor('2030-09-01 10:00 Project kickoff', { channelId: 'CPROJ' });
    assert.equal(c.h.slack.members.has('CPROJ', 'UALICE'), false, 'Alice is not in #proj');
    const withLink = c.h.slack.calls.filter((call) =>
      JSON.stringify(call.args).includes(`/s/${record.meetingId}?zak=`),
    );
    // The ephemeral is tried first (Slack refuses it), then the DM: in Alice's language.
    assert.deepEqual(
      withLink.map((call) => [call.method, call.args.channel, call.args.user]),
      [
        ['chat.postEphemeral', 'CPROJ', 'UALICE'],
        ['chat.postMessage', 'DALICE', undefined],
      ],
    );
    const dm = [...c.h.slack.messages.values()].find(
      (m) => m.channel === 'DALICE' && String(m.text).includes('Project kickoff'),
    );
    assert.match(String(dm?.text), /このリンクで \*Project kickoff\* をホストとして開始できます/);
    const inChannel = [...c.h.slack.messages.values()].filter((m) => m.channel === 'CPROJ');
    assert.ok(
      inChannel.some((m) => JSON.stringify(m).includes('Project kickoff')),
      'the meeting is posted',
    );
    assert.ok(
      inChannel.every((m) => !JSON.stringify(m).includes('zak=')),
      'no start link in the channel',
    );
    assert.ok(
      c.h.slack.responses.every((r) => !JSON.stringify(r.body).includes('zak=')),
      'no start link on a response_url',
    );
  });

  test('the fake answers a non-member as Slack does, and a member gets the ephemeral', async () => {
    const post = (user: string) =>
      fetch(`${c.h.slack.apiUrl}chat.postEphemeral`, {
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
    c.h.slack.notInChannel.add('GNOWHERE');
    const triggerId = `T-notice-${c.nextId()}`;
    await c.h.command('2030-09-03 10:00 Unposted', { userId: SCHED, triggerId });
    await c.h.settle();
    const before = new Set(c.h.zoom.meetings.keys());
    const payload = c.h.submission(
      c.h.openedView(triggerId),
      { host: 'zu-alice', channelId: 'GNOWHERE' },
      { user: { userId: SCHED } },
    ) as { response_urls?: unknown[] };
    payload.response_urls = [];
    assert.equal((await c.h.interact(payload)).status, 200);
    await c.h.settle();
    const id = [...c.h.zoom.meetings.keys()].find((k) => !before.has(k));
    assert.ok(id, 'Zoom created it');
    const joinUrl = c.h.zoom.meetings.get(id)?.join_url as string;
    const toAlice = c.dmsTo('UALICE').filter((a) => String(a.text).includes('Unposted'));
    assert.equal(toAlice.length, 1);
    assert.match(
      String(toAlice[0]?.text),
      /^<@USCHED> さんが、あなたをホストとして \*Unposted\*（<!date\^\d+\^[^>]+>）を予約しましたが、ボットはチャンネルに投稿できませんでした。参加リンク:\n/,
    );
    assert.ok(String(toAlice[0]?.text).endsWith(joinUrl));
    const toSched = c.h.slack.calls
      .filter((call) => call.args.user === SCHED || call.args.channel === c.dmChannel(SCHED))
      .map((call) => String(call.args.text))
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
    const record = await c.scheduleFor('2030-09-02 10:00 Roadmap', {
      values: { invitees: ['UINVEN', 'UINVJA'] },
    });
    const en = c.dmsTo('UINVEN').find((a) => String(a.text).includes('Roadmap'));
    const ja = c.dmsTo('UINVJA').find((a) => String(a.text).includes('Roadmap'));
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
    c.h.slack.notInChannel.add('GREMIND');
    // Five days ahead at 10:00 in Tokyo: within Slack's 120 days for scheduled messages.
    const day = new Date(Date.now() + 9 * 3_600_000 + 5 * 86_400_000).toISOString().slice(0, 10);
    const start = Date.parse(`${day}T10:00:00+09:00`) / 1000;
    const triggerId = `T-notice-${c.nextId()}`;
    await c.h.command(`${day} 10:00 Nudged`, {
      userId: SCHED,
      triggerId,
      channelId: 'GREMIND',
      responseUrl: c.h.slack.responseUrl(`remind-${triggerId}`),
    });
    await c.h.settle();
    const before = new Set(c.h.zoom.meetings.keys());
    const res = await c.h.interact(
      c.h.submission(
        c.h.openedView(triggerId),
        { host: 'zu-alice', channelId: 'GREMIND', invitees: ['UINVEN'] },
        { user: { userId: SCHED } },
      ),
    );
    assert.equal(await res.text(), '');
    await c.h.settle();
    const id = [...c.h.zoom.meetings.keys()].find((k) => !before.has(k)) as string;
    const record = (await c.h.services.meetings.get(id)) as MeetingRecord;
    const waiting = (record.reminder?.scheduled ?? []).map((r) => c.h.slack.scheduled.get(r.id));
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
    const record = await c.scheduleFor(`2030-09-10 10:00 ${topic}`);
    c.h.slack.messages.delete(`${record.channelId}:${record.messageTs}`);
    return record;
  }
  const notShown = (userId: string, iso: string) =>
    c
      .dmsTo(userId)
      .filter((a) => c.dateOf(iso).test(String(a.text)) && /changed:|変更されました/.test(String(a.text)));

  test('the scheduler moves it: the scheduler and the host are each told once, in their language', async () => {
    const record = await withDeletedMessage('Gone message');
    await c.reschedule(record, SCHED, '2030-09-11 10:00');
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
    const schedBefore = c.dmsTo(SCHED).length;
    await c.click('cancel_meeting', record.meetingId, 'UALICE');
    const told = c
      .dmsTo('UALICE')
      .filter((a) => /Host cancels\* が変更されました: .*中止/.test(String(a.text)));
    assert.equal(told.length, 1);
    assert.equal(c.dmsTo(SCHED).length, schedBefore, 'nothing to the scheduler');
    assert.equal((await c.h.services.meetings.get(record.meetingId))?.status, 'cancelled');
  });

  test('moved in Zoom: the host is told (no Slack user made it)', async () => {
    const record = await withDeletedMessage('Zoom move');
    const schedBefore = c.dmsTo(SCHED).length;
    const to = '2030-09-12T05:00:00Z';
    const res = await c.webhook.send(
      zoomEvents.updated(record.meetingId, { start_time: to }, { start_time: record.startInstant }),
    );
    assert.equal(res.status, 200);
    await c.h.settle();
    assert.equal(notShown('UALICE', to).length, 1);
    assert.equal(c.dmsTo(SCHED).length, schedBefore);
  });
});
