import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  deliveryId,
  normaliseMeetingId,
  parseZoomWebhook,
  zoomTimeToInstant,
} from '../../src/zoom/webhooks.js';

describe('meeting ids', () => {
  test('numbers and digit strings become the same string', () => {
    assert.equal(normaliseMeetingId(85012345678), '85012345678');
    assert.equal(normaliseMeetingId('85012345678'), '85012345678');
    assert.equal(normaliseMeetingId(' 85012345678 '), '85012345678');
  });

  test('anything else is not a meeting id', () => {
    for (const bad of [undefined, null, '', 'abc', '12a', -5, 0, 1.5, Number.MAX_SAFE_INTEGER + 2, {}]) {
      assert.equal(normaliseMeetingId(bad), undefined, String(bad));
    }
  });

  test('started (string id) and deleted (number id) of one meeting name the same meeting', () => {
    const started = parseZoomWebhook({
      event: 'meeting.started',
      event_ts: 1,
      payload: { object: { id: '85012345678', start_time: '2026-11-29T06:01:10Z' } },
    });
    const deleted = parseZoomWebhook({ event: 'meeting.deleted', payload: { object: { id: 85012345678 } } });
    assert.ok('meetingId' in started && 'meetingId' in deleted);
    assert.equal(started.meetingId, deleted.meetingId);
  });
});

describe('parsing events', () => {
  test('meeting.updated keeps only the changed fields, times as UTC instants', () => {
    const event = parseZoomWebhook({
      event: 'meeting.updated',
      event_ts: 1732700000000,
      payload: {
        account_id: 'acc',
        operator: 'host@example.com',
        operator_id: 'zu1',
        object: { id: 85012345678, start_time: '2026-11-30T05:00:00Z', duration: 45 },
        old_object: { id: 85012345678, start_time: '2026-11-29T06:00:00Z', duration: 30 },
        time_stamp: 1732700000000,
      },
    });
    assert.deepEqual(event, {
      kind: 'meeting_updated',
      meetingId: '85012345678',
      changes: { startInstant: '2026-11-30T05:00:00.000Z', durationMinutes: 45 },
      eventTs: 1732700000000,
    });
  });

  test('meeting.updated: a start without offset is read in the zone sent with it, or left for the record', () => {
    const withZone = parseZoomWebhook({
      event: 'meeting.updated',
      payload: { object: { id: 1, start_time: '2026-11-30T14:00:00', timezone: 'Asia/Tokyo' } },
    });
    assert.deepEqual(withZone, {
      kind: 'meeting_updated',
      meetingId: '1',
      changes: { startInstant: '2026-11-30T05:00:00.000Z', timeZone: 'Asia/Tokyo' },
    });
    const bare = parseZoomWebhook({
      event: 'meeting.updated',
      payload: { object: { id: 1, start_time: '2026-11-30T14:00:00', topic: '定例' } },
    });
    assert.deepEqual(bare, {
      kind: 'meeting_updated',
      meetingId: '1',
      changes: { topic: '定例', startLocal: '2026-11-30T14:00:00' },
    });
  });

  test('meeting.updated: an unknown zone and nonsense values are dropped', () => {
    const event = parseZoomWebhook({
      event: 'meeting.updated',
      payload: { object: { id: 1, timezone: 'Mars/Olympus', duration: -4, topic: '  ', start_time: 'soon' } },
    });
    assert.deepEqual(event, { kind: 'meeting_updated', meetingId: '1', changes: {} });
  });

  test('meeting.started and meeting.ended', () => {
    assert.deepEqual(
      parseZoomWebhook({
        event: 'meeting.started',
        event_ts: 1764396070000,
        payload: {
          object: { id: '85012345678', uuid: 'u==', start_time: '2026-11-29T06:01:10Z', host_id: 'zu1' },
        },
      }),
      {
        kind: 'meeting_started',
        meetingId: '85012345678',
        startedAt: '2026-11-29T06:01:10.000Z',
        eventTs: 1764396070000,
      },
    );
    assert.deepEqual(
      parseZoomWebhook({
        event: 'meeting.ended',
        payload: {
          object: { id: '85012345678', start_time: '2026-11-29T06:01:10Z', end_time: '2026-11-29T06:48:40Z' },
        },
      }),
      {
        kind: 'meeting_ended',
        meetingId: '85012345678',
        startedAt: '2026-11-29T06:01:10.000Z',
        endedAt: '2026-11-29T06:48:40.000Z',
      },
    );
  });

  test('meeting.ended without end_time falls back to event_ts; with neither it is malformed', () => {
    assert.deepEqual(
      parseZoomWebhook({
        event: 'meeting.ended',
        event_ts: Date.UTC(2026, 10, 29, 7),
        payload: { object: { id: '9' } },
      }),
      {
        kind: 'meeting_ended',
        meetingId: '9',
        endedAt: '2026-11-29T07:00:00.000Z',
        eventTs: Date.UTC(2026, 10, 29, 7),
      },
    );
    assert.deepEqual(parseZoomWebhook({ event: 'meeting.ended', payload: { object: { id: '9' } } }), {
      kind: 'ignored',
      event: 'meeting.ended',
      reason: 'malformed',
    });
  });

  test('recording.completed: share link, human passcode first, else the play passcode', () => {
    const base = { id: 85012345678, uuid: 'u==', share_url: 'https://zoom.us/rec/share/abc' };
    assert.deepEqual(
      parseZoomWebhook({
        event: 'recording.completed',
        payload: { object: { ...base, password: 'W3t!$00v', recording_play_passcode: 'long' } },
      }),
      {
        kind: 'recording_completed',
        meetingId: '85012345678',
        shareUrl: base.share_url,
        passcode: 'W3t!$00v',
      },
    );
    assert.deepEqual(
      parseZoomWebhook({
        event: 'recording.completed',
        payload: { object: { ...base, recording_play_passcode: 'long' } },
      }),
      { kind: 'recording_completed', meetingId: '85012345678', shareUrl: base.share_url, passcode: 'long' },
    );
    assert.deepEqual(parseZoomWebhook({ event: 'recording.completed', payload: { object: base } }), {
      kind: 'recording_completed',
      meetingId: '85012345678',
      shareUrl: base.share_url,
    });
  });

  test('recording.completed without an https share link is malformed', () => {
    for (const share_url of [undefined, '', 'javascript:alert(1)', 'http://zoom.us/rec/share/x']) {
      assert.deepEqual(
        parseZoomWebhook({ event: 'recording.completed', payload: { object: { id: 1, share_url } } }),
        {
          kind: 'ignored',
          event: 'recording.completed',
          reason: 'malformed',
        },
      );
    }
  });

  test('app_deauthorized names the Zoom user', () => {
    assert.deepEqual(
      parseZoomWebhook({
        event: 'app_deauthorized',
        event_ts: 1,
        payload: {
          account_id: 'acc',
          user_id: 'zu-123',
          signature: 'sig',
          deauthorization_time: '2026-11-28T12:00:00.000Z',
          client_id: 'cid',
        },
      }),
      { kind: 'app_deauthorized', zoomUserId: 'zu-123' },
    );
    assert.equal(parseZoomWebhook({ event: 'app_deauthorized', payload: {} }).kind, 'ignored');
  });

  test('unknown events are ignored, whatever they carry', () => {
    for (const body of [
      { event: 'meeting.participant_joined', payload: { object: { id: '1', participant: {} } } },
      { event: 'user.updated', payload: { object: { id: 'zu1' } } },
      { event: 'webinar.started', payload: { object: { id: '1' } } },
    ]) {
      assert.deepEqual(parseZoomWebhook(body), {
        kind: 'ignored',
        event: body.event,
        reason: 'unsupported_event',
      });
    }
  });

  test('bodies that are not events are malformed', () => {
    for (const body of [null, [], 'x', 3, {}, { event: 5 }, { event: 'meeting.deleted' }]) {
      assert.equal(parseZoomWebhook(body).kind, 'ignored');
    }
    assert.deepEqual(parseZoomWebhook({ event: 'meeting.deleted', payload: { object: { id: 'x' } } }), {
      kind: 'ignored',
      event: 'meeting.deleted',
      reason: 'malformed',
    });
  });
});

describe('zoom times and delivery ids', () => {
  test('zoomTimeToInstant reads offsets, reads local time in a zone, and refuses the rest', () => {
    assert.equal(zoomTimeToInstant('2026-11-29T06:00:00Z'), '2026-11-29T06:00:00.000Z');
    assert.equal(zoomTimeToInstant('2026-11-29T15:00:00+09:00'), '2026-11-29T06:00:00.000Z');
    assert.equal(zoomTimeToInstant('2026-11-29T15:00:00', 'Asia/Tokyo'), '2026-11-29T06:00:00.000Z');
    assert.equal(zoomTimeToInstant('2026-07-01T09:00:00', 'America/New_York'), '2026-07-01T13:00:00.000Z');
    assert.equal(zoomTimeToInstant('2026-11-29T15:00:00'), undefined);
    assert.equal(zoomTimeToInstant('tomorrow', 'Asia/Tokyo'), undefined);
  });

  test('a redelivery has the same id; another event, time or meeting does not', () => {
    const body = { event: 'meeting.ended', event_ts: 100, payload: { object: { id: '1', uuid: 'a==' } } };
    const raw = Buffer.from(JSON.stringify(body));
    const id = deliveryId(body, raw);
    assert.equal(deliveryId(JSON.parse(raw.toString()), Buffer.from(JSON.stringify(body, null, 2))), id);
    assert.notEqual(deliveryId({ ...body, event_ts: 101 }, raw), id);
    assert.notEqual(deliveryId({ ...body, event: 'meeting.started' }, raw), id);
    assert.notEqual(deliveryId({ ...body, payload: { object: { id: '1', uuid: 'b==' } } }, raw), id);
  });

  test('without event_ts the raw body identifies the delivery', () => {
    const a = Buffer.from('{"event":"x"}');
    assert.equal(deliveryId({ event: 'x' }, a), deliveryId({ event: 'x' }, Buffer.from('{"event":"x"}')));
    assert.notEqual(deliveryId({ event: 'x' }, a), deliveryId({ event: 'x' }, Buffer.from('{"event": "x"}')));
  });
});
