/**
 * GET /zoom/oauth/callback: Zoom sends the browser here after consent. Shows a small page in both
 * languages saying whether the account is connected (same email as the Slack profile) or waits for
 * its Slack user's confirmation, and tells the user in Slack. A bad, expired or reused state, a missing code or a refusal
 * gives a clear page and stores nothing.
 */

import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Logger } from '../log.js';
import type { SlackUserRef } from '../scheduling/ports/types.js';
import type { Completed, ZoomConnections } from '../zoom/connections.js';
import { OAuthStateError } from '../zoom/errors.js';

export interface OAuthCallbackDeps {
  connections: Pick<ZoomConnections, 'completeConnect'>;
  logger: Logger;
  /**
   * Once the connection is stored: stores the job that tells the user in Slack. The page waits for
   * it, so a process stopped right after the page still tells them.
   */
  onConnected(user: SlackUserRef, zoomEmail: string): Promise<void>;
  /** The sign-in waits for its Slack user's confirmation: stores the job that asks them in Slack. */
  onPending(pending: Extract<Completed, { outcome: 'pending' }>): Promise<void>;
}

interface Page {
  status: number;
  ja: string;
  en: string;
}

const PAGES = {
  denied: {
    status: 400,
    ja: 'Zoom の連携はキャンセルされました。連携するには Slack で /zoom connect を実行してください。',
    en: 'Zoom access was not granted. Run /zoom connect in Slack to try again.',
  },
  missingCode: {
    status: 400,
    ja: 'Zoom から認可コードが届きませんでした。Slack で /zoom connect をもう一度実行してください。',
    en: 'Zoom sent no authorization code. Run /zoom connect in Slack again.',
  },
  badState: {
    status: 400,
    ja: 'このリンクは期限切れか、すでに使われています。Slack で /zoom connect をもう一度実行してください。',
    en: 'This link has expired or was already used. Run /zoom connect in Slack again.',
  },
  notAsked: {
    status: 503,
    ja: 'Zoom にサインインしましたが、Slack で確認をお送りできなかったため、まだ連携していません。しばらくしてから Slack で /zoom connect をもう一度実行してください。',
    en: 'You signed in to Zoom, but the bot could not ask you to confirm it in Slack, so it is not connected yet. Run /zoom connect in Slack again in a little while.',
  },
  failed: {
    status: 502,
    ja: 'Zoom との連携を完了できませんでした。しばらくしてから Slack で /zoom connect をもう一度実行してください。',
    en: 'The Zoom connection could not be completed. Run /zoom connect in Slack again in a little while.',
  },
} satisfies Record<string, Page>;

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function send(res: ServerResponse, page: Page): void {
  const html = `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>/zoom</title></head>
<body style="font-family:sans-serif;max-width:36em;margin:4em auto;line-height:1.6">
<p>${escapeHtml(page.ja)}</p>
<p lang="en">${escapeHtml(page.en)}</p>
</body></html>
`;
  res
    .writeHead(page.status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer',
    })
    .end(html);
}

export function oauthCallbackRoute(services: OAuthCallbackDeps): CustomRoute {
  return {
    path: '/zoom/oauth/callback',
    method: ['GET'],
    handler: (req, res) => {
      handle(services, req.url ?? '/', res).catch((err) => {
        services.logger.error('oauth callback failed', { error: err });
        if (!res.headersSent) send(res, PAGES.failed);
      });
    },
  };
}

async function handle(services: OAuthCallbackDeps, url: string, res: ServerResponse): Promise<void> {
  const query = new URL(url, 'http://localhost').searchParams;
  if (query.get('error')) return send(res, PAGES.denied);
  const state = query.get('state');
  const code = query.get('code');
  if (!state) return send(res, PAGES.badState);
  if (!code) return send(res, PAGES.missingCode);
  let connected: Awaited<ReturnType<ZoomConnections['completeConnect']>>;
  try {
    connected = await services.connections.completeConnect(state, code);
  } catch (err) {
    if (err instanceof OAuthStateError) return send(res, PAGES.badState);
    services.logger.warn('zoom code exchange failed', { error: err });
    return send(res, PAGES.failed);
  }
  const email = connected.zoomEmail;
  if (connected.outcome === 'pending') {
    const minutes = Math.max(1, Math.round((connected.expiresAt - Date.now()) / 60_000));
    try {
      await services.onPending(connected);
    } catch (err) {
      services.logger.warn('account question not stored', { error: err });
      return send(res, PAGES.notAsked);
    }
    send(res, {
      status: 200,
      ja:
        `Zoom に ${email} としてサインインしましたが、Slack のプロフィールとメールアドレスが異なるため、まだ連携していません。` +
        `Slack でボットからのメッセージを開き、ご自身のアカウントであれば ${minutes} 分以内に「自分のアカウントです」を選んでください。心当たりがなければ「自分のものではありません」を選んでください。`,
      en:
        `You signed in to Zoom as ${email}, but that email is not the one on your Slack profile, so it is not connected yet. ` +
        `In Slack, open the bot's message and choose "This is my account" within ${minutes} minutes if it is yours, or "Not mine" if it is not.`,
    });
    return;
  }
  // Connected either way; only the note in Slack would be missing, and this page says it all.
  await services
    .onConnected(connected.user, email)
    .catch((err) => services.logger.warn('connected notice not stored', { error: err }));
  send(res, {
    status: 200,
    ja: `Zoom に ${email} として連携しました（Slack のプロフィールと同じメールアドレスです）。このタブは閉じてかまいません。`,
    en: `Connected to Zoom as ${email} (the email on your Slack profile). You can close this tab.`,
  });
}
