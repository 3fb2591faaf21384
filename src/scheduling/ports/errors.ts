/**
 * How an outside service (Zoom) can fail, as the scheduling core sees it. Adapters throw these;
 * messages never contain tokens. The Slack side maps each class to words for the user.
 */

export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly code?: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The Slack user has no usable connection (never connected, revoked, refresh token dead). */
export class NotConnectedError extends ServiceError {}

/** Too many calls; `retryAfterSeconds` when the service says when. */
export class RateLimitedError extends ServiceError {
  constructor(
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message, 429, 429);
  }
}

/** The thing asked about does not exist (for this account). */
export class NotFoundError extends ServiceError {}

/** The request was refused as invalid; nothing was done. */
export class InputRefusedError extends ServiceError {
  constructor(
    message: string,
    readonly fields: { field: string; message: string }[] = [],
    status = 400,
    code = 300,
  ) {
    super(message, status, code);
  }
}

/**
 * Zoom will not create or change a meeting for that user: they have not given the connected account
 * their scheduling privilege (400, code 3000 "You cannot schedule a meeting for …"). Nothing was done.
 */
export class NoSchedulingPrivilegeError extends ServiceError {}

/** Down, 5xx or unreachable: nothing was done. */
export class UnavailableError extends ServiceError {}

/** Sent, but no answer came back in time: the service may have acted on it (uncertain). */
export class NoAnswerError extends UnavailableError {}

/** An answer that cannot be read (not JSON, missing fields). */
export class UnreadableAnswerError extends ServiceError {}

/** Slack will not show it there (channel gone, archived, bot not allowed): waiting will not help. */
export class NotShownError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotShownError';
  }
}
