import type { Credential } from './types.js'

/**
 * The account name to store a credential under and show in `status`: the login, else the
 * e-mail, else the subject id, else `'default'`. Empty strings count as absent.
 *
 * @example
 * ```ts
 * accountName(credential) // 'alice'
 * ```
 * @throws Never: a missing or odd `account` gives `default`.
 * @see {@link credentialKey}
 */
export function accountName(credential: Credential): string {
  const account = (credential?.account ?? {}) as Record<string, unknown>
  for (const field of ['login', 'email', 'id']) {
    const value = account[field]
    if (typeof value === 'string' && value.trim() !== '') return value.trim()
  }
  return 'default'
}
