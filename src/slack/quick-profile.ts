/** The user's zone and language without blowing a trigger_id's 3 seconds on a cold users.info. */
import type { SlackUserRef } from '../scheduling/ports/types.js';
import type { ProfileCache, SlackProfile } from './profiles.js';

/** Long enough for a normal users.info, short enough to leave views.open most of its 3 s. */
export const PROFILE_WAIT_MS = 1000;

export interface QuickProfile {
  profile: SlackProfile;
  /** Set when the answer was not in time: the real profile, for a follow-up update. */
  late?: Promise<SlackProfile>;
}

export async function quickProfile(profiles: ProfileCache, user: SlackUserRef): Promise<QuickProfile> {
  const cached = await profiles.cached(user).catch(() => null);
  if (cached) return { profile: cached };
  const fetching = profiles.fetch(user);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), PROFILE_WAIT_MS);
  });
  const first = await Promise.race([fetching, timeout]);
  clearTimeout(timer);
  return first ? { profile: first } : { profile: profiles.defaults, late: fetching };
}
