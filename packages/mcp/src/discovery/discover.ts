import { ConfigError } from '@auth/core'
import { createFlowFetch, sanitizeText } from '@auth/core/kit'
import type { AuthorizationServerMetadata, McpDiscovery, WwwAuthenticateChallenge } from '../types.js'
import { getJson } from './_get-json.js'
import { checkServerMetadata, discoverAuthorizationServer } from './authorization-server.js'
import { discoverProtectedResource } from './protected-resource.js'
import { assertSafeUrl } from './safe-url.js'
import { chooseScopes } from './scopes.js'

/** Options of {@link discoverMcp}. */
export interface DiscoverMcpOptions {
  /** The `Bearer` challenge of the 401 (or 403): its `resource_metadata` and `scope`. */
  challenge?: WwwAuthenticateChallenge | undefined
  /** Use this issuer among the resource's `authorization_servers`; default the first. */
  authorizationServer?: string | undefined
  fetch?: typeof globalThis.fetch | undefined
  signal?: AbortSignal | undefined
}

/**
 * Everything a login to an MCP server needs, from its URL: the protected resource metadata
 * (RFC 9728, {@link discoverProtectedResource}), its authorization server (the first, or the one
 * `authorizationServer` names) and that server's metadata ({@link discoverAuthorizationServer}),
 * and the scopes to ask for ({@link chooseScopes}). A server without resource metadata is a
 * 2025-03-26 server: the authorization server is the MCP server's origin, its metadata at
 * `/.well-known/oauth-authorization-server` there, else the default `/authorize`, `/token` and
 * `/register` endpoints.
 *
 * @throws NetworkError `BAD_RESPONSE` (see the two discoveries); ConfigError `CONFIG_ERROR` when
 *   `authorizationServer` is not one of the resource's, or the resource names none.
 * @example
 * ```ts
 * const discovery = await discoverMcp('https://mcp.example.com/mcp', { challenge: bearerChallenge(response) })
 * ```
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization
 */
export async function discoverMcp(serverUrl: string | URL, options: DiscoverMcpOptions = {}): Promise<McpDiscovery> {
  const server = assertSafeUrl(String(serverUrl), 'the server URL')
  const challenge = options.challenge?.params
  const resourceMetadata = await discoverProtectedResource(server, { resourceMetadataUrl: challenge?.resource_metadata, fetch: options.fetch, signal: options.signal })
  if (resourceMetadata === undefined) return legacyDiscovery(server, options)
  const issuer = pickIssuer(resourceMetadata.authorization_servers ?? [], options.authorizationServer, resourceMetadata.resource)
  const authorizationServer = await discoverAuthorizationServer(issuer, options)
  const scopes = chooseScopes({ challenge: challenge?.scope, scopesSupported: resourceMetadata.scopes_supported, serverScopes: authorizationServer.scopes_supported })
  return Object.freeze({ resource: resourceMetadata.resource, resourceMetadata, authorizationServer, scopes, legacy: false })
}

function pickIssuer(servers: readonly string[], wanted: string | undefined, resource: string): string {
  if (servers.length === 0) {
    throw new ConfigError(`the protected resource ${sanitizeText(resource, 200)} names no authorization server`, { hint: 'the server cannot be logged in to with OAuth; report it to its operator' })
  }
  if (wanted === undefined) return servers[0] as string
  const found = servers.find((s) => s.replace(/\/+$/, '') === wanted.replace(/\/+$/, ''))
  if (found === undefined) {
    throw new ConfigError(`${sanitizeText(wanted, 200)} is not an authorization server of ${sanitizeText(resource, 200)} (it names ${servers.map((s) => sanitizeText(s, 100)).join(', ')})`, {
      hint: 'check the "authorizationServer" option of @auth/mcp',
    })
  }
  return found
}

/** A 2025-03-26 server: metadata at its origin, else the default endpoints there. */
async function legacyDiscovery(server: URL, options: DiscoverMcpOptions): Promise<McpDiscovery> {
  const fetch = createFlowFetch({ fetch: options.fetch, signal: options.signal })
  const location = new URL('/.well-known/oauth-authorization-server', server.origin)
  const found = await getJson(fetch, location, 'authorization server discovery')
  const authorizationServer: AuthorizationServerMetadata =
    found.kind === 'found'
      ? checkServerMetadata(found.body, location, undefined)
      : Object.freeze({
          issuer: server.origin,
          authorization_endpoint: new URL('/authorize', server.origin).href,
          token_endpoint: new URL('/token', server.origin).href,
          registration_endpoint: new URL('/register', server.origin).href,
          // 2025-03-26 made PKCE S256 mandatory for every server.
          code_challenge_methods_supported: ['S256'],
        })
  const scopes = chooseScopes({ challenge: options.challenge?.params.scope, serverScopes: authorizationServer.scopes_supported })
  return Object.freeze({ resource: canonicalResource(server), resourceMetadata: undefined, authorizationServer, scopes, legacy: true })
}

/** The canonical URI of an MCP server (RFC 8707): no fragment, no trailing `/`, lower-case scheme and host. */
export function canonicalResource(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}${url.search}`
}
