import { StorageError } from '@auth/core'

/** Internal error helpers. Messages name the package, the keychain entry and the reason, never a secret. */

/** The package that speaks in every message. */
export const PACKAGE = '@auth/store-keychain'

/** The hint of every keychain failure without a more precise fix. */
export const ANOTHER_STORE = 'use another store (the file or the encrypted store)'

/** The reason when no D-Bus session bus is configured (Linux, BSD). */
export const NO_BUS = 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)'

const reasons = new WeakMap<object, string>()

/**
 * A StorageError `@auth/store-keychain: <message>`, remembering `reason` (one line, no secret)
 * for {@link reasonOf}: the probe answers with it.
 */
export function keychainError(message: string, reason: string, hint: string = ANOTHER_STORE, cause?: unknown): StorageError {
  const error = new StorageError(`${PACKAGE}: ${message}`, cause === undefined ? { hint } : { hint, cause })
  reasons.set(error, reason)
  return error
}

/** The short reason of a keychain error, else the error's message. */
export function reasonOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const reason = reasons.get(error)
    if (reason !== undefined) return reason
  }
  return error instanceof Error ? error.message : String(error)
}

/** A duration for a message: `3 s`, `0.25 s`. */
export function seconds(ms: number): string {
  return `${ms / 1000} s`
}
