/** The fake Zoom's OAuth endpoints: /oauth/authorize, /oauth/token, /oauth/revoke. */
import { createHash } from 'node:crypto';
import type { FakeZoomState } from './fake-zoom-state.js';
import { issuedSecret } from './test-logs.js';

export interface FakeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  rawBody: string;
}

export interface FakeAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const CODE_TTL_MS = 5 * 60_000;

const INVALID_GRANT: FakeAnswer = { status: 400, body: { reason: 'Invalid Token!', error: 'invalid_grant' } };

export class FakeZoomOAuth {
  constructor(
    private readonly state: FakeZoomState,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  handle(req: FakeRequest): FakeAnswer | undefined {
    if (req.method === 'GET' && req.path === '/oauth/authorize') return this.authorize(req);
    if (req.method === 'POST' && req.path === '/oauth/token') return this.token(req);
    if (req.method === 'POST' && req.path === '/oauth/revoke') return this.revoke(req);
    return undefined;
  }

  /** Acts as the user consenting (`login=<zoomUserId>`) or refusing (`login=deny`). */
  private authorize(req: FakeRequest): FakeAnswer {
    const q = req.query;
    const problem =
      q.response_type !== 'code'
        ? 'response_type must be code'
        : q.client_id !== this.clientId
          ? 'unknown client_id'
          : !q.redirect_uri
            ? 'redirect_uri missing'
            : !q.state
              ? 'state missing'
              : q.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(q.code_challenge ?? '')
                ? 'PKCE S256 code_challenge missing or malformed'
                : undefined;
    if (problem) return { status: 400, body: { error: 'invalid_request', reason: problem } };
    issuedSecret(q.state);
    const target = new URL(q.redirect_uri!);
    target.searchParams.set('state', q.state!);
    if (q.login === 'deny') {
      target.searchParams.set('error', 'access_denied');
    } else {
      if (!q.login || !this.state.users.has(q.login)) {
        return {
          status: 400,
          body: { error: 'invalid_request', reason: 'fake Zoom: login=<known user id>' },
        };
      }
      const code = this.state.newCode({
        zoomUserId: q.login,
        codeChallenge: q.code_challenge!,
        redirectUri: q.redirect_uri!,
        expiresAt: Date.now() + CODE_TTL_MS,
      });
      target.searchParams.set('code', code);
    }
    return { status: 302, headers: { location: target.toString() } };
  }

  private clientAuthorized(req: FakeRequest): boolean {
    const expected = `Basic ${Buffer.from(`${this.clientId}:${this.clientSecret}`).toString('base64')}`;
    return req.headers.authorization === expected;
  }

  private form(req: FakeRequest): Record<string, string> | undefined {
    if (!(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      return undefined;
    return Object.fromEntries(new URLSearchParams(req.rawBody));
  }

  private token(req: FakeRequest): FakeAnswer {
    if (!this.clientAuthorized(req)) {
      return { status: 401, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } };
    }
    const form = this.form(req);
    if (!form) return { status: 400, body: { reason: 'form body expected', error: 'invalid_request' } };
    issuedSecret(form.code_verifier);
    if (form.grant_type === 'authorization_code') return this.codeGrant(form);
    if (form.grant_type === 'refresh_token') {
      this.state.stats.refreshGrants++;
      const issued = form.refresh_token ? this.state.rotate(form.refresh_token) : null;
      return issued ? { status: 200, body: tokenBody(issued) } : INVALID_GRANT;
    }
    return { status: 400, body: { reason: 'Unsupported grant type', error: 'unsupported_grant_type' } };
  }

  private codeGrant(form: Record<string, string>): FakeAnswer {
    this.state.stats.codeGrants++;
    const entry = form.code ? this.state.codes.get(form.code) : undefined;
    // Codes are single-use whatever the outcome.
    if (form.code) this.state.codes.delete(form.code);
    if (!entry || entry.expiresAt <= Date.now()) {
      return { status: 400, body: { reason: 'Invalid authorization code', error: 'invalid_grant' } };
    }
    if (form.redirect_uri !== entry.redirectUri) {
      return { status: 400, body: { reason: 'Redirect URI mismatch.', error: 'invalid_request' } };
    }
    const challenge = createHash('sha256')
      .update(form.code_verifier ?? '')
      .digest('base64url');
    if (!form.code_verifier || challenge !== entry.codeChallenge) {
      return { status: 400, body: { reason: 'Invalid code verifier', error: 'invalid_request' } };
    }
    return { status: 200, body: tokenBody(this.state.issueTokens(entry.zoomUserId)) };
  }

  private revoke(req: FakeRequest): FakeAnswer {
    if (!this.clientAuthorized(req)) {
      return { status: 401, body: { reason: 'Invalid client_id or client_secret', error: 'invalid_client' } };
    }
    const token = this.form(req)?.token;
    if (!token) return { status: 400, body: { reason: 'token missing', error: 'invalid_request' } };
    this.state.stats.revokes++;
    if (!this.state.revokeToken(token)) return INVALID_GRANT;
    return { status: 200, body: { status: 'success' } };
  }
}

function tokenBody(t: {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  scope: string;
}): Record<string, unknown> {
  return {
    access_token: t.accessToken,
    token_type: 'bearer',
    refresh_token: t.refreshToken,
    expires_in: t.expiresInSeconds,
    scope: t.scope,
  };
}
