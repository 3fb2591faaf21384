/**
 * "Add to Slack" (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET): the receiver options
 * that turn on Bolt's own OAuth support (@slack/oauth's InstallProvider). GET /slack/install sends
 * the browser straight to Slack's consent page with a signed state, also set as a cookie;
 * GET /slack/oauth_redirect checks both, exchanges the code at SLACK_API_URL's oauth.v2.access and
 * stores the installation. Every request is then authorized by its own workspace's installation.
 */
import type { Config, SlackOAuthConfig } from '../config.js';
import type { Logger } from '../log.js';
import type { RedisInstallationStore } from './installations.js';
import { slackClientOptions } from './web.js';

export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/** The bot scopes asked for at install: the same list as manifest.yml's oauth_config.scopes.bot. */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'users:read',
  'im:write',
  // zoom.us link previews: link_shared events and chat.unfurl
  'links:read',
  'links:write',
];

export function installReceiverOptions(
  config: Config,
  oauth: SlackOAuthConfig,
  installationStore: RedisInstallationStore,
  logger: Logger,
) {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    stateSecret: oauth.stateSecret,
    scopes: BOT_SCOPES,
    installationStore,
    installerOptions: {
      // The install link goes straight to Slack instead of showing a page with a button.
      directInstall: true,
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      authorizationUrl: oauth.authorizeUrl,
      // oauth.v2.access and its auth.test go to SLACK_API_URL like every other call.
      clientOptions: slackClientOptions(config, logger),
    },
  };
}
