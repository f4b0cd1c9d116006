/**
 * Stable error codes. A code never changes meaning once released; scripts match on it
 * (`error[CODE]: message` on stderr, `{"error":{"code":...}}` with `--json`).
 */
export const ErrorCode = {
  /** Nothing found by a link of the resolution chain (the chain moves on). */
  NOT_FOUND: 'NOT_FOUND',
  /** No usable credential and no way to get one without the user. */
  LOGIN_REQUIRED: 'LOGIN_REQUIRED',
  /** The server refused the token (401), or it is malformed. */
  INVALID_TOKEN: 'INVALID_TOKEN',
  /** The token is valid but lacks the scopes needed (403). */
  INSUFFICIENT_SCOPE: 'INSUFFICIENT_SCOPE',
  /** The device code (RFC 8628 `expired_token`) expired before the user approved the login. */
  DEVICE_CODE_EXPIRED: 'DEVICE_CODE_EXPIRED',
  /**
   * The session is over: the server refused the refresh token (`invalid_grant` on a refresh).
   * The credential is kept, marked `needsLogin`; only a new login helps.
   */
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  /** The user or the server denied the authorization. */
  ACCESS_DENIED: 'ACCESS_DENIED',
  /** The authorization server answered with an OAuth error (`error`, `error_description`). */
  OAUTH_ERROR: 'OAUTH_ERROR',
  /** The client was not accepted (`invalid_client`, bad secret). */
  INVALID_CLIENT: 'INVALID_CLIENT',
  /** A refresh token or authorization code was refused (`invalid_grant`). */
  INVALID_GRANT: 'INVALID_GRANT',
  /** A login (device code, browser callback) did not finish in time. */
  LOGIN_TIMEOUT: 'LOGIN_TIMEOUT',
  /**
   * The browser flow's loopback listener found no free port in its range (exit 5): close what
   * listens there, choose other ports, or use a flow without a listener.
   */
  CALLBACK_PORT_BUSY: 'CALLBACK_PORT_BUSY',
  /** A login begun without blocking (`beginLogin`) has not been approved yet: resume it later (exit 3). */
  LOGIN_PENDING: 'LOGIN_PENDING',
  /** The server could not be reached (DNS, refused, reset, TLS). */
  NETWORK_ERROR: 'NETWORK_ERROR',
  /** A network request did not answer in time. */
  NETWORK_TIMEOUT: 'NETWORK_TIMEOUT',
  /** The server answered something that is not what the protocol says. */
  BAD_RESPONSE: 'BAD_RESPONSE',
  /** A store could not be read or written (keychain failure, corrupt file, wrong key). */
  STORAGE_ERROR: 'STORAGE_ERROR',
  /** A bad config file, env var or option value. */
  CONFIG_ERROR: 'CONFIG_ERROR',
  /** A bad command line. */
  USAGE_ERROR: 'USAGE_ERROR',
  /** Interrupted by the user (Ctrl-C) or an abort signal. */
  CANCELLED: 'CANCELLED',
  /**
   * The credential cannot be renewed without the user: its flow has no `refresh` (a personal
   * access token), or it has no refresh token. Exit 4; the hint says how to log in again.
   */
  NOT_REFRESHABLE: 'NOT_REFRESHABLE',
  /**
   * An API request (not an OAuth one) answered an HTTP error or a redirect that is not followed:
   * a 4xx is exit 2 (the request was wrong), a 5xx or a refused redirect exit 5.
   */
  HTTP_ERROR: 'HTTP_ERROR',
  /** A bug. */
  INTERNAL_ERROR: 'INTERNAL_ERROR',
} as const

/** One of the {@link ErrorCode} values. */
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode]

/** Process exit codes of the CLI contract. */
export const ExitCode = {
  OK: 0,
  UNEXPECTED: 1,
  USAGE: 2,
  /** A login resumed with `wait: false` is still pending. */
  PENDING: 3,
  AUTH: 4,
  NETWORK: 5,
  STORAGE: 6,
  INTERRUPTED: 130,
} as const

/** One of the {@link ExitCode} values. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode]
