// The flows an MCP login runs: PKCE (browser, open hook, paste-back) or the product's machine grant. Internal.
import { ConfigError, type Credential, type Flow, type LoginContext } from '@auth/core'
import { createFlowFetch, sanitizeText } from '@auth/core/kit'
import { canOpenBrowser, createPkceFlow } from '@auth/flow-pkce'
import type { Settings } from '../_settings.js'
import type { AuthorizationServerMetadata, McpDiscovery, RegisteredClient } from '../types.js'

/** The loopback redirect URIs a dynamic registration asks for: one per port the listener may take. */
export function redirectUris(s: Settings): string[] {
  if (s.port !== undefined) return [s.port === 0 ? 'http://127.0.0.1/callback' : `http://127.0.0.1:${s.port}/callback`]
  const [first, last] = s.portRange ?? [8765, 8769]
  if (last - first > 9) return ['http://127.0.0.1/callback']
  return Array.from({ length: last - first + 1 }, (_, i) => `http://127.0.0.1:${first + i}/callback`)
}

/**
 * Refuses an authorization server whose metadata does not list `S256` (MCP: a client MUST
 * refuse), unless it omits the field and its issuer is one the product trusts.
 * @throws ConfigError `CONFIG_ERROR`.
 */
export function assertS256(as: AuthorizationServerMetadata, trusted: ReadonlySet<string>): void {
  const methods = as.code_challenge_methods_supported
  if (methods?.includes('S256') === true) return
  if (methods === undefined && trusted.has(as.issuer.replace(/\/+$/, ''))) return
  throw new ConfigError(
    `the authorization server ${sanitizeText(as.issuer, 200)} ${methods === undefined ? 'does not say it supports PKCE with S256' : `lists PKCE methods ${methods.map((m) => sanitizeText(m, 20)).join(', ') || 'none'} but not S256`}; this client never logs in without it`,
    { hint: methods === undefined ? 'if you trust this server, name its issuer in the "trustIssuersWithoutS256" option of @auth/mcp' : "ask the server's operator to enable S256" },
  )
}

/** The authorization code + PKCE flow bound to one discovery, client and scope list. */
export function pkceFlow(s: Settings, discovery: McpDiscovery, client: RegisteredClient, scopes: readonly string[]): Flow {
  const as = discovery.authorizationServer
  return createPkceFlow({
    issuer: as.issuer,
    clientId: client.clientId,
    ...(client.clientSecret !== undefined && client.tokenEndpointAuthMethod !== 'none' && { clientSecret: client.clientSecret, clientAuthMethod: client.tokenEndpointAuthMethod }),
    serverMetadata: as,
    scopes,
    resource: discovery.resource,
    browser: s.browser,
    ...(s.open !== undefined && { openUrl: s.open }),
    ...(s.port !== undefined && { port: s.port }),
    ...(s.portRange !== undefined && { portRange: s.portRange }),
    timeoutMs: s.timeoutMs,
    ...(s.input !== undefined && { input: s.input }),
    dir: s.dir,
    name: s.name,
    ...common(s),
  })
}

/** What both interactive flows take from the settings alike. */
function common(s: Settings) {
  return {
    ...(s.loginCommand !== undefined && { loginCommand: s.loginCommand }),
    ...(s.fetch !== undefined && { fetch: s.fetch }),
    ...(s.logger !== undefined && { logger: s.logger }),
    ...(s.signal !== undefined && { signal: s.signal }),
    now: s.now,
  }
}

/** The RFC 8628 device flow bound to one discovery, client and scope list (a public client). */
export function deviceFlow(s: Settings, discovery: McpDiscovery, client: RegisteredClient, scopes: readonly string[]): Flow {
  const as = discovery.authorizationServer
  const createDeviceFlow = s.device
  if (createDeviceFlow === undefined) throw new Error('@auth/mcp: no device flow')
  return createDeviceFlow({
    issuer: as.issuer,
    clientId: client.clientId,
    serverMetadata: as,
    scopes: [...scopes],
    resource: discovery.resource,
    name: s.name,
    ...common(s),
  })
}

/**
 * Whether this login uses the device flow: no `open` hook, the browser mode, no browser here
 * (no display, an SSH session), the product passed `device` (`createDeviceFlow`), a public client, and a server with a device
 * endpoint that lists the device grant (or lists no grants).
 */
export function wantsDevice(s: Settings, as: AuthorizationServerMetadata, client: RegisteredClient | undefined): boolean {
  if (s.open !== undefined || !s.browser || s.device === undefined || typeof as.device_authorization_endpoint !== 'string') return false
  if (client !== undefined && client.tokenEndpointAuthMethod !== 'none') return false
  if (as.grant_types_supported !== undefined && !as.grant_types_supported.includes(DEVICE_GRANT)) return false
  return !canOpenBrowser(s.env === undefined ? {} : { env: s.env })
}

export const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

/** The product's machine grant as a core Flow: `login` and `refresh` both ask for a fresh token. */
export function grantFlow(s: Settings, discovery: McpDiscovery, scopes: readonly string[]): Flow {
  const grant = s.grant
  if (grant === undefined) throw new Error('@auth/mcp: no grant')
  const run = async (ctx: LoginContext | undefined): Promise<Credential> => {
    const signal = ctx?.signal ?? s.signal
    const credential = await grant.token({
      resource: discovery.resource,
      scopes,
      authorizationServer: discovery.authorizationServer,
      fetch: createFlowFetch({ fetch: ctx?.fetch ?? s.fetch, logger: s.logger, signal }),
      signal,
      now: s.now,
      logger: s.logger,
    })
    return { ...credential, issuer: credential.issuer ?? discovery.authorizationServer.issuer, flow: credential.flow ?? grant.kind }
  }
  return { kind: grant.kind, login: run, refresh: (_credential, ctx) => run(ctx) }
}
