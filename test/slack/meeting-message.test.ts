import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MeetingRecord } from '../../src/scheduling/types.js';
import { renderMeetingMessage } from '../../src/slack/blocks/meeting-message.js';
import { escapeMrkdwn } from '../../src/slack/blocks/text.js';
import { validateMessage } from '../support/slack-validation.js';

const base: MeetingRecord = {
  meetingId: '81234567890',
  host: { teamId: 'T1', userId: 'UHOST' },
  topic: 'Design review',
  startInstant: '2030-01-15T06:00:00.000Z',
  timeZone: 'Asia/Tokyo',
  durationMinutes: 90,
  joinUrl: 'https://zoom.example/j/81234567890',
  locale: 'en',
  recording: 'none',
  recordingAuthentication: false,
  status: 'scheduled',
  channelId: 'C1',
  createdAt: '2030-01-01T00:00:00.000Z',
};

const actionIds = (r: MeetingRecord) =>
  [...JSON.stringify(renderMeetingMessage(r).blocks).matchAll(/"action_id":"(\w+)"/g)].map((m) => m[1]);

describe('the meeting message', () => {
  test('scheduled: time for each reader plus a fallback in the meeting zone, Join, Reschedule, Cancel with confirm', () => {
    const message = renderMeetingMessage(base);
    const json = JSON.stringify(message.blocks);
    const unix = Date.parse(base.startInstant as string) / 1000;
    assert.match(
      json,
      new RegExp(`<!date\\^${unix}\\^\\{date_short_pretty\\} \\{time\\}\\|[^>]*15:00[^>]*>`),
    );
    assert.match(json, /1 h 30 min/);
    assert.match(json, /<@UHOST>/);
    assert.deepEqual(actionIds(base), ['join_meeting', 'reschedule_meeting', 'cancel_meeting']);
    assert.match(json, /"value":"81234567890"/);
    assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>), []);
  });

  test('live: only Join stays', () => {
    const live = { ...base, status: 'started' as const, startedAt: '2030-01-15T06:01:00.000Z' };
    assert.deepEqual(actionIds(live), ['join_meeting']);
    assert.match(JSON.stringify(renderMeetingMessage(live).blocks), /Live now/);
  });

  test('ended: no buttons and how long it ran', () => {
    const ended = {
      ...base,
      status: 'ended' as const,
      startedAt: '2030-01-15T06:00:00Z',
      endedAt: '2030-01-15T06:47:10Z',
    };
    assert.deepEqual(actionIds(ended), []);
    assert.match(JSON.stringify(renderMeetingMessage(ended).blocks), /Ended \(ran 47 min\)/);
    assert.match(JSON.stringify(renderMeetingMessage({ ...ended, locale: 'ja' }).blocks), /終了（47分）/);
  });

  test('cancelled: struck through, no buttons, in Japanese for a Japanese meeting', () => {
    const cancelled = { ...base, status: 'cancelled' as const, locale: 'ja' as const };
    const json = JSON.stringify(renderMeetingMessage(cancelled).blocks);
    assert.deepEqual(actionIds(cancelled), []);
    assert.match(json, /~Design review~/);
    assert.match(json, /中止/);
  });

  test('user text is escaped and a very long agenda stays within Slack limits', () => {
    const hostile = { ...base, topic: '<!channel> & <@U1>', agenda: `<!here> ${'a'.repeat(5000)}` };
    const message = renderMeetingMessage(hostile);
    const json = JSON.stringify(message);
    assert.ok(!json.includes('<!channel>') && !json.includes('<!here>') && !json.includes('<@U1>'));
    assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>), []);
  });

  test("escapeMrkdwn escapes exactly Slack's three control characters", () => {
    assert.equal(escapeMrkdwn('a & b < c > d "e"'), 'a &amp; b &lt; c &gt; d "e"');
  });
});

test('the channel message shows the end time too, as a <!date> each reader sees in their own zone', () => {
  const message = renderMeetingMessage(base);
  const details = JSON.stringify(message.blocks.find((b) => b.block_id === 'details'));
  const start = Date.parse('2030-01-15T06:00:00Z') / 1000;
  const end = start + 90 * 60;
  const pattern = `<!date\\^${start}\\^\\{date_short_pretty\\} \\{time\\}\\|[^>]*15:00[^>]*> – <!date\\^${end}\\^\\{time\\}\\|16:30>`;
  assert.match(details, new RegExp(pattern));
  assert.deepEqual(validateMessage(message as unknown as Record<string, unknown>), []);
});

test('a meeting that ends on another day shows the end date too', () => {
  const late = renderMeetingMessage({
    ...base,
    startInstant: '2030-01-15T14:30:00.000Z',
    durationMinutes: 60,
  });
  const end = Date.parse('2030-01-15T15:30:00Z') / 1000;
  const details = JSON.stringify(late.blocks.find((b) => b.block_id === 'details'));
  assert.match(details, new RegExp(`– <!date\\^${end}\\^\\{date_short_pretty\\} \\{time\\}\\|`));
});
