import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type Harness, startHarness } from '../support/app-harness.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

const channelPosts = () =>
  h.slack.callsTo('chat.postMessage').filter((a) => !String(a.channel).startsWith('D'));

describe('/zoom free text -> modal -> submit', () => {
  test('the modal opens prefilled from the text, in the user language', async () => {
    await h.connect({ userId: 'UPREFILL' });
    h.slack.setUser('UPREFILL', { tz: 'Asia/Tokyo', locale: 'en-US' });
    const res = await h.command('Design review tomorrow 3pm for 45 minutes', {
      userId: 'UPREFILL',
      triggerId: 'T-prefill',
    });
    assert.equal(res.status, 200);
    await h.settle();
    const view = h.openedView('T-prefill') as {
      callback_id: string;
      blocks: Record<string, unknown>[];
      title: { text: string };
    };
    assert.equal(view.callback_id, 'schedule_meeting');
    assert.equal(view.title.text, 'Schedule Zoom meeting');
    const input = (id: string) =>
      view.blocks.find((b) => b.block_id === id)?.element as Record<string, unknown>;
    assert.equal(input('topic').initial_value, 'Design review');
    assert.match(String(input('when').initial_value), /tomorrow 3pm/);
    assert.equal((input('duration').initial_option as { value: string }).value, '45');
    assert.equal(input('channel').initial_conversation, 'C0001');
    const preview = view.blocks.find((b) => b.block_id === 'when_preview') as {
      elements: { text: string }[];
    };
    assert.match(
      preview.elements[0]?.text ?? '',
      /^→ \w{3}, \w{3} \d+, 3:00 PM – 3:45 PM \(Tokyo time\), 45 min$/,
    );
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('a submitted modal creates one Zoom meeting, posts it, and gives the start link to the host only', async () => {
    const { zoomUserId } = await h.connect({ userId: 'UHOST1' });
    h.slack.setUser('UHOST1', { tz: 'America/New_York', locale: 'en-US' });
    const record = await h.scheduleMeeting({
      user: { userId: 'UHOST1' },
      topic: 'Quarterly planning',
      when: 'tomorrow 10:00',
      durationMinutes: 60,
      recording: 'cloud',
      recordingAuthentication: true,
    });
    const meeting = h.zoom.meetings.get(record.meetingId);
    assert.ok(meeting);
    assert.equal(meeting.hostZoomUserId, zoomUserId);
    const create = h.zoom.requests.find((r) => r.method === 'POST' && r.path.endsWith('/users/me/meetings'));
    const body = create?.body as Record<string, unknown>;
    assert.equal(body.type, 2);
    assert.equal(body.timezone, 'America/New_York');
    assert.match(String(body.start_time), /^\d{4}-\d\d-\d\dT10:00:00$/);
    assert.equal(body.duration, 60);
    assert.equal((body.settings as Record<string, unknown>).auto_recording, 'cloud');
    const recordingPatch = h.zoom.requests.find(
      (r) => r.method === 'PATCH' && r.path.endsWith('/recordings/settings'),
    );
    assert.deepEqual(recordingPatch?.body, { recording_authentication: true });

    assert.equal(record.status, 'scheduled');
    assert.equal(record.channelId, 'C0001');
    assert.ok(record.messageTs);
    assert.equal(record.recordingAuthentication, true);
    const posted = h.slack.messages.get(`C0001:${record.messageTs}`);
    const json = JSON.stringify(posted?.blocks);
    assert.match(json, /Quarterly planning/);
    assert.match(json, /<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+>/);
    assert.match(json, /<@UHOST1>/);
    assert.ok(json.includes(meeting.join_url));
    assert.match(json, /"action_id":"reschedule_meeting"/);
    assert.match(json, /"action_id":"cancel_meeting"/);
    assert.match(json, /"confirm":/);

    // start_url: only in an ephemeral message to the host, never in a channel message or a log line.
    const ephemeral = h.slack
      .callsTo('chat.postEphemeral')
      .filter((a) => JSON.stringify(a).includes(`/s/${record.meetingId}?zak=`));
    assert.equal(ephemeral.length, 1);
    assert.equal(ephemeral[0]?.user, 'UHOST1');
    const startUrl = String(JSON.stringify(ephemeral[0]).match(/"url":"([^"]+zak=[^"]+)"/)?.[1]);
    assert.match(startUrl, /zak=/);
    for (const post of h.slack.callsTo('chat.postMessage')) assert.ok(!JSON.stringify(post).includes('zak='));
    for (const r of h.slack.responses) {
      if (r.body.response_type !== 'ephemeral') assert.ok(!JSON.stringify(r.body).includes('zak='));
    }
    assert.ok(!h.logs.some((l) => l.includes(startUrl)));
    assert.deepEqual(h.slack.schemaErrors, []);
    assert.deepEqual(h.zoom.schemaErrors, []);
  });

  test('the same submission delivered twice creates one meeting', async () => {
    await h.connect({ userId: 'UDUP' });
    await h.command('', { userId: 'UDUP', triggerId: 'T-dup' });
    await h.settle();
    const payload = h.submission(
      h.openedView('T-dup'),
      { topic: 'Once only', when: 'tomorrow 11:00' },
      {
        user: { userId: 'UDUP' },
        viewId: 'VDUPLICATE',
      },
    );
    const creates = h.zoom.stats.creates;
    const answers = await Promise.all([h.interact(payload), h.interact(payload), h.interact(payload)]);
    for (const a of answers) assert.equal(a.status, 200);
    await h.settle();
    assert.equal(h.zoom.stats.creates, creates + 1);
    assert.equal(channelPosts().filter((p) => JSON.stringify(p.blocks).includes('Once only')).length, 1);
  });

  test('mentions in the topic and agenda are escaped, so nobody is pinged', async () => {
    await h.connect({ userId: 'UESC' });
    await h.command('', { userId: 'UESC', triggerId: 'T-esc' });
    await h.settle();
    const payload = h.submission(
      h.openedView('T-esc'),
      {
        topic: '<!channel> & <@U999> <https://evil.example|click>',
        when: 'tomorrow 9:00',
        agenda: '<!here> agenda',
      },
      { user: { userId: 'UESC' } },
    );
    await h.interact(payload);
    await h.settle();
    const post = channelPosts().at(-1);
    const json = JSON.stringify(post);
    assert.ok(!json.includes('<!channel>'));
    assert.ok(!json.includes('<!here>'));
    assert.ok(!json.includes('<@U999>'));
    assert.ok(json.includes('&lt;!channel&gt; &amp; &lt;@U999&gt;'));
    assert.deepEqual(h.slack.schemaErrors, []);
  });
});

describe('a slow users.info', () => {
  test('the modal opens in time with the defaults, then switches to the user zone and language', async () => {
    await h.connect({ userId: 'USLOW' });
    h.slack.setUser('USLOW', { tz: 'America/Los_Angeles', locale: 'en-US' });
    h.slack.setLatency(1500, 'users.info');
    try {
      await h.command('Sync tomorrow 9am', { userId: 'USLOW', triggerId: 'T-slow' });
      await h.settle();
    } finally {
      h.slack.setLatency(0, 'users.info');
    }
    const methods = h.slack.calls.map((c) => c.method);
    const opened = h.openedView('T-slow') as { title: { text: string }; private_metadata: string };
    assert.equal(opened.title.text, 'Zoom ミーティングを予約');
    assert.match(opened.private_metadata, /Asia\/Tokyo/);
    assert.ok(methods.lastIndexOf('views.update') > methods.lastIndexOf('views.open'));
    const update = h.slack.callsTo('views.update').at(-1) as {
      view: { title: { text: string }; private_metadata: string };
    };
    assert.equal(update.view.title.text, 'Schedule Zoom meeting');
    assert.match(update.view.private_metadata, /America\/Los_Angeles/);
    assert.deepEqual(h.slack.schemaErrors, []);
  });
});
