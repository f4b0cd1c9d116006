import { assertFunction } from '../kit/assert.js'
import { NotFoundError } from '../errors/classes.js'
import type { Provider } from '../model/types.js'

/**
 * Composes providers into one that tries them in order and resolves with the first hit.
 * It moves to the next link only when a link rejects with a {@link NotFoundError} (checked
 * with `NotFoundError.isInstance`, so copies from another install of `@auth/core` count);
 * any other error stops the chain and reaches the caller. When every link has nothing, it
 * rejects with the last link's `NotFoundError`.
 *
 * @throws ConfigError `CONFIG_ERROR` when a link is not a function.
 * @example
 * ```ts
 * const credential = await chain(fromEnv({ variable: 'MYCLI_TOKEN' }), async () => (await store.get(key)) ?? Promise.reject(new NotFoundError('not stored')))()
 * ```
 * @see https://github.com/smithy-lang/smithy-typescript/blob/main/packages/property-provider/src/chain.ts
 */
export function chain<T>(...providers: Provider<T>[]): Provider<T> {
  for (const [i, p] of providers.entries()) assertFunction(p, 'chain', `providers[${i}]`)
  return async () => {
    let last: unknown = new NotFoundError('the resolution chain has no links')
    for (const provider of providers) {
      try {
        return await provider()
      } catch (error) {
        if (!NotFoundError.isInstance(error)) throw error
        last = error
      }
    }
    throw last
  }
}
