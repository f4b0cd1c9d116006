import { ErrorCode, ExitCode, NetworkError } from '@auth/core'
import { badResponse, createFlowFetch, sanitizeText } from '@auth/core/kit'
import type { ProtectedResourceMetadata } from '../types.js'
import { getJson } from './_get-json.js'
import { assertSafeUrl } from './safe-url.js'

/** Options of {@link discoverProtectedResource}. */
export interface DiscoverProtectedResourceOptions {
  /** The `resource_metadata` URL of the 401's challenge; tried first. */
  resourceMetadataUrl?: string | undefined
  fetch?: typeof globalThis.fetch | undefined
  signal?: AbortSignal | undefined
}

/**
 * RFC 9728 discovery of a protected resource's metadata, in the MCP spec's order: the
 * `resource_metadata` URL of the challenge, else `/.well-known/oauth-protected-resource/<path>`,
 * then `/.well-known/oauth-protected-resource` at the root. The metadata's `resource` must name
 * the URL asked for: the same URL, or (metadata at the root) the same origin with a path that
 * is a whole-segment prefix of it; anything else is refused, so a token is never obtained for
 * another resource. Every authorization server URL is checked ({@link assertSafeUrl}).
 *
 * @returns The metadata, or `undefined` when no location has one (a 2025-03-26 server).
 * @throws NetworkError `BAD_RESPONSE` on a resource mismatch, a malformed document, an unsafe
 *   URL; `toAuthError`'s mapping of a network failure.
 * @example
 * ```ts
 * const prm = await discoverProtectedResource('https://mcp.example.com/mcp', { resourceMetadataUrl: challenge.params.resource_metadata })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-3
 */
export async function discoverProtectedResource(serverUrl: string | URL, options: DiscoverProtectedResourceOptions = {}): Promise<ProtectedResourceMetadata | undefined> {
  const server = assertSafeUrl(String(serverUrl), 'the server URL')
  const fetch = createFlowFetch({ fetch: options.fetch, signal: options.signal })
  for (const location of locations(server, options.resourceMetadataUrl)) {
    const found = await getJson(fetch, location, 'protected resource discovery')
    if (found.kind === 'absent') continue
    return checkMetadata(found.body, server, location)
  }
  return undefined
}

/** Where the metadata may be, in order, without repeats. */
function locations(server: URL, fromChallenge: string | undefined): URL[] {
  const list: URL[] = []
  if (fromChallenge !== undefined) list.push(assertSafeUrl(fromChallenge, 'resource_metadata', server.origin))
  const path = server.pathname.replace(/\/+$/, '')
  if (path !== '') list.push(new URL(`/.well-known/oauth-protected-resource${path}`, server.origin))
  list.push(new URL('/.well-known/oauth-protected-resource', server.origin))
  return list.filter((url, i) => list.findIndex((other) => other.href === url.href) === i)
}

function checkMetadata(body: Record<string, unknown>, server: URL, location: URL): ProtectedResourceMetadata {
  const where = `${location.origin}${location.pathname}`
  const operation = 'protected resource discovery'
  const resource = body.resource
  if (typeof resource !== 'string') throw badResponse('the metadata has no "resource"', { operation, where })
  const named = assertSafeUrl(resource, 'resource', where)
  if (!covers(named, server)) {
    throw new NetworkError(`${where}: the metadata is for ${sanitizeText(resource, 200)}, not for ${server.href} (RFC 9728 §3.3)`, {
      code: ErrorCode.BAD_RESPONSE,
      exitCode: ExitCode.NETWORK,
      hint: 'the server published metadata of another resource; no login is attempted (report it to its operator)',
    })
  }
  const servers = body.authorization_servers
  if (servers !== undefined && (!Array.isArray(servers) || servers.length > 20 || !servers.every((s) => typeof s === 'string'))) {
    throw badResponse('"authorization_servers" is not an array of URLs', { operation, where })
  }
  for (const issuer of (servers ?? []) as string[]) assertSafeUrl(issuer, 'authorization_servers', where)
  const scopes = body.scopes_supported
  if (scopes !== undefined && (!Array.isArray(scopes) || scopes.length > 200 || !scopes.every(isScope))) {
    throw badResponse('"scopes_supported" is not an array of scope names', { operation, where })
  }
  return Object.freeze({ ...body, resource } as ProtectedResourceMetadata)
}

/** Whether the metadata's resource names `server`: the same URL, or its origin with a whole-segment path prefix. */
export function covers(resource: URL, server: URL): boolean {
  if (resource.origin !== server.origin || resource.search !== '' || resource.hash !== '') return false
  const prefix = resource.pathname.replace(/\/+$/, '')
  const path = server.pathname.replace(/\/+$/, '')
  return path === prefix || path.startsWith(`${prefix}/`)
}

function isScope(value: unknown): value is string {
  return typeof value === 'string' && /^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/.test(value)
}
