import { AuthError, type AuthErrorOptions } from './auth-error.js'
import { ErrorCode, ExitCode } from './codes.js'

/**
 * A link of the resolution chain has nothing to offer; the chain moves on.
 * Reaching the user, it means "log in first" (exit 4).
 */
export class NotFoundError extends AuthError {
  static override readonly kind: string = 'NotFoundError'
  constructor(message: string, options: AuthErrorOptions = {}) {
    super(message, { code: ErrorCode.NOT_FOUND, exitCode: ExitCode.AUTH, ...options })
  }
}

/** Authentication failed or is required: no credential, invalid, expired, denied (exit 4). */
export class AuthenticationError extends AuthError {
  static override readonly kind: string = 'AuthenticationError'
  constructor(message: string, options: AuthErrorOptions = {}) {
    super(message, { code: ErrorCode.LOGIN_REQUIRED, exitCode: ExitCode.AUTH, ...options })
  }
}

/** What an {@link OAuthError} carries from the server's error response. */
export interface OAuthErrorOptions extends AuthErrorOptions {
  /** The OAuth `error` value, e.g. `invalid_grant`. */
  error: string
  /** The server's `error_description`, if any. */
  errorDescription?: string
  /** The HTTP status of the response, if any. */
  status?: number
}

/**
 * The authorization server answered with an OAuth error response (exit 4).
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-5.2
 */
export class OAuthError extends AuthError {
  static override readonly kind: string = 'OAuthError'
  readonly error: string
  readonly errorDescription: string | undefined
  readonly status: number | undefined
  constructor(message: string, options: OAuthErrorOptions) {
    super(message, { code: ErrorCode.OAUTH_ERROR, exitCode: ExitCode.AUTH, ...options })
    this.error = options.error
    this.errorDescription = options.errorDescription
    this.status = options.status
  }
}

/** The server could not be reached or answered garbage (exit 5). */
export class NetworkError extends AuthError {
  static override readonly kind: string = 'NetworkError'
  constructor(message: string, options: AuthErrorOptions = {}) {
    super(message, { code: ErrorCode.NETWORK_ERROR, exitCode: ExitCode.NETWORK, ...options })
  }
}

/** A store failed: keychain error, unreadable or corrupt file, wrong key (exit 6). */
export class StorageError extends AuthError {
  static override readonly kind: string = 'StorageError'
  constructor(message: string, options: AuthErrorOptions = {}) {
    super(message, { code: ErrorCode.STORAGE_ERROR, exitCode: ExitCode.STORAGE, ...options })
  }
}

/**
 * Something did not finish in time. A login that timed out is exit 4 (`LOGIN_TIMEOUT`, the
 * default); a network call that timed out is exit 5 (pass `code: NETWORK_TIMEOUT, exitCode: 5`).
 */
export class TimeoutError extends AuthError {
  static override readonly kind: string = 'TimeoutError'
  constructor(message: string, options: AuthErrorOptions = {}) {
    super(message, { code: ErrorCode.LOGIN_TIMEOUT, exitCode: ExitCode.AUTH, ...options })
  }
}

/** The user interrupted (Ctrl-C) or an abort signal fired (exit 130). */
export class CancelledError extends AuthError {
  static override readonly kind: string = 'CancelledError'
  constructor(message = 'cancelled', options: AuthErrorOptions = {}) {
    super(message, { code: ErrorCode.CANCELLED, exitCode: ExitCode.INTERRUPTED, ...options })
  }
}

/** A bad config file, env var, option or command line (exit 2). */
export class ConfigError extends AuthError {
  static override readonly kind: string = 'ConfigError'
  constructor(message: string, options: AuthErrorOptions = {}) {
    super(message, { code: ErrorCode.CONFIG_ERROR, exitCode: ExitCode.USAGE, ...options })
  }
}
