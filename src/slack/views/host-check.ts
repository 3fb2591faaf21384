/**
 * Whether Zoom lets the user schedule for the host chosen in the form, asked before the submission
 * is answered, so that a refusal is a field error on `host` while the form is still open.
 *
 * Why a check and not the create itself: the create is a durable job, stored before the answer and
 * run by whichever process is alive (retried, never lost in a crash); done synchronously it would
 * lose that, and Zoom's create may take longer than Slack's 3 s. GET /users/me/schedulers is a
 * cheap idempotent read that lists exactly whom the user may schedule for. When it does not answer
 * in time the submission goes ahead: the job then meets Zoom's refusal (400, code 3000) if there is
 * one, and the scheduler is told by DM that nothing was created, and why.
 */
import type { SlackUserRef } from '../../scheduling/ports/types.js';
import type { NewMeeting } from '../../scheduling/scheduler.js';
import type { SlackDeps } from '../deps.js';

/** Leaves the rest of the 3 s to the duplicate check and storing the job. */
export const PRIVILEGE_CHECK_MS = 1500;

export type HostCheck =
  /** Listed: the host's email comes with it. */
  | { status: 'allowed'; forHost: NonNullable<NewMeeting['forHost']> }
  | { status: 'refused' }
  /** Zoom did not say in time (or failed): the create job finds out. */
  | { status: 'unknown' };

export async function checkHost(
  services: Pick<SlackDeps, 'zoom' | 'logger'>,
  user: SlackUserRef,
  zoomUserId: string,
): Promise<HostCheck> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), PRIVILEGE_CHECK_MS);
  });
  try {
    const listed = await Promise.race([
      services.zoom.listSchedulers(user).catch((err) => {
        services.logger.info('scheduling privilege not checked; the create will tell', { error: err });
        return null;
      }),
      late,
    ]);
    if (!listed) return { status: 'unknown' };
    const found = listed.find((s) => s.id === zoomUserId);
    return found ? { status: 'allowed', forHost: { zoomUserId, email: found.email } } : { status: 'refused' };
  } finally {
    clearTimeout(timer);
  }
}
