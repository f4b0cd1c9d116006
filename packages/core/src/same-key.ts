import { credentialKeyId } from './credential-key-id.js'
import type { CredentialKey } from './types.js'

/**
 * Whether two keys name the same credential (hosts compared normalised, accounts exactly).
 * Never throws: invalid keys are equal only when they are the same strings.
 *
 * @example
 * ```ts
 * sameKey({ host: 'https://h', account: 'a' }, { host: 'H/', account: 'a' }) // true
 * ```
 * @throws Never.
 * @see {@link credentialKeyId}
 */
export function sameKey(a: CredentialKey, b: CredentialKey): boolean {
  try {
    return credentialKeyId(a) === credentialKeyId(b)
  } catch {
    return typeof a?.host === 'string' && a.host === b?.host && a.account === b?.account
  }
}
