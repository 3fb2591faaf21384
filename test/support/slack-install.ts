/** Installing the bot in a workspace the way a browser does it, through the running bot and the fake Slack. */
import assert from 'node:assert/strict';
import type { Harness } from './app-harness.js';

/**
 * GET /slack/install (redirect to Slack with a state cookie) -> consent at the fake Slack by a
 * user of `teamId` -> GET /slack/oauth_redirect with the code, the state and the cookie.
 * Answers the bot's final page, and the callback request (to replay it).
 */
export async function installThroughOAuth(
  h: Harness,
  teamId: string,
  opts: { orgWide?: boolean; cookie?: (set: string) => string } = {},
): Promise<{ page: Response; callbackUrl: string; cookie: string }> {
  const start = await fetch(`${h.baseUrl}/slack/install`, { redirect: 'manual' });
  assert.equal(start.status, 302, 'the install link redirects straight to Slack');
  const consentUrl = start.headers.get('location') ?? '';
  const setCookie = start.headers.get('set-cookie') ?? '';
  assert.match(setCookie, /HttpOnly/i, 'the state cookie is not readable by scripts');
  const back = await h.slack.approveInstall(consentUrl, {
    teamId,
    ...(opts.orgWide ? { orgWide: true } : {}),
  });
  assert.ok(back.startsWith(`${h.baseUrl}/slack/oauth_redirect?`), `Slack sends the browser back: ${back}`);
  const cookie = opts.cookie ? opts.cookie(setCookie) : (setCookie.split(';')[0] ?? '');
  const page = await fetch(back, { redirect: 'manual', headers: { cookie } });
  return { page, callbackUrl: back, cookie };
}

/**
 * An Events API body for `app_uninstalled` or `tokens_revoked` (with `tokens`) of `teamId`, as
 * Slack sends it: the bot's authorization first, the legacy verification token unused.
 */
export function uninstallEvent(
  teamId: string,
  type: 'app_uninstalled' | 'tokens_revoked' = 'app_uninstalled',
  tokens?: object,
): string {
  return JSON.stringify({
    token: 'legacy-verification-token',
    team_id: teamId,
    api_app_id: 'A0001',
    event: { type, ...(tokens ? { tokens } : {}), event_ts: '1700000000.000100' },
    type: 'event_callback',
    event_id: `Ev${teamId}${type}`,
    event_time: 1700000000,
    authorizations: [
      {
        enterprise_id: null,
        team_id: teamId,
        user_id: `UBOT${teamId}`,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  });
}
