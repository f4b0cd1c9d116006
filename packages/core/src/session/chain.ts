import { assertFunction, assertNonEmptyString, assertRecord, clock } from '../kit/assert.js'
import { ConfigError, NotFoundError } from '../errors/classes.js'
import { registerSecret } from '../redact/secrets.js'
import { isSingleToken } from '../model/single-token.js'
import type { Credential, Provider } from '../model/types.js'

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
    let last: unknown
    for (const provider of providers) {
      try {
        return await provider()
      } catch (error) {
        if (!NotFoundError.isInstance(error)) throw error
        last = error
      }
    }
    // Built only here: an error's stack capture is not free, and a hit needs none.
    throw last ?? new NotFoundError('the resolution chain has no links')
  }
}

/** Options of {@link fromEnv}. */
export interface FromEnvOptions {
  /** The variable holding the token, e.g. `MYCLI_TOKEN`. */
  variable: string
  /** The environment; default `process.env`. */
  env?: NodeJS.ProcessEnv
  /** The host the token is for, named in the "not set" message. */
  host?: string
  /** The clock, epoch ms, for `obtainedAt`; default `Date.now`. */
  now?: () => number
}

/**
 * A chain link reading a token from an environment variable (`GH_TOKEN` style). It wins over
 * every store; nothing is read from or written to one. The value is trimmed and registered
 * with {@link registerSecret}; the credential has flow `pat`, no expiry and source
 * `env:<VARIABLE>`.
 *
 * @throws NotFoundError `NOT_FOUND` when the variable is unset or blank (the chain moves on).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when the value is not a single token (spaces,
 * several lines, control or non-ASCII characters); the message names the variable, never the value.
 * @example
 * ```ts
 * const credential = await fromEnv({ variable: 'MYCLI_TOKEN' })()
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1 (token characters)
 */
export function fromEnv(options: FromEnvOptions): Provider<Credential> {
  assertRecord(options, 'fromEnv', 'options')
  const { variable, host } = options
  assertNonEmptyString(variable, 'fromEnv', 'variable')
  const now = clock(options.now, 'fromEnv')
  return async () => {
    const credential = readEnvToken(variable, options.env ?? process.env, now)
    if (credential === undefined) throw new NotFoundError(`${variable} is not set${host ? ` (for ${host})` : ''}`)
    return credential
  }
}

/**
 * What {@link fromEnv}'s link resolves, without the `NotFoundError`: `undefined` when the variable
 * is unset or blank (a session asks this on every lookup, and a thrown error's stack capture is
 * not free). Internal.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when the value is not a single token.
 */
export function readEnvToken(variable: string, env: NodeJS.ProcessEnv, now: () => number): Credential | undefined {
  const raw = env[variable]
  const token = typeof raw === 'string' ? raw.trim() : ''
  if (token === '') return undefined
  if (!isSingleToken(token)) {
    throw new ConfigError(`${variable} does not hold a single token: it contains spaces, line breaks or non-ASCII characters`, {
      hint: `set ${variable} to the token alone, without "Bearer " or quotes`,
    })
  }
  registerSecret(token)
  return { accessToken: token, tokenType: 'Bearer', scopes: [], account: {}, flow: 'pat', obtainedAt: now(), source: `env:${variable}` }
}
