import { registerSecret } from '@auth/core'
import { checker, resolveOptions } from './settings.js'
import type { KeychainSecret, KeychainSecretOptions } from './types.js'

const WHERE = 'createKeychainSecret()' // the parentheses keep redact() from taking `...Secret: "x"` for a secret

/**
 * One secret string in the OS keychain under (`service`, `account`), with the same pinning,
 * deadline, error mapping and Windows chunking as {@link createKeychainStore}. The encrypted
 * store keeps its random data key in one (see {@link keychainDataKey}). What `get` reads is
 * registered with `registerSecret`, so no log line or error shows it.
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) at once on bad options, from `set` on an empty value.
 * @throws StorageError `STORAGE_ERROR` (exit 6), from the methods, when the keychain fails or
 * does not answer within `timeoutMs`.
 * @example
 * ```ts
 * const secret = createKeychainSecret({ service: 'mycli', account: 'client-secret' })
 * await secret.set(process.env.MYCLI_CLIENT_SECRET ?? '')
 * const value = await secret.get() // the string, or undefined
 * ```
 * @see {@link KeychainSecret}
 */
export function createKeychainSecret(options: KeychainSecretOptions): KeychainSecret {
  const check = checker(WHERE)
  const s = resolveOptions(options, check)
  const account = check.string(options.account, 'account')
  return {
    async get() {
      const value = await s.backend.get(s.service, account)
      if (value === null) return undefined
      registerSecret(value)
      return value
    },
    async set(value) {
      if (typeof value !== 'string' || value === '') checker(`${WHERE}.set`).fail('value', 'must be a non-empty string')
      await s.backend.set(s.service, account, value)
    },
    delete: () => s.backend.delete(s.service, account),
  }
}
