/**
 * Registers a secret value process-wide, so that every later {@link redact} call (and so every
 * log line and every error message) masks it wherever it appears, also URL-encoded.
 *
 * Values shorter than 8 characters and non-strings are ignored: masking them would mangle
 * ordinary text. Registration cannot be undone; register only real secrets.
 *
 * @param value - A token, client secret, password, encryption key.
 * @example
 * ```ts
 * registerSecret(process.env.MYCLI_CLIENT_SECRET ?? '')
 * logger.debug(`secret is ${process.env.MYCLI_CLIENT_SECRET}`) // "secret is ***"
 * ```
 * @see {@link redact}
 * @throws Never: garbage is ignored.
 */
export function registerSecret(value: string): void {
  if (typeof value !== 'string') return
  const trimmed = value.trim()
  if (trimmed.length >= MIN_SECRET_LENGTH) addSecret(trimmed)
}

/** The process-wide set of secret values that `redact()` masks. Internal. */

/** Values shorter than this are ignored: too likely to match ordinary text. */
export const MIN_SECRET_LENGTH = 8

// One registry per process, even when two copies of @auth/core are loaded (a product's bundle
// and a separately installed flow, or the CJS `index` and `kit` bundles).
const KEY = Symbol.for('@auth/core.secretRegistry')
const registry: Set<string> = ((globalThis as Record<symbol, Set<string> | undefined>)[KEY] ??= new Set<string>())

export function addSecret(value: string): void {
  registry.add(value)
}

export function registeredSecrets(): ReadonlySet<string> {
  return registry
}

/** For tests only. */
export function clearSecrets(): void {
  registry.clear()
}
