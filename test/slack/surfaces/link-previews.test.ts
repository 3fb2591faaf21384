import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { MeetingRecord } from '../../../src/scheduling/types.js';
import { mayPreview, meetingIdOf } from '../../../src/slack/events/link-shared.js';
import { type Harness, startHarness } from '../../support/app-harness.js';
import { linkSharedEvent, postEvent } from '../../support/surface-payloads.js';

let h: Harness;
before(async () => {
  h = await startHarness();
});
after(() => h.stop());

/** The meeting's link as Zoom gives it out, on zoom.us, with the passcode of its join link. */
function zoomLink(meetingId: string, joinUrl: string, host = 'us06web.zoom.us'): string {
  const pwd = new URL(joinUrl).searchParams.get('pwd');
  return `https://${host}/j/${meetingId}${pwd ? `?pwd=${pwd}` : ''}`;
}

async function share(urls: string[], teamId = 'T0001', composer = false): Promise<Record<string, unknown>[]> {
  const before = h.slack.callsTo('chat.unfurl').length;
  const res = await postEvent(h, linkSharedEvent(urls, { composer }), teamId);
  assert.equal(res.status, 200);
  await h.settle();
  return h.slack.callsTo('chat.unfurl').slice(before);
}

describe('Zoom link previews', () => {
  test('a link to a meeting the bot posted here: topic, time, host, status and Join', async () => {
    await h.connect({ userId: 'ULP1' });
    h.slack.setUser('ULP1', { locale: 'en-US' });
    const record = await h.scheduleMeeting({
      user: { userId: 'ULP1' },
      topic: 'Launch review',
      when: 'tomorrow 14:00',
    });
    const url = zoomLink(record.meetingId, record.joinUrl);
    const [call] = await share([url]);
    assert.ok(call, 'chat.unfurl was called');
    assert.equal(call.channel, 'C0001');
    const blocks = JSON.stringify((call.unfurls as Record<string, { blocks: unknown[] }>)[url]?.blocks);
    assert.match(blocks, /Launch review/);
    assert.match(blocks, /<!date\^\d+\^/);
    assert.match(blocks, /<@ULP1>/);
    assert.match(blocks, /Scheduled/);
    assert.match(blocks, /"action_id":"join_meeting"/);
    assert.ok(blocks.includes(record.joinUrl));
    assert.ok(!blocks.includes('zak='));
    assert.deepEqual(h.slack.schemaErrors, []);

    // The status follows the meeting: cancelled, no Join.
    await h.services.meetings.update(record.meetingId, (r) => ({ ...r, status: 'cancelled' }));
    const [again] = await share([url]);
    const cancelled = JSON.stringify(
      (again?.unfurls as Record<string, { blocks: unknown[] }> | undefined)?.[url]?.blocks,
    );
    assert.match(cancelled, /Cancelled/);
    assert.ok(!cancelled.includes('join_meeting'));
  });

  test('other meetings, other workspaces and bare numbers get nothing', async () => {
    await h.connect({ userId: 'ULP2' });
    const record = await h.scheduleMeeting({
      user: { userId: 'ULP2' },
      topic: 'Secret plans',
      when: 'tomorrow 16:00',
    });
    // A meeting the bot never posted.
    assert.deepEqual(await share(['https://zoom.us/j/81234567890?pwd=abc']), []);
    // The bot's meeting, shared in another workspace.
    assert.deepEqual(await share([zoomLink(record.meetingId, record.joinUrl)], 'T0OTHER'), []);
    // The bot's meeting by its number only (no passcode): someone who only has the number.
    assert.deepEqual(await share([`https://zoom.us/j/${record.meetingId}`]), []);
    // The number with a wrong passcode.
    assert.deepEqual(await share([`https://zoom.us/j/${record.meetingId}?pwd=guess`]), []);
    // Not a Zoom host at all.
    assert.deepEqual(await share([`https://zoom.us.evil.example/j/${record.meetingId}`]), []);
  });

  test('several links in one message: one chat.unfurl with a preview for each known one', async () => {
    await h.connect({ userId: 'ULP3' });
    const a = await h.scheduleMeeting({ user: { userId: 'ULP3' }, topic: 'First', when: 'tomorrow 9:00' });
    const b = await h.scheduleMeeting({ user: { userId: 'ULP3' }, topic: 'Second', when: 'tomorrow 10:00' });
    const urls = [
      zoomLink(a.meetingId, a.joinUrl),
      'https://zoom.us/j/89999999999',
      zoomLink(b.meetingId, b.joinUrl, 'zoom.us'),
    ];
    const calls = await share(urls);
    assert.equal(calls.length, 1);
    assert.deepEqual(Object.keys(calls[0]?.unfurls as object).sort(), [urls[0], urls[2]].sort());
  });

  test('a link still in the message box is previewed by its unfurl_id', async () => {
    await h.connect({ userId: 'ULP4' });
    const record = await h.scheduleMeeting({
      user: { userId: 'ULP4' },
      topic: 'Draft',
      when: 'tomorrow 11:00',
    });
    const url = zoomLink(record.meetingId, record.joinUrl);
    const [call] = await share([url], 'T0001', true);
    assert.equal(call?.source, 'composer');
    assert.match(String(call?.unfurl_id), /^U0SHARER-/);
    assert.equal(call?.channel, undefined);
    assert.match(JSON.stringify(call?.unfurls), /Draft/);
    assert.deepEqual(h.slack.schemaErrors, []);
  });

  test('meeting numbers are read from Zoom join links only', () => {
    assert.equal(meetingIdOf('https://us02web.zoom.us/j/81234567890?pwd=x'), '81234567890');
    assert.equal(meetingIdOf('https://zoom.us/wc/join/81234567890'), '81234567890');
    assert.equal(meetingIdOf('https://zoom.us/wc/81234567890/join'), '81234567890');
    assert.equal(meetingIdOf('http://zoom.us/j/81234567890'), undefined);
    assert.equal(meetingIdOf('https://zoom.us/s/81234567890?zak=x'), undefined);
    assert.equal(meetingIdOf('https://evilzoom.us/j/81234567890'), undefined);
    assert.equal(meetingIdOf('not a url'), undefined);
  });

  test('a preview needs the same workspace and, when the join link has one, the same passcode', () => {
    const record = {
      meetingId: '81234567890',
      host: { teamId: 'T0001', userId: 'U1' },
      joinUrl: 'https://zoom.us/j/81234567890?pwd=right',
    } as MeetingRecord;
    assert.equal(mayPreview(record, 'T0001', 'https://us06web.zoom.us/j/81234567890?pwd=right'), true);
    assert.equal(mayPreview(record, 'T0002', 'https://us06web.zoom.us/j/81234567890?pwd=right'), false);
    assert.equal(mayPreview(record, 'T0001', 'https://zoom.us/j/81234567890'), false);
    assert.equal(mayPreview(record, 'T0001', 'https://zoom.us/j/81234567890?pwd=wrong'), false);
    const open = { ...record, joinUrl: 'https://zoom.us/j/81234567890' };
    assert.equal(mayPreview(open, 'T0001', 'https://zoom.us/j/81234567890'), true);
  });
});
