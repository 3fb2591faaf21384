/** The fake Slack's public shape: what tests see and set, and the records it keeps. */
import type { FakeSlackLimits } from './fake-slack-limits.js';
import type { ChannelMembers } from './fake-slack-members.js';
import type { ScheduledMessage } from './fake-slack-scheduled.js';
import type { FakeWorkspaces } from './fake-slack-workspaces.js';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  /** The token the call was made with (Authorization header or `token` field). */
  token?: string;
}

export interface PostedMessage {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
}

export interface FakeSlack {
  /** Use as SLACK_API_URL (ends with '/'). */
  apiUrl: string;
  /**
   * A response_url on the fake; posts to it are recorded in `responses` under `id`. Like Slack's,
   * its path ends in a random key (the credential part); a path with a key never issued gets 404.
   */
  responseUrl(id?: string): string;
  /** Makes every response_url issued so far `ms` older (past 30 minutes, Slack answers expired_url). */
  ageResponseUrls(ms: number): void;
  calls: SlackCall[];
  callsTo(method: string): Record<string, unknown>[];
  /** Posts received on response_urls. */
  responses: { id: string; body: Record<string, unknown> }[];
  /** Posts Slack refused on a spent (used_url) or old (expired_url) response_url. */
  refusedResponses: { id: string; error: string }[];
  /**
   * users.info answers, by Slack user id. Unknown users get tz Asia/Tokyo and locale ja-JP.
   * `profile.email` is answered only to a token granted users:read.email, as Slack does.
   */
  setUser(userId: string, profile: SlackUserProfile): void;
  /**
   * The scopes a token was granted. A bot token not set here has what the app's manifest.yml asks
   * for (what installing the app grants).
   */
  setTokenScopes(token: string, scopes: string[]): void;
  /**
   * The next `times` calls to `method` fail with this Slack error (e.g. 'not_in_channel') or HTTP
   * status; `method` 'response_url' makes posts to response_urls answer that status.
   */
  failNext(method: string, failure: Failure, times?: number): void;
  /** Views and messages that failed Block Kit schema / Slack limit validation. Tests assert it stays empty. */
  schemaErrors: string[];
  /** Channel messages as they stand now (after chat.update), keyed `channel:ts`. */
  messages: Map<string, PostedMessage>;
  /** Channels the bot is not a member of: chat.postMessage and chat.postEphemeral answer not_in_channel. */
  notInChannel: Set<string>;
  /** Users in each channel (chat.postEphemeral to anyone else answers user_not_in_channel). */
  members: ChannelMembers;
  /** Messages waiting to be posted (chat.scheduleMessage), by scheduled_message_id. */
  scheduled: Map<string, ScheduledMessage>;
  /** Home tabs as last published, by user id. */
  homes: Map<string, Record<string, unknown>>;
  /**
   * Starts a workflow step run as Slack does before sending function_executed: the execution
   * can then be completed once, with outputs that match `outputs` (name -> type, `!` = required);
   * `token` is the event's bot_access_token, which acts for the workspace while the step runs.
   */
  startFunctionExecution(executionId: string, outputs: Record<string, string>, token?: string): void;
  /** How each execution ended: outputs (completeSuccess) or the error (completeError). */
  functionResults: Map<string, { outputs: Record<string, unknown> } | { error: string }>;
  /** What apps.connections.open answers (a Socket Mode test's WebSocket server). */
  setSocketUrl(url: string): void;
  /** Workspaces, their ids and tokens, and the OAuth app (client id/secret, redirect URLs). */
  workspaces: FakeWorkspaces;
  /**
   * The browser of a signed-in user of `teamId` opening the consent page at `authorizeUrl` and
   * approving: answers Slack's redirect (Location) back to the app, or throws Slack's error.
   */
  approveInstall(authorizeUrl: string, who: { teamId: string; orgWide?: boolean }): Promise<string>;
  /** With `rateLimits: true`: the calls refused with 429, in order. */
  refusals: FakeSlackLimits['refusals'];
  /** Delay every answer by this many ms (0 = off); with `method`, only that method's answers. */
  setLatency(ms: number, method?: string): void;
  close(): Promise<void>;
}

/** `status: 429` answers as Slack's rate limiter does: `ratelimited` with a Retry-After header (seconds). */
export type Failure = { error: string } | { status: number; retryAfter?: number };

export interface SlackUserProfile {
  tz?: string;
  locale?: string;
  name?: string;
  email?: string;
}
