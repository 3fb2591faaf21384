/**
 * "Add to Slack" (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET): the receiver options
 * that turn on Bolt's own OAuth support (@slack/oauth's InstallProvider). GET /slack/install sends
 * the browser straight to Slack's consent page with a signed state, also set as a cookie;
 * GET /slack/oauth_redirect checks both, exchanges the code at SLACK_API_URL's oauth.v2.access and
 * stores the installation. Every request is then authorized by its own workspace's installation.
 */
import type { ServerResponse } from 'node:http';
import type { Installation } from '@slack/bolt';
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
  'users:read.email',
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
      callbackOptions: {
        success: (installation: Installation, _options: unknown, _req: unknown, res: ServerResponse) => {
          const where = installation.isEnterpriseInstall
            ? (installation.enterprise?.name ?? installation.enterprise?.id)
            : (installation.team?.name ?? installation.team?.id);
          logger.info('installed in a Slack workspace', {
            team: installation.team?.id,
            enterprise: installation.enterprise?.id,
          });
          page(res, 200, {
            ja: `${where ?? 'ワークスペース'} に追加しました。Slack で /zoom を実行してください。このタブは閉じてかまいません。`,
            en: `Added to ${where ?? 'the workspace'}. Run /zoom in Slack. You can close this tab.`,
          });
        },
        failure: (error: { code?: string }, _options: unknown, _req: unknown, res: ServerResponse) => {
          logger.warn('Slack install not completed', { code: error.code });
          page(res, installFailure(error.code).status, installFailure(error.code));
        },
      },
    },
  };
}

/** What the installing person reads when the install did not complete (@slack/oauth's error codes). */
function installFailure(code: string | undefined): { status: number; ja: string; en: string } {
  if (code === 'slack_oauth_installer_authorization_error') {
    return {
      status: 400,
      ja: 'インストールはキャンセルされました。追加するには、もう一度インストールのリンクを開いてください。',
      en: 'The install was cancelled. To add the app, open the install link again.',
    };
  }
  if (
    code === 'slack_oauth_missing_state' ||
    code === 'slack_oauth_invalid_state' ||
    code === 'slack_oauth_missing_code'
  ) {
    return {
      status: 400,
      ja: 'このリンクは期限切れか、別のブラウザで開かれました。インストールのリンクからもう一度始めてください。',
      en: 'This link has expired or was opened in another browser. Start again from the install link.',
    };
  }
  return {
    status: 502,
    ja: 'インストールを完了できませんでした。しばらくしてから、インストールのリンクからもう一度お試しください。',
    en: 'The install could not be completed. Try again from the install link in a little while.',
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(res: ServerResponse, status: number, text: { ja: string; en: string }): void {
  res
    .writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    })
    .end(`<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>/zoom</title></head>
<body style="font-family:sans-serif;max-width:36em;margin:4em auto;line-height:1.6">
<p>${escapeHtml(text.ja)}</p>
<p lang="en">${escapeHtml(text.en)}</p>
</body></html>
`);
}
