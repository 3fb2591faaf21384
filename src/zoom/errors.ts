/**
 * Typed failures of the Zoom side. Messages never contain tokens; the Slack side maps each class
 * to a message for the user.
 */

export class ZoomError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The Slack user has no usable Zoom connection (never connected, revoked, refresh token dead). */
export class ZoomNotConnectedError extends ZoomError {}

/** HTTP 429: daily or per-second limit. `retryAfterSeconds` when Zoom says when. */
export class ZoomRateLimitError extends ZoomError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message, 429, 429);
  }
}

/** HTTP 404 / code 3001: the meeting does not exist (deleted in Zoom). */
export class ZoomNotFoundError extends ZoomError {}

/** HTTP 400 / code 300: Zoom refused the request body. */
export class ZoomValidationError extends ZoomError {
  constructor(
    message: string,
    readonly fields: { field: string; message: string }[] = [],
    status = 400,
    code = 300,
  ) {
    super(message, status, code);
  }
}

/** 5xx, timeout or network failure: Zoom is down or slow. */
export class ZoomUnavailableError extends ZoomError {}

/**
 * A request was sent but no answer came back in time (timeout, connection reset). Zoom may have
 * acted on it: a create may exist, a refresh may have rotated the tokens.
 */
export class ZoomNoAnswerError extends ZoomUnavailableError {}

/** Zoom's token endpoint refused the grant (`invalid_grant`): the code or refresh token is dead. */
export class ZoomInvalidGrantError extends ZoomError {}

/** Zoom answered something we cannot read (not JSON, missing fields). */
export class ZoomResponseError extends ZoomError {}

/** A stored token record that cannot be decrypted or parsed. Nothing is overwritten when this is thrown. */
export class TokenStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenStoreError';
  }
}

/** OAuth callback with a bad, expired or reused state. */
export class OAuthStateError extends Error {
  constructor(readonly reason: 'missing' | 'unknown_or_expired') {
    super(`OAuth state ${reason}`);
    this.name = 'OAuthStateError';
  }
}
