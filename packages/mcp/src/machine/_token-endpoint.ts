// One token request at a discovered token endpoint with openid-client: the Configuration built
// from metadata already in hand (no second discovery), the caller's bounded fetch, plain http
// only on loopback, every error mapped by core's toAuthError, and the credential. Internal.
import { isLoopbackHost, OAuthError, toAuthError, type AuthError, type Credential } from '@auth/core'
import { badResponse, tokenResponseFields } from '@auth/core/kit'
import { allowInsecureRequests, Configuration, customFetch, type ClientAuth, type ServerMetadata, type TokenEndpointResponse } from 'openid-client'
import { clientAuth, type AuthMetadata } from './_client-auth.js'
import { AS_ROLE } from './_request.js'
import type { MachineClient } from './types.js'

/** The endpoint side of a request. */
export interface TokenEndpoint {
  /** The server's metadata: `issuer` and `token_endpoint` at least. */
  readonly metadata: Readonly<Record<string, unknown>>
  /** Names the server in messages: `the MCP server's authorization server`, `the enterprise IdP`. */
  readonly role: string
  readonly fetch: typeof globalThis.fetch
}

/**
 * openid-client's Configuration for `clientId` at `endpoint`.
 * @throws NetworkError `BAD_RESPONSE` when the metadata has no usable issuer or token endpoint
 * (https, or http on a loopback host only).
 */
export function configurationFor(endpoint: TokenEndpoint, clientId: string, auth: ClientAuth): Configuration {
  const issuer = safeUrl(endpoint.metadata['issuer'], 'issuer', endpoint.role)
  const tokenEndpoint = safeUrl(endpoint.metadata['token_endpoint'], 'token_endpoint', endpoint.role)
  // The issuer exactly as the server wrote it: it is the `aud` of a private_key_jwt assertion.
  const server = { ...endpoint.metadata, issuer: String(endpoint.metadata['issuer']), token_endpoint: tokenEndpoint.href } as ServerMetadata
  const config = new Configuration(server, clientId, undefined, auth)
  const fetch = endpoint.fetch
  config[customFetch] = (url, options) => fetch(url, options as RequestInit)
  if (issuer.protocol === 'http:' || tokenEndpoint.protocol === 'http:') allowInsecureRequests(config)
  return config
}

/** A URL the server gave that a token may be sent to: https, or http on loopback; printable ASCII; no credentials in it. */
export function safeUrl(value: unknown, field: string, role: string): URL {
  let url: URL | undefined
  try {
    // Printable ASCII only: no control character, space or non-ASCII text is silently escaped into a URL a token goes to.
    url = typeof value === 'string' && /^[\x21-\x7e]{1,2048}$/.test(value) ? new URL(value) : undefined
  } catch {
    url = undefined
  }
  const ok = url !== undefined && url.username === '' && url.password === '' && (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)))
  if (!ok || url === undefined) {
    throw badResponse(`"${field}" is not an https URL (or http on loopback)`, { operation: 'token request', where: role, hint: 'check the server metadata; a token is never sent to such a URL' })
  }
  return url
}

/**
 * A token request of `client` at the MCP server's authorization server: the client authenticated
 * as the server allows; an `INVALID_CLIENT` answer hints at the client id and method used.
 */
export async function clientTokenRequest(
  client: MachineClient,
  metadata: AuthMetadata & Readonly<Record<string, unknown>>,
  env: Readonly<Record<string, string | undefined>>,
  fetch: typeof globalThis.fetch,
  operation: string,
  send: (config: Configuration) => Promise<TokenEndpointResponse>,
): Promise<TokenEndpointResponse> {
  const endpoint: TokenEndpoint = { metadata, role: AS_ROLE, fetch }
  const { auth, method } = await clientAuth(client, metadata, env, AS_ROLE)
  const config = configurationFor(endpoint, client.clientId, auth)
  return tokenRequest(
    endpoint,
    operation,
    () => send(config),
    (error) => (error.code === 'INVALID_CLIENT' ? `client id "${client.clientId}" with ${method}` : undefined),
  )
}

/** Runs `request` (a token request, a discovery), mapping every openid-client error to a documented AuthError. */
export async function tokenRequest<T>(endpoint: Pick<TokenEndpoint, 'metadata'>, operation: string, request: () => Promise<T>, hint?: (error: AuthError) => string | undefined): Promise<T> {
  try {
    return await request()
  } catch (error) {
    const host = typeof endpoint.metadata['token_endpoint'] === 'string' ? safeHost(endpoint.metadata['token_endpoint']) : undefined
    const mapped = toAuthError(error, { operation, ...(host !== undefined && { host }) })
    const extra = hint?.(mapped)
    if (extra === undefined || !OAuthError.isInstance(mapped)) throw mapped
    throw new OAuthError(mapped.message, {
      code: mapped.code,
      exitCode: mapped.exitCode,
      error: mapped.error,
      cause: mapped,
      hint: mapped.hint ? `${mapped.hint}; ${extra}` : extra,
      ...(mapped.errorDescription !== undefined && { errorDescription: mapped.errorDescription }),
      ...(mapped.status !== undefined && { status: mapped.status }),
    })
  }
}

/** The credential of a machine token: the access token, its expiry and scopes; no refresh or ID token is kept. */
export function machineCredential(
  response: TokenEndpointResponse,
  input: { now: number; where: string; issuer: string; clientId: string; kind: string; scopes: readonly string[]; account: Credential['account'] },
): Credential {
  const { refreshToken: _r, idToken: _i, scopes, ...fields } = tokenResponseFields(response, { now: input.now, operation: 'token request', where: input.where })
  return { ...fields, scopes: scopes ?? [...input.scopes], account: input.account, issuer: input.issuer, clientId: input.clientId, flow: input.kind, obtainedAt: input.now }
}

function safeHost(value: string): string | undefined {
  try {
    return new URL(value).host
  } catch {
    return undefined
  }
}
