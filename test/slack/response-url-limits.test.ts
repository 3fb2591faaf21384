/**
 * A meeting shown only through a response_url (the bot is not in the channel): Slack takes 5 posts
 * on it within 30 minutes. The fake Slack refuses past that as Slack does; the host learns each
 * change the message could not show by DM, and a click on the message brings it up to date.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { type Harness, startHarness } from '../support/app-harness.js';
import { type ZoomWebhookSender, zoomEvents, zoomWebhookSender } from '../support/zoom-webhook-signing.js';

const SECRET = 'response-url-webhook-secret';
let h: Harness;
let zoom: ZoomWebhookSender;
before(async () => {
  h = await startHarness({ ZOOM_WEBHOOK_SECRET_TOKEN: SECRET });
  zoom = zoomWebhookSender(h.baseUrl, SECRET);
});
after(() => h.stop());

const dmsTo = (userId: string) =>
  h.slack.callsTo('chat.postMessage').filter((a) => a.channel === `D${userId.replace(/^U/, '')}`);

/** Creates a meeting in a private channel the bot is not in: it is shown through the command's response_url. */
async function privateMeeting(userId: string, topic: string, channelId: string): Promise<MeetingRecord> {
  await h.connect({ userId });
  h.slack.setUser(userId, { locale: 'en-US', tz: 'Asia/Tokyo' });
  h.slack.notInChannel.add(channelId);
  const triggerId = `T-${topic.replace(/\W/g, '')}`;
  await h.command('', { userId, triggerId, channelId, responseUrl: h.slack.responseUrl(`cmd-${triggerId}`) });
  await h.settle();
  const before = new Set(h.zoom.meetings.keys());
  const res = await h.interact(
    h.submission(h.openedView(triggerId), { topic, when: 'tomorrow 13:00' }, { user: { userId } }),
  );
  assert.equal(res.status, 200);
  await h.settle();
  const id = [...h.zoom.meetings.keys()].find((k) => !before.has(k));
  assert.ok(id, 'a meeting was created');
  const record = (await h.services.meetings.get(id)) as MeetingRecord;
  assert.equal(record.messageTs, undefined, 'shown through the response_url only');
  return record;
}

/** Moves the meeting in Zoom (a signed meeting.updated) to `startTime`. */
async function moveInZoom(record: MeetingRecord, from: string, startTime: string): Promise<void> {
  const res = await zoom.send(
    zoomEvents.updated(record.meetingId, { start_time: startTime }, { start_time: from }),
  );
  assert.equal(res.status, 200);
  await h.settle();
}

const dateOf = (iso: string) => new RegExp(`<!date\\^${Date.parse(iso) / 1000}\\^`);

describe('a response_url used up', () => {
  test('moves in Zoom past 5 posts: the bot stops posting there and the host gets a DM with the new time', async () => {
    const record = await privateMeeting('URUSED', 'Used up', 'GUSED');
    const url = record.responseUrl as string;
    let from = record.startInstant as string;
    const times = [
      '2030-07-01T01:00:00Z',
      '2030-07-02T01:00:00Z',
      '2030-07-03T01:00:00Z',
      '2030-07-04T01:00:00Z',
    ];
    for (const to of times) {
      await moveInZoom(record, from, to);
      from = to;
    }
    const stored = (await h.services.meetings.get(record.meetingId)) as MeetingRecord;
    assert.equal(stored.responseUrl, url);
    assert.ok((stored.responseUrlUse?.posts ?? 0) <= 5, 'never counted past Slack’s 5 posts');
    const onUrl = h.slack.responses.filter((r) => r.body && url.includes(`/response/${r.id}/`));
    assert.ok(onUrl.length <= 5, `at most 5 posts reached the response_url, got ${onUrl.length}`);
    assert.deepEqual(
      h.slack.refusedResponses.filter((r) => url.includes(`/response/${r.id}/`)),
      [],
      'the bot counted its posts and made none Slack would refuse',
    );
    const dms = dmsTo('URUSED').filter((a) => /Used up\* changed/.test(String(a.text)));
    assert.ok(dms.length >= 1, 'the host was told by DM');
    const last = dms.at(-1);
    assert.match(String(last?.text), dateOf('2030-07-04T01:00:00Z'));
    assert.match(String(last?.text), /could not update its message/);
    // Once per change: the last move is told exactly once.
    assert.equal(dms.filter((a) => dateOf('2030-07-04T01:00:00Z').test(String(a.text))).length, 1);
  });

  test('a click on the message (fresh response_url) brings it up to date and is stored', async () => {
    const record = await privateMeeting('URCLICK', 'Clicked', 'GCLICK');
    let from = record.startInstant as string;
    for (const to of [
      '2030-08-01T01:00:00Z',
      '2030-08-02T01:00:00Z',
      '2030-08-03T01:00:00Z',
      '2030-08-04T01:00:00Z',
    ]) {
      await moveInZoom(record, from, to);
      from = to;
    }
    const fresh = h.slack.responseUrl('click-fresh');
    await h.interact(
      h.buttonClick('cancel_meeting', record.meetingId, {
        user: { userId: 'URCLICK' },
        channelId: 'GCLICK',
        responseUrl: fresh,
      }),
    );
    await h.settle();
    const replaced = h.slack.responses
      .filter((r) => r.id === 'click-fresh')
      .find((r) => r.body.replace_original);
    assert.match(JSON.stringify(replaced?.body), /Cancelled/);
    const stored = (await h.services.meetings.get(record.meetingId)) as MeetingRecord;
    assert.equal(stored.responseUrl, fresh);
  });

  test('a response_url Slack says has expired (whatever the bot counted): the host gets a DM', async () => {
    const record = await privateMeeting('UREXP', 'Expired', 'GEXP');
    h.slack.ageResponseUrls(31 * 60_000);
    await moveInZoom(record, record.startInstant as string, '2030-09-01T01:00:00Z');
    assert.ok(h.slack.refusedResponses.some((r) => r.error === 'expired_url'));
    const dms = dmsTo('UREXP').filter((a) => /Expired\* changed/.test(String(a.text)));
    assert.equal(dms.length, 1);
    assert.match(String(dms[0]?.text), dateOf('2030-09-01T01:00:00Z'));
  });

  test('every message passed validation', () => {
    assert.deepEqual(h.slack.schemaErrors, []);
  });
});
