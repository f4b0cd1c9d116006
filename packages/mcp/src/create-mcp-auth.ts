import { AuthError, AuthenticationError, ErrorCode, isFresh, type SessionCredential } from '@auth/core'
import { createMcpFetch } from './_fetch.js'
import { resolveSettings } from './_settings.js'
import { discoverMcp } from './discovery/discover.js'
import { authorize } from './login/_authorize.js'
import { createSessions } from './login/_sessions.js'
import { CLIENT_ACCOUNT, forgetRegisteredClient } from './registration/client-store.js'
import type { McpAuth, McpAuthOptions } from './types.js'

/** Errors that mean "nothing usable is stored": a login is the way on. */
const NEEDS_LOGIN = new Set<string>([ErrorCode.LOGIN_REQUIRED, ErrorCode.SESSION_EXPIRED, ErrorCode.NOT_REFRESHABLE, ErrorCode.INVALID_GRANT])

/**
 * The login of one MCP server (or any RFC 9728 protected resource), from its URL, on top of
 * core's `createAuth`: `fetch` sends the stored token (renewed before it expires, one renewal
 * across processes); a 401 starts discovery (RFC 9728, RFC 8414 in the MCP order, 2025-03-26
 * fallbacks), client registration (pre-registered > Client ID Metadata Document > stored >
 * RFC 7591) and a login (PKCE S256 with `state`, `iss` and `resource`, through the `open` hook,
 * the browser or paste-back; or the product's machine `grant`), one login per server across
 * processes; a 403 `insufficient_scope` a step-up. The credential is stored under the server
 * URL and the issuer; the registered client under the issuer.
 *
 * @throws ConfigError `CONFIG_ERROR` at once on a bad option (naming it); see {@link McpAuth}.
 * @example
 * ```ts
 * const mcp = createMcpAuth({ name: 'mycli', serverUrl: 'https://mcp.example.com/mcp', dir, stores: [createFileStore({ dir })] })
 * const transport = new StreamableHTTPClientTransport(new URL(mcp.serverUrl), { fetch: mcp.fetch })
 * ```
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
 */
export function createMcpAuth(options: McpAuthOptions): McpAuth {
  const s = resolveSettings(options)
  const sessions = createSessions(s)
  let current: SessionCredential | undefined
  let issuer: string | undefined
  const knownIssuer = async (): Promise<string | undefined> => {
    if (issuer === undefined) issuer = (await sessions.issuers())[0]
    return issuer
  }
  const stored = async (): Promise<SessionCredential | undefined> => {
    const known = await knownIssuer()
    return known === undefined ? undefined : sessions.forIssuer(known).stored()
  }
  const currentCredential = async (call: { forceRefresh?: boolean } = {}): Promise<SessionCredential | undefined> => {
    if (call.forceRefresh !== true && current !== undefined && isFresh(current.credential, { now: s.now, ...(s.skewMs !== undefined && { skewMs: s.skewMs }) })) return current
    const known = await knownIssuer()
    if (known === undefined) return undefined
    try {
      current = await sessions.forIssuer(known).getCredential({ noLogin: true, ...(call.forceRefresh === true && { forceRefresh: true }) })
      return current
    } catch (error) {
      if (AuthError.isInstance(error) && NEEDS_LOGIN.has(error.code)) return undefined
      throw error
    }
  }
  const login: McpAuth['login'] = async (call = {}) => {
    const result = await authorize(s, sessions, { since: s.now(), ...(call.scopes !== undefined && { scopes: call.scopes }), ...(call.signal !== undefined && { signal: call.signal }) })
    issuer = result.discovery.authorizationServer.issuer
    current = { credential: result.credential, source: result.store.kind, store: result.store, key: result.key, refreshed: true }
    const { reused: _reused, ...rest } = result
    return rest
  }
  const fetch = createMcpFetch(s, {
    current: () => currentCredential(),
    renew: () => currentCredential({ forceRefresh: true }),
    authorize: async (request) => {
      const result = await authorize(s, sessions, request)
      issuer = result.discovery.authorizationServer.issuer
      current = { credential: result.credential, source: result.store.kind, store: result.store, key: result.key, refreshed: true }
      // Another process's login, already expired but renewable: renewed (under the refresh lock) before use.
      if (result.reused && !isFresh(result.credential, { now: s.now, skewMs: 0 })) return (await currentCredential({ forceRefresh: true })) ?? current
      return current
    },
  })
  const mcp: McpAuth = {
    serverUrl: s.serverKey,
    fetch,
    discover: async (call = {}) => {
      const discovery = await discoverMcp(s.server, { challenge: call.challenge, authorizationServer: s.authorizationServer, fetch: s.fetch, signal: s.signal })
      sessions.discovered(discovery)
      return discovery
    },
    login,
    getAccessToken: async (call = {}) => {
      const found = await currentCredential(call)
      if (found !== undefined) return found.credential.accessToken
      if (call.noLogin === true) {
        throw new AuthenticationError(`not logged in to ${s.serverKey}`, {
          code: ErrorCode.LOGIN_REQUIRED,
          hint: s.loginCommand !== undefined ? `run \`${s.loginCommand}\`` : `log in to ${s.serverKey} first`,
        })
      }
      return (await login()).credential.accessToken
    },
    stored,
    logout: async (call = {}) => {
      const known = await knownIssuer()
      const session = sessions.forIssuer(known ?? 'none')
      const result = known === undefined ? { loggedOut: [], removedFiles: [] } : await session.logout({ revoke: call.revoke ?? true })
      if (call.forgetClient === true && known !== undefined) await forgetRegisteredClient(s.stores, known)
      current = undefined
      issuer = undefined
      return result
    },
    status: async () => {
      const status = await sessions.all().status()
      // A registered client kept under an issuer equal to the server URL is not a login.
      return { ...status, credentials: status.credentials.filter((c) => c.account !== CLIENT_ACCOUNT) }
    },
  }
  return Object.freeze(mcp)
}
