/**
 * Disconnecting Zoom leaves nothing of the Slack user in Redis: their waiting jobs, the connection
 * (revoked at Zoom), their meeting records, then the cached profile and preferences.
 */
import type { SlackUserRef } from '../scheduling/ports/types.js';
import type { SlackDeps } from './deps.js';

type ForgetDeps = Pick<SlackDeps, 'jobs' | 'connections' | 'meetings' | 'userData'>;

/** True when a Zoom account (or a pair waiting for confirmation) was connected. */
export async function disconnectUser(services: ForgetDeps, user: SlackUserRef): Promise<boolean> {
  // Jobs first, so none of them acts with a token or for a record that is going away.
  await services.jobs.removeFor(user);
  const removed = await services.connections.disconnect(user);
  await services.meetings.removeAllFor(user);
  return removed;
}

/** Last, after the answer: showing it may have cached the user's profile again. */
export async function eraseUser(services: ForgetDeps, user: SlackUserRef): Promise<void> {
  await services.userData.eraseUser(user);
}
