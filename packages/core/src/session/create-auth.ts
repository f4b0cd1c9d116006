import { sessionFetch } from './fetch.js'
import { sessionLogin } from './login.js'
import { sessionLogout } from './logout.js'
import { beginSplitLogin, resumeSplitLogin } from './split-login.js'
import { findStored, fromEnvToken } from './lookup.js'
import { assertNarrowing, renewLocked } from './refresh.js'
import { loginRequired, sessionSettings, type SessionSettings } from './settings.js'
import { sessionStatus } from './status.js'
import { AuthError, applyHint } from '../errors/auth-error.js'
import { chain } from './chain.js'
import type { Auth, AuthOptions, GetCredentialOptions, SessionCredential } from './types.js'
import { ErrorCode, ExitCode } from '../errors/codes.js'
import { ConfigError, NotFoundError } from '../errors/classes.js'
import { isFresh, isRefreshable } from '../model/freshness.js'

/**
 * The session: everything a product needs to keep a login working, behind one object. Pass only
 * the flows and stores the product uses; nothing else is bundled.
 *
 * Token resolution, first hit wins: `<PREFIX>_TOKEN` > the stored credential (one store read, no
 * network while it is valid) > a renewal when it expires within `skewMs` (one process at a time
 * across the machine: a lock per credential in `<dir>/.locks`; the others use the winner's
 * result; written back to its store before it is handed out) > a login when `interactive` >
 * `LOGIN_REQUIRED`. A refresh token the server refuses marks the credential `needsLogin`
 * (kept, not deleted) and fails with `SESSION_EXPIRED` (exit 4).
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on a bad option (the message names it).
 * @example
 * ```ts
 * const auth = createAuth({
 *   name: 'mycli',
 *   host: 'https://api.example.com',
 *   dir: join(homedir(), '.mycli'),
 *   flows: [createDeviceFlow({ issuer, clientId: 'mycli' })],
 *   stores: [createKeychainStore({ service: 'mycli' }), createFileStore({ dir })],
 * })
 * const me = await (await auth.fetch('/api/v1/me')).json()
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-6 (refreshing an access token)
 */
export function createAuth(options: AuthOptions): Auth {
  const s = sessionSettings(options)
  // The in-process cache: concurrent callers join one pending lookup (smithy's memoize); a
  // renewal by any path (401, refresh()) replaces the cached credential.
  let cached: SessionCredential | undefined
  let pending: Promise<SessionCredential> | undefined
  const remember = (value: SessionCredential) => ((cached = value), value)
  // The cached credential while it is fresh and no lookup is under way: answered without one.
  const freshCached = () => (!pending && cached && isFresh(cached.credential, { now: s.now, skewMs: s.skewMs }) ? cached : undefined)
  const credentialOf = (call: GetCredentialOptions = {}): Promise<SessionCredential> => {
    if (call.forceRefresh === true || call.noLogin === true) return getCredential(s, call).then(remember)
    if (pending) return pending
    const fresh = freshCached()
    if (fresh) return Promise.resolve(fresh)
    const started = getCredential(s, {}).then(remember)
    pending = started
    const clear = () => {
      if (pending === started) pending = undefined
    }
    started.then(clear, clear)
    return started
  }
  const request: Auth['request'] = (input, init) =>
    sessionFetch(
      s,
      {
        current: () => credentialOf(),
        renewAfter401: async (current) => {
          // The env token, or a credential nothing can renew (a PAT): the 401 goes back as is.
          if (!current.store || !current.key || !isRefreshable(current.credential)) return undefined
          const found = { ...current, store: current.store, key: current.key }
          return remember(await renewLocked(s, found, { force: true, rejected: current.credential.accessToken }))
        },
      },
      input,
      init,
    )
  // A flow's tagged hint worded in the product's own flags (`hints`), as `login` does.
  const withProductHint = (error: unknown): never => {
    throw AuthError.isInstance(error) ? applyHint(error, s.hints) : error
  }
  return {
    host: s.host,
    getCredential: credentialOf,
    getAccessToken: (call) => {
      // The hot case, a valid cached token and no options: no async wrapper, no extra promise hops.
      const fresh = call === undefined ? freshCached() : undefined
      if (fresh) return Promise.resolve(fresh.credential.accessToken)
      try {
        return credentialOf(call).then((found) => found.credential.accessToken)
      } catch (error) {
        return Promise.reject(error) // a bad `call` rejects, as from an async function
      }
    },
    stored: async () => (await fromEnvToken(s)) ?? (await findStored(s)),
    refresh: async ({ scopes } = {}) => {
      const env = await fromEnvToken(s)
      if (env) {
        const variable = env.source.replace(/^env:/, '')
        throw new ConfigError(`${variable} is set: that token is not stored, so there is nothing to refresh`, { code: ErrorCode.USAGE_ERROR, hint: `unset ${variable} to use the stored credential` })
      }
      const found = await findStored(s)
      if (!found) throw loginRequired(s, `not logged in to ${s.host}`)
      assertNarrowing(s, found.credential, found.key.host, scopes)
      return remember(await renewLocked(s, found, { force: true, ...(scopes !== undefined && { scopes }) }))
    },
    fetch: async (input, init) => (await request(input, init)).response,
    request,
    login: (kind, call) => sessionLogin(s, kind, call),
    beginLogin: (kind, call) => beginSplitLogin(s, kind, call).catch(withProductHint),
    resumeLogin: async (handle, call) => {
      const result = await resumeSplitLogin(s, handle, call).catch(withProductHint)
      if (result.status === 'done') cached = undefined
      return result
    },
    logout: (call) => sessionLogout(s, call),
    status: (call) => sessionStatus(s, call),
  }
}

/**
 * The resolution chain (`chain`: the next link only on "not found"): the env token, the stored
 * credential (renewed when needed), a login when someone can answer.
 */
async function getCredential(s: SessionSettings, call: GetCredentialOptions): Promise<SessionCredential> {
  const fromStores = async (): Promise<SessionCredential> => {
    const found = await findStored(s)
    if (!found) throw new NotFoundError(`nothing stored for ${s.host}`)
    if (isFresh(found.credential, { now: s.now, skewMs: s.skewMs }) && call.forceRefresh !== true) return found
    try {
      return await renewLocked(s, found, { force: call.forceRefresh === true })
    } catch (error) {
      // Someone is there to log in again: the chain moves on to the login.
      if (!canLogin(s, call) || !AuthError.isInstance(error) || error.exitCode !== ExitCode.AUTH) throw error
      throw new NotFoundError(`renewal failed (${error.code})`, { cause: error })
    }
  }
  const fromLogin = async (): Promise<SessionCredential> => {
    if (!canLogin(s, call) || !(await s.resolveFlow(undefined))) throw new NotFoundError('no login possible here')
    const { credential, store, key } = await sessionLogin(s, undefined)
    return { credential, source: store.kind, store, key, refreshed: true }
  }
  // The env token first, with no error built when it is unset: that is every lookup of a stored
  // credential, and an error's stack capture is not free. Then `chain`'s rule for the rest.
  const env = await fromEnvToken(s)
  if (env) return env
  try {
    return await chain(fromStores, fromLogin)()
  } catch (error) {
    if (!NotFoundError.isInstance(error)) throw error
    // The cause says "nothing here" (a NotFoundError), as opposed to a renewal that failed.
    throw loginRequired(s, `not logged in to ${s.host}${s.account === undefined ? '' : ` as ${s.account}`}`, ErrorCode.LOGIN_REQUIRED, error)
  }
}

function canLogin(s: SessionSettings, call: GetCredentialOptions): boolean {
  return s.interactive && call.noLogin !== true
}
