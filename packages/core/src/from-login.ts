import { assertFunction, assertRecord, invalid } from './_assert.js'
import { checkStoreOptions } from './_store-options.js'
import { withoutSource } from './_without-source.js'
import { NotFoundError } from './errors.js'
import { withSource } from './with-source.js'
import type { Credential, CredentialKey, CredentialStore, Provider } from './types.js'

/** Options of {@link fromLogin}. */
export interface FromLoginOptions {
  /** Whether a user is there to log in (a TTY). `false` makes the link a no-op. */
  interactive: boolean
  /** Runs the login (usually `() => flow.login(ctx)`). */
  login: () => Promise<Credential>
  /** Where to keep the new credential; with `key`. */
  store?: CredentialStore
  /** The key to keep it under; with `store`. */
  key?: CredentialKey
}

/**
 * The last chain link: an interactive login, when someone is there to do it. The new
 * credential is written to `store` under `key` (both or neither) and gets `source` =
 * `store.kind` (`login` without a store).
 *
 * @throws NotFoundError `NOT_FOUND` when `interactive` is false (nobody to log in).
 * @throws AuthError whatever the login or the store throws, unchanged.
 * @example
 * ```ts
 * const link = fromLogin({ interactive: process.stdin.isTTY, login: () => flow.login(ctx), store, key })
 * ```
 * @see {@link resolveCredential}, which puts it last in the chain.
 */
export function fromLogin(options: FromLoginOptions): Provider<Credential> {
  assertRecord(options, 'fromLogin', 'options')
  assertFunction(options.login, 'fromLogin', 'login')
  if ((options.store === undefined) !== (options.key === undefined)) invalid('fromLogin', 'give "store" and "key" together, or neither')
  const target = options.store === undefined ? undefined : checkStoreOptions(options, 'fromLogin')
  return async () => {
    if (options.interactive !== true) throw new NotFoundError('cannot log in: not running interactively')
    const credential = withoutSource(await options.login())
    if (target === undefined) return withSource(credential, 'login')
    await target.store.set(target.key, credential)
    return withSource(credential, target.store.kind)
  }
}
