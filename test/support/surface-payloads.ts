/**
 * Events API deliveries and shortcut payloads as Slack sends them (shapes from Slack's docs for
 * app_home_opened, link_shared, function_executed, shortcut and message_action), posted signed
 * into the running bot through the harness.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_CHANNEL, DEFAULT_TEAM, DEFAULT_USER, type Harness } from './app-harness.js';

let counter = 0;
const next = () => {
  counter += 1;
  return counter;
};

/** An `event_callback` delivery (JSON body, as the Events API posts it). */
export function postEvent(
  h: Harness,
  event: Record<string, unknown>,
  teamId = DEFAULT_TEAM,
): Promise<Response> {
  const body = {
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0001',
    event,
    type: 'event_callback',
    event_id: `Ev${randomBytes(5).toString('hex').toUpperCase()}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: teamId, user_id: 'UBOT0001', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
  return h.postSlack(JSON.stringify(body), 'application/json');
}

export function homeOpened(userId = DEFAULT_USER): Record<string, unknown> {
  return {
    type: 'app_home_opened',
    user: userId,
    channel: `D${userId.slice(1)}`,
    tab: 'home',
    event_ts: `${Date.now() / 1000}`,
  };
}

export function linkSharedEvent(
  urls: string[],
  opts: { channel?: string; userId?: string; composer?: boolean } = {},
): Record<string, unknown> {
  // A link still being typed (source composer) has no message yet: Slack names it by unfurl_id.
  const unfurlId = `U0SHARER-${randomBytes(4).toString('hex')}-${next()}`;
  return {
    type: 'link_shared',
    channel: opts.composer ? 'COMPOSER' : (opts.channel ?? DEFAULT_CHANNEL),
    is_bot_user_member: true,
    user: opts.userId ?? 'U0SHARER',
    message_ts: opts.composer
      ? unfurlId
      : `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, '0')}`,
    unfurl_id: unfurlId,
    source: opts.composer ? 'composer' : 'conversations_history',
    links: urls.map((url) => ({ domain: new URL(url).hostname.replace(/^.*?([^.]+\.[^.]+)$/, '$1'), url })),
    event_ts: `${Date.now() / 1000}`,
  };
}

export interface StepInputs {
  topic?: string;
  when?: string;
  duration?: number | string;
  channel_id?: string;
  host?: string;
}

/** A function_executed event for create_zoom_meeting, with its own workflow token. */
export function functionExecuted(
  executionId: string,
  inputs: StepInputs,
  token = `xwfp-${randomBytes(8).toString('hex')}`,
): Record<string, unknown> {
  const param = (name: string, type: string, required: boolean) => ({
    type,
    name,
    title: name,
    is_required: required,
  });
  return {
    type: 'function_executed',
    function: {
      id: 'Fn0001',
      callback_id: 'create_zoom_meeting',
      title: 'Create a Zoom meeting',
      description: 'Creates a Zoom meeting',
      type: 'app',
      input_parameters: [
        param('topic', 'string', true),
        param('when', 'string', true),
        param('duration', 'integer', false),
        param('channel_id', 'slack#/types/channel_id', false),
        param('host', 'slack#/types/user_id', true),
      ],
      output_parameters: [
        param('meeting_id', 'string', true),
        param('join_url', 'string', true),
        param('start_time', 'string', true),
      ],
      app_id: 'A0001',
      date_created: 1694727597,
      date_updated: 1698947481,
      date_deleted: 0,
    },
    inputs,
    function_execution_id: executionId,
    workflow_execution_id: `Wx${executionId}`,
    event_ts: `${Date.now() / 1000}`,
    bot_access_token: token,
  };
}

export function messageShortcut(
  message: { text: string; user?: string; ts?: string; thread_ts?: string },
  opts: { userId?: string; teamId?: string; channelId?: string; responseUrl: string },
): Record<string, unknown> {
  const ts = message.ts ?? `${Math.floor(Date.now() / 1000)}.${String(next()).padStart(6, '0')}`;
  const teamId = opts.teamId ?? DEFAULT_TEAM;
  const userId = opts.userId ?? DEFAULT_USER;
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: `${Date.now() / 1000}`,
    team: { id: teamId, domain: 'example' },
    user: { id: userId, name: userId.toLowerCase(), team_id: teamId },
    channel: { id: opts.channelId ?? DEFAULT_CHANNEL, name: 'general' },
    is_enterprise_install: false,
    callback_id: 'schedule_from_message',
    trigger_id: `msg-trigger-${next()}`,
    response_url: opts.responseUrl,
    message_ts: ts,
    message: {
      type: 'message',
      user: message.user ?? 'UAUTHOR',
      ts,
      text: message.text,
      ...(message.thread_ts ? { thread_ts: message.thread_ts } : {}),
    },
  };
}

export function globalShortcut(opts: { userId?: string; teamId?: string } = {}): Record<string, unknown> {
  const teamId = opts.teamId ?? DEFAULT_TEAM;
  const userId = opts.userId ?? DEFAULT_USER;
  return {
    type: 'shortcut',
    token: 'legacy-verification-token',
    action_ts: `${Date.now() / 1000}`,
    team: { id: teamId, domain: 'example' },
    user: { id: userId, username: userId.toLowerCase(), team_id: teamId },
    is_enterprise_install: false,
    callback_id: 'schedule_meeting_global',
    trigger_id: `global-trigger-${next()}`,
  };
}

/** A click on a Home tab element (block_actions with a `view` container, no response_url). */
export function homeAction(
  h: Harness,
  action: Record<string, unknown>,
  opts: { userId?: string; teamId?: string } = {},
): Record<string, unknown> {
  const teamId = opts.teamId ?? DEFAULT_TEAM;
  const userId = opts.userId ?? DEFAULT_USER;
  const view = h.slack.homes.get(userId) ?? { type: 'home', blocks: [] };
  return {
    type: 'block_actions',
    team: { id: teamId, domain: 'example' },
    user: { id: userId, username: userId.toLowerCase(), team_id: teamId },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    trigger_id: `home-trigger-${next()}`,
    container: { type: 'view', view_id: 'VHOME' },
    view: { ...view, id: 'VHOME', team_id: teamId, hash: 'h', state: { values: {} } },
    actions: [{ block_id: 'home', action_ts: '1', ...action }],
  };
}
