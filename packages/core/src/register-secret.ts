import { MIN_SECRET_LENGTH, addSecret } from './_secret-registry.js'

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
