import { assertFunction, assertOptionalFunction, clock, nonNegative } from './_assert.js'
import { checkStoreOptions } from './_store-options.js'
import { withoutSource } from './_without-source.js'
import { assertCredential } from './assert-credential.js'
import { credentialKeyId } from './credential-key-id.js'
import { ErrorCode } from './error-codes.js'
import { NotFoundError, OAuthError } from './errors.js'
import { DEFAULT_SKEW_MS, isExpired } from './is-expired.js'
import { withSource } from './with-source.js'
import type { Credential, CredentialKey, CredentialStore, Provider } from './types.js'

/** Options of {@link fromRefresh}. */
export interface FromRefreshOptions {
  /** The store holding the credential; the refreshed one is written back to it. */
  store: CredentialStore
  /** The key to read and write. */
  key: CredentialKey
  /** Renews a credential without the user (usually `flow.refresh`). */
  refresh: (credential: Credential) => Promise<Credential>
  /** Whether a credential can be renewed; default: it has a refresh token, or its flow is `client-credentials`. */
  canRefresh?: (credential: Credential) => boolean
  /** The clock, epoch ms; default `Date.now`. */
  now?: () => number
  /** A credential expiring within this many ms counts as expired; default 60 000. */
  skewMs?: number
}

const REFUSED: readonly string[] = [ErrorCode.INVALID_GRANT, ErrorCode.TOKEN_EXPIRED]

/**
 * A chain link renewing the stored credential and writing the result back to the SAME store.
 * It re-reads the store first: when the stored credential is valid again (another process
 * refreshed it), it is returned as is and no refresh token is spent. A refreshed credential
 * keeps the old refresh token when the server sent none, and the old account when it has none.
 * The result gets `source` = `store.kind`.
 *
 * @throws NotFoundError `NOT_FOUND` when nothing is stored, the credential cannot be renewed, or
 * the server refused the refresh token (`invalid_grant`, kept as `cause`): the chain moves on to login.
 * @throws AuthError any other failure of `refresh` (network, server) or of the store, unchanged.
 * @example
 * ```ts
 * const credential = await fromRefresh({ store, key, refresh: (c) => flow.refresh!(c, ctx) })()
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6
 */
export function fromRefresh(options: FromRefreshOptions): Provider<Credential> {
  const { store, key } = checkStoreOptions(options, 'fromRefresh')
  assertFunction(options.refresh, 'fromRefresh', 'refresh')
  assertOptionalFunction(options.canRefresh, 'fromRefresh', 'canRefresh')
  const now = clock(options.now, 'fromRefresh')
  const skewMs = nonNegative(options.skewMs, DEFAULT_SKEW_MS, 'fromRefresh', 'skewMs')
  const canRefresh = options.canRefresh ?? hasRefreshPath
  const id = credentialKeyId(key)
  return async () => {
    const found = await store.get(key)
    if (found === undefined) throw new NotFoundError(`no credential for ${id} in the ${store.kind} store`)
    const stored = assertCredential(found, `the ${store.kind} store`)
    if (!isExpired(stored, { now, skewMs })) return withSource(stored, store.kind)
    if (!canRefresh(stored)) throw new NotFoundError(`the credential for ${id} has expired and cannot be renewed`)
    const renewed = merge(stored, await refreshOrNotFound(options.refresh, stored, id))
    await store.set(key, renewed)
    return withSource(renewed, store.kind)
  }
}

function hasRefreshPath(credential: Credential): boolean {
  return typeof credential.refreshToken === 'string' || credential.flow === 'client-credentials'
}

async function refreshOrNotFound(refresh: FromRefreshOptions['refresh'], stored: Credential, id: string): Promise<Credential> {
  try {
    return await refresh(stored)
  } catch (error) {
    if (OAuthError.isInstance(error) && REFUSED.includes(error.code)) {
      throw new NotFoundError(`the refresh token for ${id} was refused: ${error.message}`, { cause: error })
    }
    throw error
  }
}

function merge(stored: Credential, renewed: Credential): Credential {
  const out = withoutSource(renewed)
  if (out.refreshToken === undefined && stored.refreshToken !== undefined) out.refreshToken = stored.refreshToken
  if (Object.keys(out.account ?? {}).length === 0) out.account = { ...stored.account }
  return out
}
