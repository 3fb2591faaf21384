/** What a modal carries between opening and submission (private_metadata, at most 3000 characters). */
import type { Locale } from '../../config.js';
import type { AutoRecording, HostDefaults, MeetingOption } from '../../scheduling/ports/types.js';

export interface ModalContext {
  /** Channel where /zoom was typed, or where the meeting's message is. */
  channelId: string;
  responseUrl?: string;
  locale: Locale;
  timeZone: string;
  /** Reschedule only. */
  meetingId?: string;
  /** Post the meeting as a reply in this thread of `channelId` (message shortcut). */
  threadTs?: string;
  /** Opened from the App Home: the Home is re-rendered after the change. */
  origin?: 'home';
  /** The host's Zoom defaults the form started from; absent when they could not be read. */
  hostDefaults?: HostDefaults;
  /** The duration select's value when the form opened (a length typed in `when` wins unless it changed). */
  openedDuration?: number;
}

const OPTION_KEYS: MeetingOption[] = [
  'host_video',
  'participant_video',
  'join_before_host',
  'mute_upon_entry',
  'waiting_room',
];

function decodeDefaults(value: unknown): HostDefaults | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const o = value as { o?: Record<string, unknown>; r?: unknown };
  const options: HostDefaults['options'] = {};
  for (const key of OPTION_KEYS) if (typeof o.o?.[key] === 'boolean') options[key] = o.o[key] as boolean;
  const r = o.r;
  return {
    options,
    ...(r === 'none' || r === 'local' || r === 'cloud' ? { recording: r as AutoRecording } : {}),
  };
}

export function encodeContext(ctx: ModalContext): string {
  const form = {
    ...(ctx.hostDefaults
      ? {
          h: {
            o: ctx.hostDefaults.options,
            ...(ctx.hostDefaults.recording ? { r: ctx.hostDefaults.recording } : {}),
          },
        }
      : {}),
    ...(ctx.openedDuration ? { d: ctx.openedDuration } : {}),
  };
  const text = JSON.stringify({
    c: ctx.channelId,
    r: ctx.responseUrl,
    l: ctx.locale,
    z: ctx.timeZone,
    m: ctx.meetingId,
    t: ctx.threadTs,
    o: ctx.origin,
    ...form,
  });
  // A response_url is short; dropping it keeps the modal working (the channel post is still tried).
  return text.length <= 3000
    ? text
    : JSON.stringify({
        c: ctx.channelId,
        l: ctx.locale,
        z: ctx.timeZone,
        m: ctx.meetingId,
        t: ctx.threadTs,
        o: ctx.origin,
        ...form,
      });
}

export function decodeContext(
  text: string | undefined,
  fallback: { locale: Locale; timeZone: string },
): ModalContext {
  try {
    const o = JSON.parse(text ?? '') as Record<string, unknown>;
    return {
      channelId: typeof o.c === 'string' ? o.c : '',
      ...(typeof o.r === 'string' ? { responseUrl: o.r } : {}),
      locale: o.l === 'ja' || o.l === 'en' ? o.l : fallback.locale,
      timeZone: typeof o.z === 'string' ? o.z : fallback.timeZone,
      ...(typeof o.m === 'string' ? { meetingId: o.m } : {}),
      ...(decodeDefaults(o.h) ? { hostDefaults: decodeDefaults(o.h) } : {}),
      ...(typeof o.d === 'number' && Number.isInteger(o.d) ? { openedDuration: o.d } : {}),
      ...(typeof o.t === 'string' && /^\d+\.\d+$/.test(o.t) ? { threadTs: o.t } : {}),
      ...(o.o === 'home' ? { origin: 'home' as const } : {}),
    };
  } catch {
    return { channelId: '', locale: fallback.locale, timeZone: fallback.timeZone };
  }
}
