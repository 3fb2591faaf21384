/**
 * What the bot does for each Zoom event: keep meeting records and their Slack messages true,
 * delete a user's data on deauthorization, post cloud recordings. A redelivered event changes
 * nothing twice: each change is computed against the stored record (an event that is already
 * reflected plans nothing), and a marker per delivery (SET NX, one day) stops concurrent
 * duplicates. Unknown meetings, users and events write nothing at all.
 */

import type { Logger } from '../log.js';
import { hostSlackUser, zoomUserFor } from './change-permission.js';
import { type MeetingEvent, type MeetingPlan, planMeetingChange } from './meeting-event-plans.js';
import type { ZoomEvent } from './ports/events.js';
import type { MeetingRecords, OnceMarkers, UserData, ZoomAccounts } from './ports/storage.js';
import type { ZoomConnection, ZoomMeetings } from './ports/zoom.js';
import type { MeetingAnnouncer, MeetingNote, MeetingRecord } from './types.js';

export { type MeetingPlan, planMeetingChange } from './meeting-event-plans.js';

export interface MeetingEventDeps {
  logger: Logger;
  meetings: MeetingRecords;
  announcer: MeetingAnnouncer;
  markers: OnceMarkers;
  accounts: ZoomAccounts;
  userData: UserData;
  zoom: Pick<ZoomMeetings, 'updateRecordingSettings'>;
  /** Which Zoom account each Slack user is connected as (whose token fits the meeting). */
  connection?: ZoomConnection;
}

/** applied: something changed; unchanged: already reflected; unknown: not ours; duplicate: marker held. */
export type EventOutcome = 'applied' | 'unchanged' | 'unknown' | 'duplicate' | 'ignored';

const DELIVERY_MARKER_TTL_SECONDS = 24 * 3600;

export async function handleZoomEvent(
  deps: MeetingEventDeps,
  event: ZoomEvent,
  deliveryKey: string,
): Promise<EventOutcome> {
  switch (event.kind) {
    case 'app_deauthorized':
      return deauthorize(deps, event.zoomUserId, deliveryKey);
    case 'meeting_updated':
    case 'meeting_deleted':
    case 'meeting_started':
    case 'meeting_ended':
    case 'recording_completed':
      // No ordering in this process: the compare-and-set write and event_ts order events across all.
      return applyMeetingEvent(deps, event, deliveryKey);
  }
}

async function applyMeetingEvent(
  deps: MeetingEventDeps,
  event: MeetingEvent,
  deliveryKey: string,
): Promise<EventOutcome> {
  const record = await deps.meetings.get(event.meetingId);
  if (!record) return 'unknown';
  if (event.kind === 'recording_completed') return applyRecording(deps, record, event, deliveryKey);
  if (!planMeetingChange(record, event)) return 'unchanged';
  return onceFor(deps, deliveryKey, async () => {
    // Planned again against the record as stored at the write: another replica may have applied
    // a newer event meanwhile, and then this one plans nothing.
    const applied: { plan?: MeetingPlan } = {};
    const stored = await deps.meetings.update(event.meetingId, (current) => {
      const plan = planMeetingChange(current, event);
      if (plan) applied.plan = plan;
      else delete applied.plan;
      return plan ? plan.next : current;
    });
    const plan = applied.plan;
    if (!stored) return 'unknown';
    if (!plan) return 'unchanged';
    deps.logger.info('zoom event applied', { event: event.kind, meetingId: event.meetingId });
    if (plan.refresh) await announce(deps, 'refresh', () => deps.announcer.refresh(stored));
    for (const note of plan.notes) {
      await announce(deps, `thread ${note.kind}`, () => deps.announcer.threadReply(stored, note));
    }
    return 'applied';
  });
}

async function applyRecording(
  deps: MeetingEventDeps,
  record: MeetingRecord,
  event: Extract<MeetingEvent, { kind: 'recording_completed' }>,
  deliveryKey: string,
): Promise<EventOutcome> {
  // Only meetings created with cloud recording get the link; a local recording never reaches Zoom.
  if (record.recording !== 'cloud') return 'unchanged';
  if (record.recordingShareUrl === event.shareUrl) return 'unchanged';
  return onceFor(deps, deliveryKey, () => shareRecording(deps, record, event));
}

async function shareRecording(
  deps: MeetingEventDeps,
  record: MeetingRecord,
  event: Extract<MeetingEvent, { kind: 'recording_completed' }>,
): Promise<EventOutcome> {
  const rememberLink = async () =>
    (await deps.meetings.update(record.meetingId, (r) =>
      r.recordingShareUrl === event.shareUrl ? r : { ...r, recordingShareUrl: event.shareUrl },
    )) ?? { ...record, recordingShareUrl: event.shareUrl };
  if (record.recordingAuthentication) {
    try {
      await deps.zoom.updateRecordingSettings(await zoomUserFor(deps, record), record.meetingId, {
        recording_authentication: true,
      });
    } catch (err) {
      // Posting the link without the sign-in the host asked for would widen who can watch it.
      deps.logger.warn('recording sign-in could not be applied; link not posted', {
        meetingId: record.meetingId,
        error: err instanceof Error ? err.name : 'unknown',
      });
      await rememberLink();
      // The host owns the recording (it is in their Zoom account); the scheduler of a meeting made
      // for someone else asked for the link in the channel, and Zoom can let them manage recordings
      // of meetings they scheduled (Zoom: Settings › Meeting › Scheduling privilege), so both learn
      // it, each once. A host with no Slack user: the scheduler alone.
      const host = hostSlackUser(record);
      for (const user of host ? [host, record.host] : [record.host]) {
        await announce(deps, 'notify recording_not_shared', () =>
          deps.announcer.notifyUser(user, {
            kind: 'recording_not_shared',
            meetingId: record.meetingId,
            topic: record.topic,
          }),
        );
      }
      return 'applied';
    }
  }
  const next = await rememberLink();
  const note: MeetingNote = {
    kind: 'recording',
    shareUrl: event.shareUrl,
    ...(event.passcode ? { passcode: event.passcode } : {}),
  };
  await announce(deps, 'thread recording', () => deps.announcer.threadReply(next, note));
  deps.logger.info('zoom event applied', { event: event.kind, meetingId: record.meetingId });
  return 'applied';
}

/**
 * app_deauthorized: the user removed the app in Zoom, so every Slack user linked to that Zoom
 * user loses tokens, meeting records and every other key of theirs (`Keys.userKeys`), and is told once.
 * Nothing is revoked at Zoom: the app is already gone there.
 */
async function deauthorize(
  deps: MeetingEventDeps,
  zoomUserId: string,
  deliveryKey: string,
): Promise<EventOutcome> {
  const users = await deps.accounts.slackUsersForZoomUser(zoomUserId);
  if (users.length === 0) return 'unknown';
  // A failure part-way releases the marker: deletion is owed, and users already done are not found again.
  return onceFor(deps, deliveryKey, async () => {
    for (const user of users) {
      await deps.accounts.remove(user);
      await deps.meetings.removeAllFor(user);
      await announce(deps, 'notify zoom_deauthorized', () =>
        deps.announcer.notifyUser(user, { kind: 'zoom_deauthorized' }),
      );
      // Last, so a profile the notification cached again is removed too.
      await deps.userData.eraseUser(user);
    }
    await deps.userData.forgetZoomUser(zoomUserId);
    deps.logger.info('zoom deauthorization applied', { slackUsers: users.length });
    return 'applied';
  });
}

/**
 * Runs `work` only if this delivery was not claimed before (SET NX, one day). If `work` throws,
 * the claim is released so a redelivery can finish the job.
 */
async function onceFor(
  deps: MeetingEventDeps,
  deliveryKey: string,
  work: () => Promise<EventOutcome>,
): Promise<EventOutcome> {
  if (!(await deps.markers.claim('zoom-webhook', deliveryKey, DELIVERY_MARKER_TTL_SECONDS)))
    return 'duplicate';
  try {
    return await work();
  } catch (err) {
    await deps.markers.release('zoom-webhook', deliveryKey).catch(() => undefined);
    throw err;
  }
}

/** Slack being down must not undo a stored change: log and go on. */
async function announce(deps: MeetingEventDeps, what: string, call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (err) {
    deps.logger.error(`announcing ${what} failed`, err);
  }
}
