/**
 * The requests Slack sends the bot, as the harness builds them: slash commands, view submissions
 * and block_actions (a form's select, a message's button), each as Slack shapes it.
 */
import type { SlackUserRef } from '../../src/zoom/types.js';
import { type FormValues, responseUrlsOf, stateValues } from './slack-payloads.js';

export const DEFAULT_TEAM = 'T0001';
export const DEFAULT_USER = 'U0001';
export const DEFAULT_CHANNEL = 'C0001';

export const userRef = (u?: Partial<SlackUserRef>): SlackUserRef => ({
  teamId: u?.teamId ?? DEFAULT_TEAM,
  userId: u?.userId ?? DEFAULT_USER,
});

/** The form body of `/zoom <text>`. */
export function commandBody(
  text: string,
  opts: { teamId?: string; userId?: string; channelId?: string; orgWideInstall?: string },
  triggerId: string,
  responseUrl: string,
): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: opts.teamId ?? DEFAULT_TEAM,
    team_domain: 'example',
    channel_id: opts.channelId ?? DEFAULT_CHANNEL,
    channel_name: 'general',
    user_id: opts.userId ?? DEFAULT_USER,
    user_name: (opts.userId ?? DEFAULT_USER).toLowerCase(),
    command: '/zoom',
    text,
    api_app_id: 'A0001',
    is_enterprise_install: opts.orgWideInstall ? 'true' : 'false',
    ...(opts.orgWideInstall ? { enterprise_id: opts.orgWideInstall } : {}),
    response_url: responseUrl,
    trigger_id: triggerId,
  }).toString();
}

export function submissionPayload(
  view: Record<string, unknown>,
  values: FormValues,
  user: SlackUserRef,
  viewCounter: number,
  viewId: string | undefined,
  responseUrl: (id?: string) => string,
): unknown {
  return {
    type: 'view_submission',
    team: { id: user.teamId, domain: 'example' },
    user: {
      id: user.userId,
      username: user.userId.toLowerCase(),
      name: user.userId.toLowerCase(),
      team_id: user.teamId,
    },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    trigger_id: `submit-trigger-${viewCounter}`,
    view: {
      ...view,
      id: viewId ?? `VSUB${String(viewCounter).padStart(6, '0')}`,
      team_id: user.teamId,
      app_id: 'A0001',
      bot_id: 'BBOT0001',
      hash: `hash-${viewCounter}`,
      root_view_id: null,
      previous_view_id: null,
      clear_on_close: false,
      notify_on_close: false,
      state: { values: stateValues(view, values) },
    },
    response_urls: responseUrlsOf(view, stateValues(view, values), responseUrl),
    is_enterprise_install: false,
  };
}

/** A recording picked in the form's select (block_actions from the view `id`). */
export function recordingChoicePayload(
  view: Record<string, unknown>,
  recording: 'none' | 'local' | 'cloud',
  user: SlackUserRef,
  viewCounter: number,
  id: string,
): unknown {
  return {
    type: 'block_actions',
    team: { id: user.teamId, domain: 'example' },
    user: { id: user.userId, username: user.userId.toLowerCase(), team_id: user.teamId },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    trigger_id: `recording-trigger-${viewCounter}`,
    container: { type: 'view', view_id: id },
    view: {
      ...view,
      id,
      hash: `hash-${viewCounter}`,
      team_id: user.teamId,
      app_id: 'A0001',
      bot_id: 'BBOT0001',
      state: { values: stateValues(view, { recording }) },
    },
    actions: [
      {
        type: 'static_select',
        action_id: 'recording',
        block_id: 'recording',
        selected_option: { text: { type: 'plain_text', text: recording }, value: recording },
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
}

/** A click on a button of a channel message. */
export function buttonClickPayload(
  actionId: string,
  value: string,
  user: SlackUserRef,
  triggerId: string,
  channelId: string | undefined,
  responseUrl: string,
): unknown {
  return {
    type: 'block_actions',
    team: { id: user.teamId, domain: 'example' },
    user: { id: user.userId, username: user.userId.toLowerCase(), team_id: user.teamId },
    api_app_id: 'A0001',
    token: 'legacy-verification-token',
    trigger_id: triggerId,
    container: { type: 'message', channel_id: channelId ?? DEFAULT_CHANNEL },
    channel: { id: channelId ?? DEFAULT_CHANNEL, name: 'general' },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: actionId, block_id: 'meeting_actions', value, action_ts: '1' }],
  };
}
