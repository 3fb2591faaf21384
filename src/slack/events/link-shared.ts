/**
 * Previews of zoom.us links (link_shared -> chat.unfurl), only for meetings this bot posted in the
 * same workspace. A meeting's number alone reveals nothing: when the posted join link carries a
 * passcode, the shared link must carry the same one.
 */

import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { MeetingRecord } from '../../scheduling/types.js';
import { renderMeetingPreview } from '../blocks/meeting-preview.js';
import type { KnownBlock } from '../blocks/types.js';
import type { SlackDeps } from '../deps.js';

type EventArgs = SlackEventMiddlewareArgs<'link_shared'> & AllMiddlewareArgs;

/** Slack sends at most a handful of links per message; more are not looked up. */
const MAX_LINKS = 10;

export function register(app: App, services: SlackDeps): void {
  app.event('link_shared', linkShared(services));
}

/** The meeting number of a Zoom join link (…zoom.us/j/123, /w/123, /wc/join/123, /wc/123/join). */
export function meetingIdOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const host = parsed.hostname.toLowerCase();
  if (parsed.protocol !== 'https:' || (host !== 'zoom.us' && !host.endsWith('.zoom.us'))) return undefined;
  const m =
    /^\/(?:j|w|wc\/join)\/(\d{9,12})\/?$/.exec(parsed.pathname) ??
    /^\/wc\/(\d{9,12})\/join\/?$/.exec(parsed.pathname);
  return m?.[1];
}

/** The shared link may show this meeting: same workspace, and the passcode when the join link has one. */
export function mayPreview(record: MeetingRecord, teamId: string, sharedUrl: string): boolean {
  if (record.host.teamId !== teamId) return false;
  const expected = passcodeOf(record.joinUrl);
  return expected === undefined || passcodeOf(sharedUrl) === expected;
}

function passcodeOf(url: string): string | undefined {
  try {
    return new URL(url).searchParams.get('pwd') ?? undefined;
  } catch {
    return undefined;
  }
}

export function linkShared(services: SlackDeps) {
  return async ({ event, body, client }: EventArgs): Promise<void> => {
    const teamId = body.team_id;
    const unfurls: Record<string, { blocks: KnownBlock[] }> = {};
    for (const link of event.links.slice(0, MAX_LINKS)) {
      const meetingId = meetingIdOf(link.url);
      if (!meetingId) continue;
      const record = await services.meetings.get(meetingId).catch(() => null);
      if (!record || !mayPreview(record, teamId, link.url)) continue;
      unfurls[link.url] = { blocks: renderMeetingPreview(record) };
    }
    if (Object.keys(unfurls).length === 0) return;
    // A link still in the message box (source composer) is named by its unfurl_id, not a message.
    const target =
      event.source === 'composer' && event.unfurl_id
        ? { unfurl_id: event.unfurl_id, source: 'composer' as const }
        : { channel: event.channel, ts: event.message_ts };
    await client.chat
      .unfurl({ ...target, unfurls })
      .catch((err) => services.logger.warn('chat.unfurl failed', { error: err }));
  };
}
