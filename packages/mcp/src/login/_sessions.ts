// The createAuth sessions of one MCP server: one per issuer, keyed by the server URL. Internal.
import { createAuth, credentialKey, type Auth, type AuthOptions, type Flow, type FlowResolver } from '@auth/core'
import type { Settings } from '../_settings.js'
import { discoverAuthorizationServer } from '../discovery/authorization-server.js'
import { CLIENT_ACCOUNT, loadRegisteredClient } from '../registration/client-store.js'
import type { McpDiscovery, RegisteredClient } from '../types.js'
import { grantFlow, pkceFlow } from './_flows.js'

/** The sessions and what discovery last found. */
export interface Sessions {
  /** The session of the credential issued by `issuer` for this server. */
  forIssuer(issuer: string): Auth
  /** A session over every issuer's credential for this server (status). */
  all(): Auth
  /** A session that logs in with `flow` and stores under (server, issuer). */
  loginSession(issuer: string, flow: Flow): Auth
  /** Every account stored for this server (the issuers), newest login first, offline. */
  issuers(): Promise<string[]>
  /** Remembers the last discovery (its authorization server renews credentials without a new discovery). */
  discovered(discovery: McpDiscovery): void
  readonly discovery: McpDiscovery | undefined
}

export function createSessions(s: Settings): Sessions {
  let last: McpDiscovery | undefined
  const byIssuer = new Map<string, Auth>()
  const base = (): Omit<AuthOptions, 'flows' | 'account'> => ({
    name: s.name,
    host: s.serverKey,
    dir: s.dir,
    stores: s.stores,
    store: s.store,
    envToken: s.envToken ?? false,
    interactive: false,
    ...(s.env !== undefined && { env: s.env }),
    ...(s.skewMs !== undefined && { skewMs: s.skewMs }),
    ...(s.lockTimeoutMs !== undefined && { lockTimeoutMs: s.lockTimeoutMs }),
    ...(s.context !== undefined && { context: s.context }),
    ...(s.loginCommand !== undefined && { loginCommand: s.loginCommand }),
    ...(s.fetch !== undefined && { fetch: s.fetch }),
    ...(s.logger !== undefined && { logger: s.logger }),
    ...(s.signal !== undefined && { signal: s.signal }),
    now: s.now,
  })
  // Renewal: the flow of the credential's own issuer and client, never a new registration.
  const resolver: FlowResolver = async (_kind, credential) => {
    if (credential === undefined || typeof credential.issuer !== 'string') return undefined
    const discovery = await discoveryOf(credential.issuer)
    if (s.grant !== undefined && credential.flow === s.grant.kind) return grantFlow(s, discovery, credential.scopes)
    const client = await clientOf(discovery, credential.clientId)
    return client === undefined ? undefined : pkceFlow(s, discovery, client, credential.scopes)
  }
  const discoveryOf = async (issuer: string): Promise<McpDiscovery> => {
    if (last !== undefined && same(last.authorizationServer.issuer, issuer)) return last
    const authorizationServer = await discoverAuthorizationServer(issuer, { fetch: s.fetch, signal: s.signal })
    return { resource: s.serverKey, resourceMetadata: undefined, authorizationServer, scopes: [], legacy: false }
  }
  const clientOf = async (discovery: McpDiscovery, clientId: string | undefined): Promise<RegisteredClient | undefined> => {
    const issuer = discovery.authorizationServer.issuer
    if (s.client !== undefined && s.client.clientId === clientId) {
      const { clientSecret, tokenEndpointAuthMethod } = s.client
      const method = tokenEndpointAuthMethod ?? (clientSecret === undefined ? 'none' : 'client_secret_basic')
      return { issuer, clientId, ...(clientSecret !== undefined && { clientSecret }), tokenEndpointAuthMethod: method, source: 'pre-registered' }
    }
    if (s.clientMetadataUrl !== undefined && s.clientMetadataUrl === clientId) return { issuer, clientId, tokenEndpointAuthMethod: 'none', source: 'metadata-document' }
    const stored = await loadRegisteredClient(s.stores, issuer, s.now)
    return stored?.clientId === clientId ? stored : undefined
  }
  return {
    forIssuer(issuer) {
      let auth = byIssuer.get(issuer)
      if (auth === undefined) {
        auth = createAuth({ ...base(), account: issuer, flows: resolver })
        byIssuer.set(issuer, auth)
      }
      return auth
    },
    all: () => createAuth({ ...base(), flows: resolver }),
    loginSession: (issuer, flow) => createAuth({ ...base(), account: issuer, flows: [flow] }),
    async issuers() {
      // Newest login first: after a change of authorization server both may be stored.
      // Keys as core writes them: scheme, host and path (a query of the server URL is not in the key).
      const host = credentialKey(s.serverKey).host
      const found = new Map<string, number>()
      for (const store of s.stores) {
        const keys = await store.list().catch(() => [])
        for (const key of keys) {
          if (key.host !== host || key.account === CLIENT_ACCOUNT) continue
          const obtainedAt = (await store.get(key).catch(() => undefined))?.obtainedAt ?? 0
          found.set(key.account, Math.max(found.get(key.account) ?? 0, obtainedAt))
        }
      }
      return [...found.entries()].sort((a, b) => b[1] - a[1]).map(([issuer]) => issuer)
    },
    discovered(discovery) {
      last = discovery
    },
    get discovery() {
      return last
    },
  }
}

function same(a: string, b: string): boolean {
  return a.replace(/\/+$/, '') === b.replace(/\/+$/, '')
}
