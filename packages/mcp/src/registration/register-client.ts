import { ConfigError, ErrorCode, isLoopbackHost, registerSecret, toAuthError, type CredentialStore } from '@auth/core'
import { badResponse, createFlowFetch, isRecord, readJsonResponse, sanitizeText } from '@auth/core/kit'
import { allowInsecureRequests, customFetch, dynamicClientRegistrationRequest, type AuthorizationServer } from 'oauth4webapi'
import type { McpDiscovery, PreRegisteredClient, RegisteredClient } from '../types.js'
import { loadRegisteredClient, saveRegisteredClient } from './client-store.js'

type Method = RegisteredClient['tokenEndpointAuthMethod']

/** Options of {@link registerClient}. */
export interface RegisterClientOptions {
  /** A pre-registered client: wins over everything. */
  client?: PreRegisteredClient | undefined
  /** The product's Client ID Metadata Document URL (https). */
  clientMetadataUrl?: string | undefined
  /** `client_name` of a dynamic registration. */
  clientName: string
  /** The redirect URIs a dynamic registration asks for (loopback). */
  redirectUris: readonly string[]
  /** Where a registered client is looked up (all) and kept (`store`). */
  stores: readonly CredentialStore[]
  /** The store a new registration is written to; none: not kept. */
  store?: CredentialStore | undefined
  /** Ask for the device grant too (RFC 8628), for a login where no browser can open. */
  device?: boolean | undefined
  /** Register again even if a client is stored (the server forgot it). */
  fresh?: boolean | undefined
  fetch?: typeof globalThis.fetch | undefined
  signal?: AbortSignal | undefined
  now?: (() => number) | undefined
}

/**
 * The client this product uses at the discovered authorization server, in the MCP spec's
 * order: a pre-registered client > a Client ID Metadata Document (when the server says
 * `client_id_metadata_document_supported` and the product gave its https client-id URL) > a
 * client registered earlier at the same issuer (kept in the credential store) > a dynamic
 * registration (RFC 7591: `application_type: native`, the code and refresh token grants,
 * loopback redirect URIs, the auth method the server allows), kept for next time.
 *
 * @throws ConfigError `CONFIG_ERROR` when none of the three ways is possible (the message names
 *   them); NetworkError `BAD_RESPONSE` for a malformed registration answer; OAuthError for a
 *   refused registration.
 * @example
 * ```ts
 * const client = await registerClient(discovery, { clientName: 'mycli', redirectUris: ['http://127.0.0.1:8765/callback'], stores, store })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7591#section-3
 * @see https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#client-registration-approaches
 */
export async function registerClient(discovery: McpDiscovery, options: RegisterClientOptions): Promise<RegisteredClient> {
  const as = discovery.authorizationServer
  const issuer = as.issuer
  if (options.client !== undefined) return preRegistered(options.client, discovery)
  if (as.client_id_metadata_document_supported === true && options.clientMetadataUrl !== undefined) {
    return Object.freeze({ issuer, clientId: options.clientMetadataUrl, tokenEndpointAuthMethod: 'none', source: 'metadata-document' })
  }
  const now = options.now ?? Date.now
  if (options.fresh !== true) {
    const stored = await loadRegisteredClient(options.stores, issuer, now)
    if (stored !== undefined) return stored
  }
  if (typeof as.registration_endpoint !== 'string') {
    throw new ConfigError(`${issuer} does not offer dynamic client registration, and no client id is configured for it`, {
      code: ErrorCode.CONFIG_ERROR,
      hint: `pass a pre-registered client id (the "client" option of @auth/mcp)${as.client_id_metadata_document_supported === true ? ', or the https URL of your Client ID Metadata Document ("clientMetadataUrl")' : ''}; dynamic registration is not possible here`,
    })
  }
  const { client, expiresAt } = await dynamicRegistration(discovery, options)
  if (options.store !== undefined) await saveRegisteredClient(options.store, client, { now: now(), expiresAt })
  return client
}

async function registrationAnswer(response: Response, operation: string, where: string): Promise<Record<string, unknown>> {
  const body = await readJsonResponse(response, { operation, where })
  if (response.status !== 201 && response.status !== 200) {
    const error = isRecord(body) && typeof body.error === 'string' ? sanitizeText(body.error, 80) : `HTTP ${response.status}`
    const description = isRecord(body) && typeof body.error_description === 'string' ? `: ${sanitizeText(body.error_description, 200)}` : ''
    throw badResponse(`the server refused the registration (${error}${description})`, { operation, where, hint: 'pass a pre-registered client id (the "client" option of @auth/mcp) instead' })
  }
  if (!isRecord(body)) throw badResponse('not a JSON object', { operation, where })
  return body
}

function preRegistered(client: PreRegisteredClient, discovery: McpDiscovery): RegisteredClient {
  const methods = discovery.authorizationServer.token_endpoint_auth_methods_supported
  const secret = client.clientSecret
  const method: Method =
    client.tokenEndpointAuthMethod ??
    (secret === undefined ? 'none' : methods !== undefined && !methods.includes('client_secret_basic') && methods.includes('client_secret_post') ? 'client_secret_post' : 'client_secret_basic')
  return Object.freeze({
    issuer: discovery.authorizationServer.issuer,
    clientId: client.clientId,
    ...(secret !== undefined && { clientSecret: secret }),
    tokenEndpointAuthMethod: method,
    source: 'pre-registered',
  })
}

/** The auth method to ask for: `none` (a native app has no secret) when allowed, else what the server lists. */
function requestedMethod(methods: readonly string[] | undefined): Method {
  if (methods === undefined || methods.includes('none')) return 'none'
  if (methods.includes('client_secret_basic')) return 'client_secret_basic'
  if (methods.includes('client_secret_post')) return 'client_secret_post'
  return 'none'
}

async function dynamicRegistration(discovery: McpDiscovery, options: RegisterClientOptions): Promise<{ client: RegisteredClient; expiresAt: number | undefined }> {
  const as = discovery.authorizationServer
  const endpoint = new URL(as.registration_endpoint as string)
  const where = `${endpoint.origin}${endpoint.pathname}`
  const operation = 'client registration'
  const requested = requestedMethod(as.token_endpoint_auth_methods_supported)
  const fetch = createFlowFetch({ fetch: options.fetch, signal: options.signal })
  const metadata = {
    client_name: options.clientName,
    application_type: 'native',
    redirect_uris: [...options.redirectUris],
    grant_types: ['authorization_code', 'refresh_token', ...(options.device === true ? ['urn:ietf:params:oauth:grant-type:device_code'] : [])],
    response_types: ['code'],
    token_endpoint_auth_method: requested,
  }
  let response: Response
  try {
    response = await dynamicClientRegistrationRequest(as as unknown as AuthorizationServer, metadata, {
      [customFetch]: fetch as never,
      ...(endpoint.protocol === 'http:' && isLoopbackHost(endpoint.hostname) && { [allowInsecureRequests]: true }),
      ...(options.signal !== undefined && { signal: options.signal }),
    })
  } catch (error) {
    throw toAuthError(error, { operation, host: endpoint.origin })
  }
  // Read here rather than by oauth4webapi's processDynamicClientRegistrationResponse: deployed
  // servers omit `client_secret_expires_at` (RFC 7591 §3.2.1 requires it with a secret), which
  // it refuses; every field this client uses is checked below instead.
  const answer = await registrationAnswer(response, operation, where)
  const clientId = answer.client_id
  if (typeof clientId !== 'string' || !/^[\x21-\x7e]{1,2048}$/.test(clientId)) throw badResponse('the answer has no usable "client_id"', { operation, where })
  const secret = answer.client_secret
  if (secret !== undefined && (typeof secret !== 'string' || !/^[\x20-\x7e]{1,4096}$/.test(secret))) throw badResponse('the answer has a malformed "client_secret"', { operation, where })
  if (typeof secret === 'string') registerSecret(secret)
  const answered = answer.token_endpoint_auth_method
  if (answered !== undefined && answered !== 'none' && answered !== 'client_secret_basic' && answered !== 'client_secret_post') {
    throw badResponse(`the server registered the client for ${sanitizeText(answered, 60)}, which this client does not do`, { operation, where })
  }
  const method: Method = secret === undefined ? 'none' : ((answered as Method | undefined) ?? (requested === 'none' ? 'client_secret_basic' : requested))
  const expires = answer.client_secret_expires_at
  const expiresAt = typeof expires === 'number' && Number.isFinite(expires) && expires > 0 ? expires * 1000 : undefined
  const client: RegisteredClient = Object.freeze({
    issuer: as.issuer,
    clientId,
    ...(secret !== undefined && method !== 'none' && { clientSecret: secret }),
    tokenEndpointAuthMethod: method,
    source: 'dynamic',
  })
  return { client, expiresAt }
}
