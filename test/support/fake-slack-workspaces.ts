/**
 * The fake Slack's workspaces and its OAuth v2 install flow. Each bot token belongs to one
 * workspace (or one organization, for an org-wide install), and a call may only touch that
 * workspace's channels and users, as in real Slack where another workspace's ids are not found.
 * Ids nobody claimed belong to the default workspace, so single-workspace tests need no set-up.
 *
 * OAuth facts (docs.slack.dev/reference/methods/oauth.v2.access, /authentication/installing-with-oauth):
 * the consent page redirects to the app's redirect URL (redirect_uri, when sent, must be one of
 * them) with `code` and the same `state`; a code works once, for the app it was issued to; the app
 * authenticates with client_id/client_secret as form fields or HTTP Basic; errors invalid_code,
 * invalid_client_id, bad_client_secret, bad_redirect_uri.
 */
import { randomBytes } from 'node:crypto';
import { issuedSecret } from './test-logs.js';

export const DEFAULT_WORKSPACE = 'T0001';
/** The bot token of the default workspace (SLACK_BOT_TOKEN in single-workspace tests). */
export const DEFAULT_BOT_TOKEN = 'xoxb-test-token';

export interface Workspace {
  teamId: string;
  name: string;
  enterpriseId?: string;
  /** Ids of this workspace's users and channels (the default workspace also owns every unclaimed id). */
  users: Set<string>;
  channels: Set<string>;
  botUserId: string;
  botId: string;
}

interface Grant {
  /** The workspace, or for an org-wide install the organization, the token acts for. */
  teamId?: string;
  enterpriseId?: string;
  scopes: string[];
  revoked: boolean;
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  appId: string;
  redirectUrls: string[];
}

export type Access = { ok: true; grant: Grant } | { ok: false; error: string };

export class FakeWorkspaces {
  readonly workspaces = new Map<string, Workspace>();
  readonly app: OAuthApp = {
    clientId: '1111111111.2222222222',
    clientSecret: `secret-${randomBytes(8).toString('hex')}`,
    appId: 'A0001',
    redirectUrls: [],
  };
  private readonly grants = new Map<string, Grant>();
  private readonly codes = new Map<string, { grant: Grant; redirectUri?: string; clientId: string }>();
  /** The workspace each trigger_id was sent from (the harness notes them as it sends requests). */
  readonly triggers = new Map<string, string>();
  /** Bot tokens issued through oauth.v2.access, by workspace (or organization) id. */
  readonly issued = new Map<string, string>();

  constructor() {
    issuedSecret(this.app.clientSecret);
    this.add({ teamId: DEFAULT_WORKSPACE, name: 'Example' });
    this.grants.set(DEFAULT_BOT_TOKEN, { teamId: DEFAULT_WORKSPACE, scopes: [], revoked: false });
  }

  add(opts: {
    teamId: string;
    name?: string;
    enterpriseId?: string;
    users?: string[];
    channels?: string[];
  }): Workspace {
    const ws: Workspace = {
      teamId: opts.teamId,
      name: opts.name ?? opts.teamId,
      ...(opts.enterpriseId ? { enterpriseId: opts.enterpriseId } : {}),
      users: new Set(opts.users ?? []),
      channels: new Set(opts.channels ?? []),
      botUserId: `UBOT${opts.teamId}`,
      botId: `BBOT${opts.teamId}`,
    };
    this.workspaces.set(ws.teamId, ws);
    return ws;
  }

  /** A function_executed's bot_access_token (xwfp-…): acts for its workspace while the step runs. */
  grantWorkflowToken(token: string, teamId: string): void {
    this.grants.set(token, { teamId, scopes: [], revoked: false });
  }

  /** Which workspace an id belongs to: the one that claimed it, else the default one. */
  ownerOf(id: string, kind: 'users' | 'channels'): Workspace {
    for (const ws of this.workspaces.values()) if (ws[kind].has(id)) return ws;
    return this.workspaces.get(DEFAULT_WORKSPACE) as Workspace;
  }

  /** A token outside the default workspace's own is refused once any OAuth install was made. */
  access(authorization: string | undefined, bodyToken: unknown): Access {
    const token = authorization?.startsWith('Bearer ')
      ? authorization.slice('Bearer '.length)
      : typeof bodyToken === 'string'
        ? bodyToken
        : undefined;
    if (!token) return { ok: false, error: 'not_authed' };
    const grant = this.grants.get(token);
    if (grant?.revoked) return { ok: false, error: 'token_revoked' };
    if (grant) return { ok: true, grant };
    if (this.issued.size === 0 && token.startsWith('xoxb-')) {
      return { ok: true, grant: { teamId: DEFAULT_WORKSPACE, scopes: [], revoked: false } };
    }
    return { ok: false, error: 'invalid_auth' };
  }

  /** True when a token of `grant` may act on a workspace's users or channels. */
  mayActIn(grant: Grant, ws: Workspace): boolean {
    if (grant.teamId) return grant.teamId === ws.teamId;
    return grant.enterpriseId !== undefined && grant.enterpriseId === ws.enterpriseId;
  }

  /** auth.test's answer for a token. */
  authTest(grant: Grant): Record<string, unknown> {
    const ws = grant.teamId ? this.workspaces.get(grant.teamId) : undefined;
    if (!ws) {
      return {
        ok: true,
        url: 'https://example-org.enterprise.slack.com/',
        team: null,
        user: 'zoombot',
        team_id: null,
        user_id: `UBOT${grant.enterpriseId}`,
        bot_id: `BBOT${grant.enterpriseId}`,
        enterprise_id: grant.enterpriseId,
        is_enterprise_install: true,
      };
    }
    return {
      ok: true,
      url: `https://${ws.teamId.toLowerCase()}.slack.com/`,
      team: ws.name,
      user: 'zoombot',
      team_id: ws.teamId,
      user_id: ws.botUserId,
      bot_id: ws.botId,
      ...(ws.enterpriseId ? { enterprise_id: ws.enterpriseId } : {}),
      is_enterprise_install: false,
    };
  }

  /**
   * The consent page: a signed-in user of `teamId` approves the app. Answers where the browser is
   * sent next (the redirect URL with code and state), or an error page's status.
   */
  consent(
    query: URLSearchParams,
    who: { teamId: string; orgWide?: boolean },
  ): { location: string } | { status: number; error: string } {
    if (query.get('client_id') !== this.app.clientId) return { status: 400, error: 'invalid_client_id' };
    const redirectUri = query.get('redirect_uri') ?? undefined;
    if (redirectUri !== undefined && !this.app.redirectUrls.includes(redirectUri)) {
      return { status: 400, error: 'bad_redirect_uri' };
    }
    const target = redirectUri ?? this.app.redirectUrls[0];
    if (!target) return { status: 400, error: 'no_redirect_url_configured' };
    const ws = this.workspaces.get(who.teamId);
    if (!ws) return { status: 400, error: 'team_not_found' };
    const scopes = (query.get('scope') ?? '').split(',').filter(Boolean);
    if (scopes.length === 0) return { status: 400, error: 'invalid_scope' };
    const grant: Grant =
      who.orgWide && ws.enterpriseId
        ? { enterpriseId: ws.enterpriseId, scopes, revoked: false }
        : { teamId: ws.teamId, scopes, revoked: false };
    const code = `${Date.now()}.${randomBytes(12).toString('hex')}`;
    issuedSecret(code);
    issuedSecret(query.get('state') ?? undefined);
    this.codes.set(code, { grant, clientId: this.app.clientId, ...(redirectUri ? { redirectUri } : {}) });
    const next = new URL(target);
    next.searchParams.set('code', code);
    const state = query.get('state');
    if (state !== null) next.searchParams.set('state', state);
    return { location: next.toString() };
  }

  /** oauth.v2.access with grant_type authorization_code. */
  exchange(args: Record<string, unknown>, authorization: string | undefined): Record<string, unknown> {
    let clientId = args.client_id;
    let clientSecret = args.client_secret;
    if (authorization?.startsWith('Basic ')) {
      const [id, secret] = Buffer.from(authorization.slice(6), 'base64').toString('utf8').split(':');
      clientId = id;
      clientSecret = secret;
    }
    if (clientId !== this.app.clientId) return { ok: false, error: 'invalid_client_id' };
    if (clientSecret !== this.app.clientSecret) return { ok: false, error: 'bad_client_secret' };
    const code = String(args.code ?? '');
    const pending = this.codes.get(code);
    if (!pending) return { ok: false, error: 'invalid_code' };
    this.codes.delete(code);
    if (pending.redirectUri !== undefined && args.redirect_uri !== pending.redirectUri) {
      return { ok: false, error: 'bad_redirect_uri' };
    }
    const token = `xoxb-${randomBytes(10).toString('hex')}`;
    issuedSecret(token);
    this.grants.set(token, pending.grant);
    const { teamId, enterpriseId } = pending.grant;
    const ws = teamId ? (this.workspaces.get(teamId) as Workspace) : undefined;
    const orgWide = !ws;
    this.issued.set((teamId ?? enterpriseId) as string, token);
    return {
      ok: true,
      app_id: this.app.appId,
      authed_user: { id: 'UINSTALLER' },
      scope: pending.grant.scopes.join(','),
      token_type: 'bot',
      access_token: token,
      bot_user_id: ws?.botUserId ?? `UBOT${enterpriseId}`,
      team: ws ? { id: ws.teamId, name: ws.name } : null,
      enterprise:
        (ws?.enterpriseId ?? enterpriseId) ? { id: ws?.enterpriseId ?? enterpriseId, name: 'Org' } : null,
      is_enterprise_install: orgWide,
    };
  }

  /** The app is removed from a workspace (or organization): its tokens stop working. */
  uninstall(id: string): void {
    for (const grant of this.grants.values()) {
      if (grant.teamId === id || (!grant.teamId && grant.enterpriseId === id)) grant.revoked = true;
    }
  }
}
