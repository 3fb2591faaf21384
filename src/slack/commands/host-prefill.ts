/**
 * The form's host choice when it opens: whom the user may schedule for (Zoom's
 * GET /users/me/schedulers), and the host typed after /zoom ("for @alice") chosen when their Slack
 * email is one of those. Zoom answering late must not cost the trigger_id's 3 s: the form then
 * opens without the choice and is updated once Zoom answers.
 */

import type { SlackUserRef } from '../../scheduling/ports/types.js';
import type { ZoomScheduler } from '../../scheduling/ports/zoom.js';
import type { SlackDeps } from '../deps.js';
import type { HostChoice } from '../views/host-choice.js';

/** As long as the Zoom settings lookup may take: both run side by side within the 3 s. */
export const SCHEDULERS_WAIT_MS = 1200;

export interface HostChoiceInTime {
  /** What the form opens with (undefined: no host field). */
  choice?: HostChoice;
  /** Set when Zoom did not answer in time: the choice once it does, for an update of the open form. */
  late?: Promise<HostChoice | undefined>;
}

export function hostChoiceInTime(
  services: Pick<SlackDeps, 'zoom' | 'profiles' | 'logger'>,
  user: SlackUserRef,
  hostMention: string | undefined,
): Promise<HostChoiceInTime> {
  const typed = hostMention && hostMention !== user.userId ? hostMention : undefined;
  const lookup = Promise.all([
    services.zoom.listSchedulers(user).catch((err): null => {
      services.logger.info('Zoom schedulers not read; the form opens without a host choice', { error: err });
      return null;
    }),
    typed
      ? services.profiles.email({ teamId: user.teamId, userId: typed }).catch(() => undefined)
      : Promise.resolve(undefined),
  ]).then(([schedulers, email]) => choiceOf(schedulers, typed, email));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), SCHEDULERS_WAIT_MS);
  });
  return Promise.race([lookup, late]).then((first) => {
    clearTimeout(timer);
    if (first !== 'late') return first ? { choice: first } : {};
    const waiting: HostChoice | undefined = typed
      ? { schedulers: [], note: { why: 'schedulersUnread', userId: typed } }
      : undefined;
    return { ...(waiting ? { choice: waiting } : {}), late: lookup };
  });
}

function choiceOf(
  schedulers: ZoomScheduler[] | null,
  typed: string | undefined,
  email: string | undefined,
): HostChoice | undefined {
  const list = schedulers ?? [];
  if (!typed) return list.length > 0 ? { schedulers: list } : undefined;
  const note = (why: NonNullable<HostChoice['note']>['why']) => ({ why, userId: typed });
  if (schedulers === null) return { schedulers: [], note: note('schedulersUnread') };
  if (!email) return { schedulers: list, note: note('noEmail') };
  // Compared case-insensitively, as the account link compares Slack and Zoom emails.
  const match = list.find((s) => s.email.toLowerCase() === email.toLowerCase());
  return match
    ? { schedulers: list, selected: match.id }
    : { schedulers: list, note: note('notAmongSchedulers') };
}
