/** The keys under which a session keeps pending logins (`beginLogin`), apart from credentials. */
import type { CredentialKey } from '../model/types.js'

/**
 * Pending logins are kept under this account prefix (`pending-login:<handle>`) on the host they
 * are for; a session's lookup, `status` and `logout` pass over such keys.
 */
export const PENDING_ACCOUNT_PREFIX = 'pending-login:'

/**
 * Whether `key` holds a pending login rather than a credential (a tool that lists a store, such as
 * a migration count or a credential helper's `list`, passes over it).
 * @example `isPendingKey({ host: 'https://h', account: 'pending-login:Xy3...' })` is `true`
 */
export function isPendingKey(key: CredentialKey): boolean {
  return typeof key?.account === 'string' && key.account.startsWith(PENDING_ACCOUNT_PREFIX)
}
