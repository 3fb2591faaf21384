/** Slack settings: one workspace (SLACK_BOT_TOKEN) or installs through Slack OAuth, and Socket Mode. */

import { optional, type Reader, required } from './config-reader.js';
import { isPlaceholder } from './config-values.js';

export interface SlackOAuthConfig {
  clientId: string;
  clientSecret: string;
  /** Signs the OAuth state Bolt hands the installing browser (a cookie and the query). */
  stateSecret: string;
  /** Slack's consent page, beside SLACK_API_URL (https://slack.com/oauth/v2/authorize). */
  authorizeUrl: string;
}

const OAUTH_VARIABLES = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;
const TWO_MODES =
  'SLACK_BOT_TOKEN for one workspace, or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET ' +
  'to be installed in any number of workspaces';

/** One workspace with a bot token, or OAuth installs: exactly one of the two. */
export function slackAuth(env: Reader, apiUrl: string): { botToken?: string; oauth?: SlackOAuthConfig } {
  const botToken = optional(env, 'SLACK_BOT_TOKEN');
  const oauthSet = OAUTH_VARIABLES.filter((name) => optional(env, name) !== undefined);
  if (botToken !== undefined && oauthSet.length > 0) {
    env.problem(
      'SLACK_BOT_TOKEN',
      `is set together with ${oauthSet.join(', ')}; set either ${TWO_MODES}, not both`,
    );
    return {};
  }
  if (botToken !== undefined) {
    if (!botToken.startsWith('xoxb-')) {
      env.problem('SLACK_BOT_TOKEN', `must be a bot token starting with xoxb-; ${BOT_TOKEN_HOWTO}`);
    } else if (isPlaceholder(botToken, 'xoxb-')) {
      env.problem('SLACK_BOT_TOKEN', `is the placeholder "${botToken}"; ${BOT_TOKEN_HOWTO}`);
    }
    return { botToken };
  }
  if (oauthSet.length === 0) {
    env.problem('SLACK_BOT_TOKEN', `is required: set ${TWO_MODES}`);
    return {};
  }
  const missing = OAUTH_VARIABLES.filter((name) => !oauthSet.includes(name));
  for (const name of missing) {
    env.problem(name, `is required with ${oauthSet.join(' and ')} (installs through Slack OAuth)`);
  }
  if (missing.length > 0) return {};
  const stateSecret = required(env, 'SLACK_STATE_SECRET');
  if (stateSecret.length < 16) env.problem('SLACK_STATE_SECRET', 'must be at least 16 characters');
  return {
    oauth: {
      clientId: required(env, 'SLACK_CLIENT_ID', "your Slack app's Basic Information page, Client ID"),
      clientSecret: required(
        env,
        'SLACK_CLIENT_SECRET',
        "your Slack app's Basic Information page, Client Secret",
      ),
      stateSecret,
      authorizeUrl: new URL('../oauth/v2/authorize', apiUrl).toString(),
    },
  };
}

const BOT_TOKEN_HOWTO =
  "paste the Bot User OAuth Token (xoxb-…) from your Slack app's OAuth & Permissions page";
const APP_TOKEN_HOWTO =
  "paste an app-level token (xapp-…, scope connections:write) from your Slack app's Basic Information page, or leave it empty for HTTP mode";

/** Set: Socket Mode with this app-level token. Unset: HTTP mode. */
export function slackAppToken(env: Reader): string | undefined {
  const appToken = optional(env, 'SLACK_APP_TOKEN');
  if (appToken !== undefined) {
    if (!appToken.startsWith('xapp-')) {
      env.problem(
        'SLACK_APP_TOKEN',
        'must be an app-level token starting with xapp-, or empty for HTTP mode',
      );
    } else if (isPlaceholder(appToken, 'xapp-')) {
      env.problem('SLACK_APP_TOKEN', `is the placeholder "${appToken}"; ${APP_TOKEN_HOWTO}`);
    }
  }
  return appToken;
}
