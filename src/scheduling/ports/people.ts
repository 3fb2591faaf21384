/** What the scheduling core asks about people; implemented on the Slack side (profiles). */
import type { SlackUserRef } from './types.js';

export interface PeopleDirectory {
  /** The email on the user's profile; undefined when it is not shown to the bot. */
  emailOf(user: SlackUserRef): Promise<string | undefined>;
  /** The workspace's Slack user with this email (users.lookupByEmail); undefined when there is none. */
  userIdByEmail?(teamId: string, email: string): Promise<string | undefined>;
}
