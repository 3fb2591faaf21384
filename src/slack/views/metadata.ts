/** What a modal carries between opening and submission (private_metadata, at most 3000 characters). */
import type { Locale } from '../../config.js';

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
}

export function encodeContext(ctx: ModalContext): string {
  const text = JSON.stringify({
    c: ctx.channelId,
    r: ctx.responseUrl,
    l: ctx.locale,
    z: ctx.timeZone,
    m: ctx.meetingId,
    t: ctx.threadTs,
    o: ctx.origin,
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
      ...(typeof o.t === 'string' && /^\d+\.\d+$/.test(o.t) ? { threadTs: o.t } : {}),
      ...(o.o === 'home' ? { origin: 'home' as const } : {}),
    };
  } catch {
    return { channelId: '', locale: fallback.locale, timeZone: fallback.timeZone };
  }
}
