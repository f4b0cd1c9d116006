import { ErrorCode, ExitCode, NetworkError } from '@auth/core'
import { badResponse, createFlowFetch, sanitizeText } from '@auth/core/kit'
import type { AuthorizationServerMetadata } from '../types.js'
import { getJson } from './_get-json.js'
import { assertSafeUrl } from './safe-url.js'

/** Options of {@link discoverAuthorizationServer}. */
export interface DiscoverAuthorizationServerOptions {
  fetch?: typeof globalThis.fetch | undefined
  signal?: AbortSignal | undefined
}

/** Metadata fields that are URLs: each one checked with {@link assertSafeUrl}. */
const URL_FIELDS = [
  'authorization_endpoint',
  'token_endpoint',
  'registration_endpoint',
  'device_authorization_endpoint',
  'revocation_endpoint',
  'userinfo_endpoint',
  'jwks_uri',
  'introspection_endpoint',
  'pushed_authorization_request_endpoint',
]
/** Metadata fields that are arrays of strings. */
const LIST_FIELDS = ['scopes_supported', 'code_challenge_methods_supported', 'token_endpoint_auth_methods_supported', 'grant_types_supported', 'response_types_supported']

/**
 * Authorization server metadata in the MCP spec's order. An issuer with a path
 * (`https://as.example.com/tenant1`): `/.well-known/oauth-authorization-server/tenant1`
 * (RFC 8414 path insertion), then `/.well-known/openid-configuration/tenant1`, then
 * `/tenant1/.well-known/openid-configuration` (OIDC Discovery); without a path:
 * `/.well-known/oauth-authorization-server`, then `/.well-known/openid-configuration`. The
 * document's `issuer` must be the issuer asked for (RFC 8414 §3.3), every endpoint a safe URL.
 *
 * @throws NetworkError `BAD_RESPONSE` when no location has a document, on an issuer mismatch,
 *   a malformed document or an unsafe URL.
 * @example
 * ```ts
 * const as = await discoverAuthorizationServer('https://auth.example.com/tenant1')
 * as.token_endpoint // 'https://auth.example.com/tenant1/token'
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc8414#section-3.1
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#authorization-server-metadata-discovery
 */
export async function discoverAuthorizationServer(issuer: string | URL, options: DiscoverAuthorizationServerOptions = {}): Promise<AuthorizationServerMetadata> {
  const url = assertSafeUrl(String(issuer), 'the authorization server')
  const fetch = createFlowFetch({ fetch: options.fetch, signal: options.signal })
  const expected = url.href.replace(/\/+$/, '')
  for (const location of metadataLocations(url)) {
    const found = await getJson(fetch, location, 'authorization server discovery')
    if (found.kind === 'absent') continue
    return checkServerMetadata(found.body, location, expected)
  }
  throw new NetworkError(`no authorization server metadata at ${sanitizeText(expected, 200)} (tried RFC 8414 and OpenID Connect discovery)`, {
    code: ErrorCode.BAD_RESPONSE,
    exitCode: ExitCode.NETWORK,
    hint: 'check that the protected resource names the right authorization server',
  })
}

/** The metadata locations of an issuer, in the MCP spec's order. */
export function metadataLocations(issuer: URL): URL[] {
  const path = issuer.pathname.replace(/\/+$/, '')
  const at = (p: string) => new URL(p, issuer.origin)
  if (path === '') return [at('/.well-known/oauth-authorization-server'), at('/.well-known/openid-configuration')]
  return [at(`/.well-known/oauth-authorization-server${path}`), at(`/.well-known/openid-configuration${path}`), at(`${path}/.well-known/openid-configuration`)]
}

/**
 * Checks a metadata document: `issuer` (equal to `expected`, trailing `/` aside, unless
 * `expected` is undefined: a 2025-03-26 server, where it must only be on `location`'s origin),
 * every URL field safe, every list field an array of short strings.
 * @throws NetworkError `BAD_RESPONSE`.
 */
export function checkServerMetadata(body: Record<string, unknown>, location: URL, expected: string | undefined): AuthorizationServerMetadata {
  const where = `${location.origin}${location.pathname}`
  const operation = 'authorization server discovery'
  const issuer = body.issuer
  if (typeof issuer !== 'string') throw badResponse('the metadata has no "issuer"', { operation, where })
  const issuerUrl = assertSafeUrl(issuer, 'issuer', where)
  const mismatch = expected === undefined ? issuerUrl.origin !== location.origin : issuer.replace(/\/+$/, '') !== expected
  if (mismatch) {
    throw badResponse(`the metadata names issuer ${sanitizeText(issuer, 200)}, expected ${expected ?? location.origin} (RFC 8414 §3.3)`, {
      operation,
      where,
      hint: 'the server may be misconfigured, or impersonating another; no login is attempted',
    })
  }
  for (const field of URL_FIELDS) if (body[field] !== undefined) assertSafeUrl(body[field], field, where)
  for (const field of LIST_FIELDS) {
    const value = body[field]
    if (value !== undefined && (!Array.isArray(value) || value.length > 200 || !value.every((v) => typeof v === 'string' && v.length <= 200))) {
      throw badResponse(`"${field}" is not an array of strings`, { operation, where })
    }
  }
  return Object.freeze({ ...body, issuer }) as AuthorizationServerMetadata
}
