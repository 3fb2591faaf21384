/**
 * Who may reschedule or cancel a meeting, and whose Zoom token then acts. A meeting of one's own:
 * its creator, with their token. One scheduled for someone else (Zoom's scheduling privilege): the
 * scheduler and the host both; the calls use the scheduler's token (the privilege covers edits),
 * or the host's own when only the host is connected to Zoom.
 */
import type { SlackUserRef } from './ports/types.js';
import type { ZoomConnection } from './ports/zoom.js';
import type { MeetingRecord } from './types.js';

export type ChangeRefusal =
  | { ok: false; reason: 'unknown' }
  | { ok: false; reason: 'not_host' | 'not_scheduled' | 'deleted'; record: MeetingRecord }
  /** The user is now connected to another Zoom account than the one that created the meeting. */
  | { ok: false; reason: 'other_account'; record: MeetingRecord; email?: string }
  /**
   * The host of a meeting scheduled for them asked, and neither token fits: the scheduler is now
   * connected to another Zoom account or not at all, and the host is not connected as themself.
   */
  | { ok: false; reason: 'scheduler_other_account'; record: MeetingRecord; hostConnected: boolean };

export type ChangeAllowed = { ok: true; record: MeetingRecord; acting: SlackUserRef };

export const sameUser = (a: SlackUserRef, b: SlackUserRef) => a.teamId === b.teamId && a.userId === b.userId;

/** The Slack user hosting a meeting scheduled for them, when the bot knows them. */
export function hostSlackUser(record: MeetingRecord): SlackUserRef | undefined {
  const id = record.scheduledFor?.slackUserId;
  return id ? { teamId: record.host.teamId, userId: id } : undefined;
}

/** The scheduler, or the host of a meeting scheduled for them (same workspace only). */
export function mayChange(record: MeetingRecord, actor: SlackUserRef): boolean {
  if (sameUser(record.host, actor)) return true;
  const host = hostSlackUser(record);
  return host !== undefined && sameUser(host, actor);
}

const connected = (deps: { connection?: ZoomConnection }, user: SlackUserRef) =>
  deps.connection?.connectedAccount(user) ?? Promise.resolve(null);

/** The scheduler's and the host's Zoom connections now, and whether each fits the meeting. */
async function connectionsOf(
  deps: { connection?: ZoomConnection },
  record: MeetingRecord,
  host: SlackUserRef,
) {
  const [scheduler, own] = await Promise.all([
    connected(deps, record.host).catch(() => null),
    connected(deps, host).catch(() => null),
  ]);
  const owner = record.zoomAccount;
  return {
    scheduler,
    own,
    schedulerFits: scheduler !== null && (!owner || scheduler.zoomUserId === owner.id),
    ownFits: own !== null && own.zoomUserId === record.scheduledFor?.zoomUserId,
  };
}

/**
 * Whose token a Zoom call about the meeting uses when no one in Slack asked (a Zoom event): as
 * for a change, the scheduler's, or the host's own when only that one fits.
 */
export async function zoomUserFor(deps: { connection?: ZoomConnection }, record: MeetingRecord) {
  const host = hostSlackUser(record);
  if (!record.scheduledFor || !host) return record.host;
  const { schedulerFits, ownFits } = await connectionsOf(deps, record, host);
  return !schedulerFits && ownFits ? host : record.host;
}

export async function checkChange(
  deps: { connection?: ZoomConnection },
  actor: SlackUserRef,
  record: MeetingRecord | null,
): Promise<ChangeAllowed | ChangeRefusal> {
  // Another workspace's meeting is unknown here: not even its host is shown.
  if (!record || record.host.teamId !== actor.teamId) return { ok: false, reason: 'unknown' };
  if (!mayChange(record, actor)) return { ok: false, reason: 'not_host', record };
  if (record.status !== 'scheduled') return { ok: false, reason: 'not_scheduled', record };
  const owner = record.zoomAccount;
  const host = hostSlackUser(record);
  if (record.scheduledFor && host) {
    const { scheduler, own, schedulerFits, ownFits } = await connectionsOf(deps, record, host);
    if (schedulerFits) return { ok: true, record, acting: record.host };
    if (ownFits) return { ok: true, record, acting: host };
    // Neither fits: the scheduler is now another Zoom account (Zoom would answer 404, "deleted")
    // or not connected at all. Nothing is changed. The host is told whose account made it (and
    // may connect their own); the scheduler which account it was, or to connect again (Zoom's
    // refusal, not connected).
    if (sameUser(actor, host) && !sameUser(actor, record.host)) {
      return { ok: false, reason: 'scheduler_other_account', record, hostConnected: own !== null };
    }
    if (scheduler) {
      return { ok: false, reason: 'other_account', record, ...(owner?.email ? { email: owner.email } : {}) };
    }
    return { ok: true, record, acting: record.host };
  }
  // Zoom would answer another account 404 (read as "deleted"): ask nothing of it, change nothing.
  const now = owner && (await connected(deps, actor));
  if (owner && now && now.zoomUserId !== owner.id) {
    return { ok: false, reason: 'other_account', record, ...(owner.email ? { email: owner.email } : {}) };
  }
  return { ok: true, record, acting: record.host };
}
