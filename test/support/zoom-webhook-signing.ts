/**
 * Sends webhook requests the way Zoom does (v0 signature over the raw body) and builds bodies in
 * the shapes Zoom publishes (Zoom's rivet-javascript event types, ZoomNet's recorded samples):
 * `meeting.started`/`ended` carry the id as a string, `updated`/`deleted`/`recording.completed`
 * as a number, `meeting.updated` only the changed fields plus `old_object`.
 */
import { signZoomWebhook } from '../../src/zoom/webhooks.js';

export interface SendOptions {
  /** Epoch seconds put in x-zm-request-timestamp (default now). */
  timestamp?: number;
  /** Sign with this secret instead (wrong-secret tests). */
  secret?: string;
  /** Send this signature header verbatim. */
  signature?: string;
  /** Send these bytes instead of JSON.stringify(body) (signature still over what is sent unless `signature`). */
  rawBody?: string;
}

export interface ZoomWebhookSender {
  url: string;
  send(body: unknown, opts?: SendOptions): Promise<Response>;
}

export function zoomWebhookSender(baseUrl: string, secret: string): ZoomWebhookSender {
  const url = `${baseUrl.replace(/\/$/, '')}/zoom/webhook`;
  return {
    url,
    async send(body, opts = {}) {
      const raw = opts.rawBody ?? JSON.stringify(body);
      const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
      const signature = opts.signature ?? signZoomWebhook(opts.secret ?? secret, timestamp, raw);
      return fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'x-zm-request-timestamp': String(timestamp),
          'x-zm-signature': signature,
          'user-agent': 'Zoom Marketplace/1.0a',
        },
        body: raw,
      });
    },
  };
}

let eventTs = Date.UTC(2026, 10, 28, 12, 0, 0);
/** A distinct event_ts per body, as distinct deliveries have. */
const nextTs = () => ++eventTs;

const ACCOUNT = 'AcCoUnT-1234567890';

export const zoomEvents = {
  urlValidation: (plainToken: string) => ({
    event: 'endpoint.url_validation',
    payload: { plainToken },
    event_ts: nextTs(),
  }),
  started: (meetingId: string | number, startTime: string, hostId = 'zu-host') => ({
    event: 'meeting.started',
    event_ts: nextTs(),
    payload: {
      account_id: ACCOUNT,
      object: {
        id: String(meetingId),
        uuid: 'mOG8pEaFQqeDm6Vd/3xopA==',
        host_id: hostId,
        topic: 'topic',
        type: 2,
        start_time: startTime,
        timezone: 'Asia/Tokyo',
        duration: 30,
      },
    },
  }),
  ended: (meetingId: string | number, startTime: string, endTime: string, hostId = 'zu-host') => ({
    event: 'meeting.ended',
    event_ts: nextTs(),
    payload: {
      account_id: ACCOUNT,
      object: {
        id: String(meetingId),
        uuid: 'mOG8pEaFQqeDm6Vd/3xopA==',
        host_id: hostId,
        topic: 'topic',
        type: 2,
        start_time: startTime,
        end_time: endTime,
        timezone: 'Asia/Tokyo',
        duration: 30,
      },
    },
  }),
  updated: (meetingId: string | number, changed: Record<string, unknown>, old: Record<string, unknown>) => {
    const ts = nextTs();
    return {
      event: 'meeting.updated',
      event_ts: ts,
      payload: {
        account_id: ACCOUNT,
        operator: 'host@example.com',
        operator_id: 'zu-host',
        object: { id: Number(meetingId), ...changed },
        old_object: { id: Number(meetingId), ...old },
        time_stamp: ts,
      },
    };
  },
  deleted: (meetingId: string | number) => ({
    event: 'meeting.deleted',
    event_ts: nextTs(),
    payload: {
      account_id: ACCOUNT,
      operator: 'host@example.com',
      operator_id: 'zu-host',
      object: {
        id: Number(meetingId),
        uuid: '5yDZGNlQSV6qOjg4NxajHQ==',
        host_id: 'zu-host',
        type: 2,
        topic: 'topic',
      },
    },
  }),
  recordingCompleted: (meetingId: string | number, shareUrl: string, password?: string) => ({
    event: 'recording.completed',
    event_ts: nextTs(),
    payload: {
      account_id: ACCOUNT,
      object: {
        id: Number(meetingId),
        uuid: 'DUZke5GtTtuQlcx4mUo0Xw==',
        account_id: ACCOUNT,
        host_id: 'zu-host',
        host_email: 'host@example.com',
        topic: 'topic',
        type: 2,
        start_time: '2026-11-29T06:01:10Z',
        timezone: 'Asia/Tokyo',
        duration: 47,
        total_size: 580216,
        recording_count: 1,
        share_url: shareUrl,
        ...(password ? { password, recording_play_passcode: 'oBGMTtJl0ZIZWO5x6CN3xH0X5LDGUlY3' } : {}),
        recording_files: [
          {
            id: '6606c8c8-9ab6-4700-8562-4685827be2ef',
            meeting_id: 'DUZke5GtTtuQlcx4mUo0Xw==',
            recording_start: '2026-11-29T06:01:22Z',
            recording_end: '2026-11-29T06:48:39Z',
            file_type: 'MP4',
            file_extension: 'MP4',
            file_size: 308098,
            play_url: `${shareUrl.replace('/share/', '/play/')}`,
            download_url: 'https://zoom.us/rec/webhook_download/abc',
            status: 'completed',
            recording_type: 'shared_screen_with_speaker_view',
          },
        ],
      },
    },
    download_token: 'download-token-not-used',
  }),
  deauthorized: (zoomUserId: string) => ({
    event: 'app_deauthorized',
    event_ts: nextTs(),
    payload: {
      account_id: ACCOUNT,
      user_id: zoomUserId,
      signature: 'b3d1f0c5e6a7',
      deauthorization_time: '2026-11-28T12:00:00.000Z',
      client_id: 'client-id',
    },
  }),
};
