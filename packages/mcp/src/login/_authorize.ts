// Discovery, registration and login for one server, one process at a time. Internal.
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { AuthenticationError, ErrorCode, isFresh, isRefreshable, selectStore, type AuthLoginResult, type SessionCredential } from '@auth/core'
import { withFileLock } from '@auth/core/kit'
import type { Settings } from '../_settings.js'
import { discoverMcp } from '../discovery/discover.js'
import { chooseScopes } from '../discovery/scopes.js'
import { registerClient } from '../registration/register-client.js'
import type { McpDiscovery, McpLoginResult, WwwAuthenticateChallenge } from '../types.js'
import { assertS256, deviceFlow, grantFlow, pkceFlow, redirectUris, wantsDevice } from './_flows.js'
import type { Sessions } from './_sessions.js'

/** What one authorization asks for. */
export interface AuthorizeRequest {
  /** The 401/403 challenge: its `resource_metadata` and `scope`. */
  challenge?: WwwAuthenticateChallenge | undefined
  /** Ask for these scopes (a step-up: the union); default the discovered choice. */
  scopes?: readonly string[] | undefined
  /** The access token the server refused: a credential another process stored is reused only if it is another one. */
  rejected?: string | undefined
  /**
   * An explicit login (`mcp.login()`): reuse only a credential stored at or after this time (by
   * another process while this one waited), never one that was there before the call.
   */
  since?: number | undefined
  signal?: AbortSignal | undefined
}

/** The result of {@link authorize}. */
export interface Authorized extends AuthLoginResult {
  discovery: McpDiscovery
  /** Whether another process's login (made while this one waited) was reused. */
  reused: boolean
  /** The client the login used (no secret), when it was not a machine grant. */
  client?: McpLoginResult['client']
}

/**
 * Discovers the server, then, holding `<dir>/.locks/mcp-login-<server>` (one login per server
 * across processes: a second process waits, then reuses what the first stored), registers the
 * client if needed and runs the login (the PKCE flow, or the product's machine grant), storing
 * the credential under the server URL and the issuer.
 */
export async function authorize(s: Settings, sessions: Sessions, request: AuthorizeRequest): Promise<Authorized> {
  const discovery = await discoverMcp(s.server, { challenge: request.challenge, authorizationServer: s.authorizationServer, fetch: s.fetch, signal: request.signal ?? s.signal })
  sessions.discovered(discovery)
  const as = discovery.authorizationServer
  const scopes = request.scopes !== undefined ? withOffline(request.scopes, discovery) : (s.scopes ?? discovery.scopes)
  if (s.grant === undefined) {
    assertS256(as, s.trustIssuersWithoutS256)
    if (!s.interactive) {
      throw new AuthenticationError(`not logged in to ${s.serverKey}, and no one can answer a login here`, {
        code: ErrorCode.LOGIN_REQUIRED,
        hint: s.loginCommand !== undefined ? `run \`${s.loginCommand}\`` : `log in to ${s.serverKey} first`,
      })
    }
  }
  const lock = join(s.dir, '.locks', `mcp-login-${createHash('sha256').update(s.serverKey).digest('hex').slice(0, 16)}`)
  return withFileLock(
    lock,
    async () => {
      const session = sessions.forIssuer(as.issuer)
      const stored = await session.stored().catch(() => undefined)
      if (stored !== undefined && reusable(s, stored, scopes, request)) {
        s.logger?.debug(`another process logged in to ${s.serverKey} while this one waited: using its credential`)
        return { credential: stored.credential, key: stored.key ?? { host: s.serverKey, account: as.issuer }, store: stored.store ?? s.stores[0], discovery, reused: true } as Authorized
      }
      const { flow, client } = s.grant !== undefined ? { flow: grantFlow(s, discovery, scopes), client: undefined } : await interactiveFlow(s, discovery, scopes, request.signal)
      const result = await sessions.loginSession(as.issuer, flow).login(undefined, { account: as.issuer, timeoutMs: s.timeoutMs, ...(request.signal !== undefined && { signal: request.signal }) })
      return { ...result, discovery, reused: false, ...(client !== undefined && { client: { clientId: client.clientId, source: client.source } }) }
    },
    { timeoutMs: s.timeoutMs + 30_000, purpose: `logging in to ${s.serverKey}`, ...(s.logger !== undefined && { logger: s.logger }), ...(request.signal !== undefined && { signal: request.signal }) },
  )
}

/** The browser flow (listener, `open` hook, paste-back), or the device flow where no browser can open. */
async function interactiveFlow(s: Settings, discovery: McpDiscovery, scopes: readonly string[], signal: AbortSignal | undefined) {
  const device = wantsDevice(s, discovery.authorizationServer, undefined)
  const registered = await client(s, discovery, signal, device)
  const flow = device && wantsDevice(s, discovery.authorizationServer, registered) ? deviceFlow(s, discovery, registered, scopes) : pkceFlow(s, discovery, registered, scopes)
  return { flow, client: registered }
}

async function client(s: Settings, discovery: McpDiscovery, signal: AbortSignal | undefined, device = false) {
  const { store } = await selectStore({ choice: s.store, stores: s.stores })
  // The client is kept per issuer, and several servers (each under its own login lock) may share
  // one: one registration per issuer across processes, the others reuse the one it stored.
  const issuer = discovery.authorizationServer.issuer
  const lock = join(s.dir, '.locks', `mcp-register-${createHash('sha256').update(issuer).digest('hex').slice(0, 16)}`)
  const register = () =>
    registerClient(discovery, {
      client: s.client,
      clientMetadataUrl: s.clientMetadataUrl,
      clientName: s.clientName,
      redirectUris: redirectUris(s),
      device,
      stores: s.stores,
      store,
      fetch: s.fetch,
      signal: signal ?? s.signal,
      now: s.now,
    })
  const lockSignal = signal ?? s.signal
  return withFileLock(lock, register, {
    timeoutMs: 60_000,
    purpose: `registering a client at ${issuer}`,
    ...(s.logger !== undefined && { logger: s.logger }),
    ...(lockSignal !== undefined && { signal: lockSignal }),
  })
}

/** A step-up's scopes, with `offline_access` when the server lists it. */
function withOffline(scopes: readonly string[], discovery: McpDiscovery): string[] {
  return chooseScopes({ scopesSupported: scopes, serverScopes: discovery.authorizationServer.scopes_supported })
}

/** Whether the credential stored now (by another process, while this one waited) will do. */
function reusable(s: Settings, stored: SessionCredential, scopes: readonly string[], request: AuthorizeRequest): boolean {
  const c = stored.credential
  // Not the token the server just refused (it may be older than this call: another process
  // may have stored it before this one even asked), and not marked as needing a login.
  if (c.accessToken === request.rejected || c.needsLogin === true) return false
  if (request.since !== undefined && c.obtainedAt < request.since) return false
  // Not expired, or renewable without the user (the session refreshes it under its own lock):
  // a short-lived token inside the refresh skew must not send a second browser tab.
  if (!isFresh(c, { now: s.now, skewMs: 0 }) && !isRefreshable(c)) return false
  return scopes.every((scope) => scope === 'offline_access' || c.scopes.includes(scope))
}
