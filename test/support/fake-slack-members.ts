/**
 * Who is in which channel, as Slack knows it. chat.postEphemeral reaches only a member: else Slack
 * answers `user_not_in_channel` ("Cannot post user messages to a channel they are not in",
 * https://api.slack.com/methods/chat.postEphemeral; the error is in that method's enum in
 * /work/shared/reference/slack/slack-web-api.openapi-v2.json, slackapi/slack-api-specs).
 *
 * Membership as a real workspace has it: everyone is in the workspace's #general (the harness's
 * default channel C0001); a user is in a DM the bot opened with them; whoever types a slash
 * command in a channel is a member of it (Slack offers a non-member only "Join channel" there).
 * Anyone else is in a channel only when a test says so (`join`).
 */
export const GENERAL_CHANNEL = 'C0001';

export class ChannelMembers {
  private readonly members = new Map<string, Set<string>>();

  join(channel: string, ...users: string[]): void {
    const set = this.members.get(channel) ?? new Set<string>();
    for (const user of users) set.add(user);
    this.members.set(channel, set);
  }

  leave(channel: string, user: string): void {
    this.members.get(channel)?.delete(user);
  }

  has(channel: string, user: string): boolean {
    return channel === GENERAL_CHANNEL || (this.members.get(channel)?.has(user) ?? false);
  }
}
