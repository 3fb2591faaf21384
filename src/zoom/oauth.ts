/** Zoom OAuth endpoints: authorize URL, code exchange (PKCE), refresh, revoke, users/me. */
import type { AxiosInstance } from 'axios';
import { axios } from '../axios.js';
import { redactString } from '../log.js';
import {
  ZoomError,
  ZoomInvalidGrantError,
  ZoomRateLimitError,
  ZoomResponseError,
  ZoomUnavailableError,
} from './errors.js';
import { apiError, parseJson, type RawAnswer, retryAfterSeconds, transportError } from './http-errors.js';

export interface ZoomOAuthOptions {
  oauthUrl: string; // https://zoom.us (or ZoomGov)
  apiUrl: string; // https://api.zoom.us/v2
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  /** Per call; kept below the token store's refresh-lock lifetime (10 s) so a refresh ends while locked. */
  timeoutMs?: number;
}

/** Zoom's token endpoint answer, as received. */
export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  scope: string;
}

const DEFAULT_TIMEOUT_MS = 8_000;

export class ZoomOAuth {
  private readonly http: AxiosInstance;

  constructor(readonly options: ZoomOAuthOptions) {
    this.http = axios.create({
      timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      // Every status is an answer to read here; axios errors (which carry headers) stay transport-only.
      validateStatus: () => true,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      maxRedirects: 0,
    });
  }

  authorizeUrl(state: string, codeChallenge: string): string {
    const params = new URLSearchParams({
      response_type: 'code',
      client_id: this.options.clientId,
      redirect_uri: this.options.redirectUrl,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    return `${this.options.oauthUrl}/oauth/authorize?${params.toString()}`;
  }

  exchangeCode(code: string, codeVerifier: string): Promise<TokenGrant> {
    return this.grant('the authorization code exchange', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: this.options.redirectUrl,
      code_verifier: codeVerifier,
    });
  }

  /** Throws ZoomInvalidGrantError when the refresh token is dead; the token store decides what that means. */
  refresh(refreshToken: string): Promise<TokenGrant> {
    return this.grant('the token refresh', { grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  async revoke(token: string): Promise<void> {
    const answer = await this.postForm('/oauth/revoke', { token }, 'the token revocation');
    if (answer.status !== 200) throw this.oauthError(answer, 'the token revocation');
  }

  async fetchMe(accessToken: string): Promise<{ id: string; email: string }> {
    const operation = 'GET /users/me';
    let answer: RawAnswer;
    try {
      answer = await this.http.get(`${this.options.apiUrl}/users/me`, {
        headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
      });
    } catch (err) {
      throw transportError(err, operation);
    }
    if (answer.status !== 200) throw apiError(answer, operation);
    const me = parseJson(answer, operation) as { id?: unknown; email?: unknown } | undefined;
    if (typeof me?.id !== 'string' || typeof me.email !== 'string') {
      throw new ZoomResponseError(`Zoom answered ${operation} without id and email`, answer.status);
    }
    return { id: me.id, email: me.email };
  }

  private async grant(operation: string, form: Record<string, string>): Promise<TokenGrant> {
    const answer = await this.postForm('/oauth/token', form, operation);
    if (answer.status !== 200) throw this.oauthError(answer, operation);
    const body = parseJson(answer, operation) as Record<string, unknown> | undefined;
    if (
      typeof body?.access_token !== 'string' ||
      typeof body.refresh_token !== 'string' ||
      typeof body.expires_in !== 'number'
    ) {
      throw new ZoomResponseError(`Zoom answered ${operation} without a complete token pair`, 200);
    }
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token,
      expiresInSeconds: body.expires_in,
      scope: typeof body.scope === 'string' ? body.scope : '',
    };
  }

  private async postForm(path: string, form: Record<string, string>, operation: string): Promise<RawAnswer> {
    const basic = Buffer.from(`${this.options.clientId}:${this.options.clientSecret}`).toString('base64');
    try {
      return await this.http.post(`${this.options.oauthUrl}${path}`, new URLSearchParams(form).toString(), {
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
      });
    } catch (err) {
      throw transportError(err, operation);
    }
  }

  /** Zoom's OAuth errors read `{"reason": "...", "error": "invalid_grant"}`. */
  private oauthError(answer: RawAnswer, operation: string): ZoomError {
    let body: Record<string, unknown> = {};
    try {
      body = (parseJson(answer, operation) as Record<string, unknown> | undefined) ?? {};
    } catch (err) {
      if (answer.status < 500 && answer.status !== 429) throw err;
    }
    const error = typeof body.error === 'string' ? body.error : undefined;
    const reason = typeof body.reason === 'string' ? redactString(body.reason) : undefined;
    const detail = [error, reason].filter(Boolean).join(': ');
    const message = `Zoom refused ${operation}: HTTP ${answer.status}${detail ? ` (${detail})` : ''}`;
    if (error === 'invalid_grant') return new ZoomInvalidGrantError(message, answer.status);
    if (answer.status === 429) {
      return new ZoomRateLimitError(reason ?? message, retryAfterSeconds(answer.headers['retry-after']));
    }
    if (answer.status >= 500) return new ZoomUnavailableError(message, answer.status);
    if (error === 'invalid_client') {
      return new ZoomError(`${message}; check ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET`, answer.status);
    }
    return new ZoomError(message, answer.status);
  }
}
