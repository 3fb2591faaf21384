/** Zoom OAuth endpoints: authorize URL, code exchange (PKCE), refresh, revoke, users/me. */
// CONTRACT STUB: bodies to be implemented; the exported signatures are what the rest of the bot uses.

export interface ZoomOAuthOptions {
  oauthUrl: string; // https://zoom.us (or ZoomGov)
  apiUrl: string; // https://api.zoom.us/v2
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  timeoutMs?: number;
}

/** Zoom's token endpoint answer, as received. */
export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  scope: string;
}

export class ZoomOAuth {
  constructor(readonly options: ZoomOAuthOptions) {}
  authorizeUrl(_state: string, _codeChallenge: string): string {
    throw new Error('not implemented');
  }
  exchangeCode(_code: string, _codeVerifier: string): Promise<TokenGrant> {
    throw new Error('not implemented');
  }
  /** Throws ZoomNotConnectedError-free `InvalidGrantError` semantics are handled by the token store. */
  refresh(_refreshToken: string): Promise<TokenGrant> {
    throw new Error('not implemented');
  }
  revoke(_token: string): Promise<void> {
    throw new Error('not implemented');
  }
  fetchMe(_accessToken: string): Promise<{ id: string; email: string }> {
    throw new Error('not implemented');
  }
}
