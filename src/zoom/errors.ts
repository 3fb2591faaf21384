/**
 * Typed failures of the Zoom side. The API client throws the scheduling core's own error types
 * (src/scheduling/ports/errors.ts), named here as Zoom's; OAuth and the token store add their own.
 * Messages never contain tokens.
 */
import { ServiceError } from '../scheduling/ports/errors.js';

export {
  InputRefusedError as ZoomValidationError,
  NoAnswerError as ZoomNoAnswerError,
  NotConnectedError as ZoomNotConnectedError,
  NotFoundError as ZoomNotFoundError,
  RateLimitedError as ZoomRateLimitError,
  ServiceError as ZoomError,
  UnavailableError as ZoomUnavailableError,
  UnreadableAnswerError as ZoomResponseError,
} from '../scheduling/ports/errors.js';

/** Zoom's token endpoint refused the grant (`invalid_grant`): the code or refresh token is dead. */
export class ZoomInvalidGrantError extends ServiceError {}

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
