/**
 * Zoom webhook deliveries: signature check (v0), the URL-validation answer, and parsing of the
 * events the bot acts on into typed events. Pure: no I/O, no clock unless one is passed in.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
// The one function, not the index (which loads all of date-fns).
import { fromZonedTime } from 'date-fns-tz/fromZonedTime';
import type { MeetingChanges, ZoomEvent } from '../scheduling/ports/events.js';

export const SIGNATURE_HEADER = 'x-zm-signature';
export const TIMESTAMP_HEADER = 'x-zm-request-timestamp';
/** Zoom's own guidance: reject deliveries older than 5 minutes (and as far in the future, for clock skew). */
export const MAX_TIMESTAMP_SKEW_SECONDS = 300;

const hmacHex = (secret: string, message: string | Buffer) =>
  createHmac('sha256', secret).update(message).digest('hex');

/** The `x-zm-signature` value Zoom sends for this body: `v0=hex(HMAC_SHA256(secret, "v0:{ts}:{body}"))`. */
export function signZoomWebhook(
  secret: string,
  timestamp: string | number,
  rawBody: string | Buffer,
): string {
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const message = Buffer.concat([Buffer.from(`v0:${timestamp}:`, 'utf8'), body]);
  return `v0=${hmacHex(secret, message)}`;
}

export type SignatureFailure = 'missing' | 'malformed' | 'stale' | 'future' | 'mismatch';
export type SignatureCheck = { ok: true } | { ok: false; reason: SignatureFailure };

export interface SignedDelivery {
  secret: string;
  signature: string | undefined;
  timestamp: string | undefined;
  rawBody: Buffer;
  /** Epoch milliseconds of "now". */
  nowMs: number;
}

/** Checks the timestamp window first (cheap), then the HMAC in constant time. */
export function verifyZoomSignature(d: SignedDelivery): SignatureCheck {
  if (!d.signature || !d.timestamp) return { ok: false, reason: 'missing' };
  if (!/^\d{1,13}$/.test(d.timestamp) || !/^v0=[0-9a-f]{64}$/.test(d.signature)) {
    return { ok: false, reason: 'malformed' };
  }
  const value = Number(d.timestamp);
  // Zoom sends epoch seconds; a 13-digit value can only be milliseconds.
  const sentMs = d.timestamp.length >= 13 ? value : value * 1000;
  const ageSeconds = (d.nowMs - sentMs) / 1000;
  if (ageSeconds > MAX_TIMESTAMP_SKEW_SECONDS) return { ok: false, reason: 'stale' };
  if (-ageSeconds > MAX_TIMESTAMP_SKEW_SECONDS) return { ok: false, reason: 'future' };
  const expected = Buffer.from(signZoomWebhook(d.secret, d.timestamp, d.rawBody), 'utf8');
  const given = Buffer.from(d.signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'mismatch' };
  }
  return { ok: true };
}

/**
 * Answer to `endpoint.url_validation`. Only ever given for a correctly signed request: answered
 * unsigned, it would be an HMAC oracle (plainToken "v0:{ts}:{body}" yields a valid signature).
 */
export function urlValidationAnswer(secret: string, plainToken: string) {
  return { plainToken, encryptedToken: hmacHex(secret, plainToken) };
}

export type { MeetingChanges } from '../scheduling/ports/events.js';

/** A delivery as read: one of the core's events, the URL check, or something the bot ignores. */
export type ZoomWebhookEvent =
  | ZoomEvent
  | { kind: 'url_validation'; plainToken: string }
  | { kind: 'ignored'; event: string; reason: 'unsupported_event' | 'malformed' };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);

/** Zoom sends meeting ids as numbers (updated, deleted, recordings) or strings (started, ended). */
export function normaliseMeetingId(id: unknown): string | undefined {
  if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) return String(id);
  if (typeof id === 'string' && /^\d{1,19}$/.test(id.trim())) return id.trim().replace(/^0+(?=\d)/, '');
  return undefined;
}

/** A Zoom time as ISO UTC: with `Z`/offset as is; without, read in `timeZone`. Undefined when unreadable. */
export function zoomTimeToInstant(value: string, timeZone?: string): string | undefined {
  const hasOffset = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(value);
  if (!hasOffset && !timeZone) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?/.test(value)) return undefined;
  try {
    const date = hasOffset ? new Date(value) : fromZonedTime(value, timeZone as string);
    return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
  } catch {
    return undefined;
  }
}

const epochMsToIso = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? new Date(v).toISOString() : undefined;

/** Reads a parsed webhook body into the event the bot acts on; everything else is `ignored`. */
export function parseZoomWebhook(body: unknown): ZoomWebhookEvent {
  if (!isObject(body) || typeof body.event !== 'string') {
    return { kind: 'ignored', event: '', reason: 'malformed' };
  }
  const event = body.event;
  const payload = isObject(body.payload) ? body.payload : undefined;
  const malformed = { kind: 'ignored', event, reason: 'malformed' } as const;
  if (!payload) return malformed;

  if (event === 'endpoint.url_validation') {
    const plainToken = text(payload.plainToken);
    return plainToken ? { kind: 'url_validation', plainToken } : malformed;
  }
  if (event === 'app_deauthorized') {
    const zoomUserId = text(payload.user_id);
    return zoomUserId ? { kind: 'app_deauthorized', zoomUserId } : malformed;
  }

  const object = isObject(payload.object) ? payload.object : undefined;
  const meetingId = normaliseMeetingId(object?.id);
  if (!object || !meetingId) {
    return KNOWN_MEETING_EVENTS.has(event)
      ? malformed
      : { kind: 'ignored', event, reason: 'unsupported_event' };
  }

  // When Zoom produced the event (epoch ms): the order events of one meeting are applied in.
  const ts =
    typeof body.event_ts === 'number' && Number.isFinite(body.event_ts) ? { eventTs: body.event_ts } : {};
  switch (event) {
    case 'meeting.updated':
      return { kind: 'meeting_updated', meetingId, changes: readChanges(object), ...ts };
    case 'meeting.deleted':
      return { kind: 'meeting_deleted', meetingId, ...ts };
    case 'meeting.started': {
      const startedAt = instantOf(object.start_time) ?? epochMsToIso(body.event_ts);
      return startedAt ? { kind: 'meeting_started', meetingId, startedAt, ...ts } : malformed;
    }
    case 'meeting.ended': {
      const endedAt = instantOf(object.end_time) ?? epochMsToIso(body.event_ts);
      if (!endedAt) return malformed;
      const startedAt = instantOf(object.start_time);
      return { kind: 'meeting_ended', meetingId, endedAt, ...(startedAt ? { startedAt } : {}), ...ts };
    }
    case 'recording.completed': {
      const shareUrl = text(object.share_url);
      if (!shareUrl || !/^https:\/\//i.test(shareUrl)) return malformed;
      const passcode = text(object.password) ?? text(object.recording_play_passcode);
      return { kind: 'recording_completed', meetingId, shareUrl, ...(passcode ? { passcode } : {}) };
    }
    default:
      return { kind: 'ignored', event, reason: 'unsupported_event' };
  }
}

const KNOWN_MEETING_EVENTS = new Set([
  'meeting.updated',
  'meeting.deleted',
  'meeting.started',
  'meeting.ended',
  'recording.completed',
]);

const instantOf = (v: unknown) => {
  const s = text(v);
  return s ? zoomTimeToInstant(s) : undefined;
};

/** `meeting.updated` carries only the changed fields (plus id) in `object`. */
function readChanges(object: Json): MeetingChanges {
  const changes: MeetingChanges = {};
  const topic = text(object.topic);
  if (topic) changes.topic = topic;
  const timeZone = text(object.timezone);
  if (timeZone && isTimeZone(timeZone)) changes.timeZone = timeZone;
  if (typeof object.duration === 'number' && Number.isInteger(object.duration) && object.duration > 0) {
    changes.durationMinutes = object.duration;
  }
  const start = text(object.start_time);
  if (start) {
    const instant = zoomTimeToInstant(start, changes.timeZone);
    if (instant) changes.startInstant = instant;
    else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?$/.test(start)) changes.startLocal = start;
  }
  return changes;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * A stable id for one delivery, so a redelivery is recognised: event + event_ts + subject when
 * Zoom gave a timestamp, else the body itself.
 */
export function deliveryId(body: unknown, rawBody: Buffer): string {
  const hash = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
  if (!isObject(body) || typeof body.event !== 'string' || typeof body.event_ts !== 'number') {
    return hash(rawBody);
  }
  const payload = isObject(body.payload) ? body.payload : {};
  const object = isObject(payload.object) ? payload.object : {};
  const subject = String(object.uuid ?? object.id ?? payload.user_id ?? '');
  return hash(`${body.event}\n${body.event_ts}\n${subject}`);
}
