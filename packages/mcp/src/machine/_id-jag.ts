// The first leg of cross-app access: RFC 8693 token exchange at the enterprise IdP, the user's
// identity assertion for an Identity Assertion JWT Authorization Grant (ID-JAG) addressed to
// the MCP server's authorization server, and the checks of what comes back. Internal.
import { registerSecret } from '@auth/core'
import { badResponse, isRecord } from '@auth/core/kit'
import { allowInsecureRequests, customFetch, discovery, genericGrantRequest, None, type Configuration } from 'openid-client'
import { safeUrl, tokenRequest, type TokenEndpoint } from './_token-endpoint.js'
import type { EnterpriseIdp, SubjectTokenType } from './types.js'

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange'
export const ID_JAG = 'urn:ietf:params:oauth:token-type:id-jag'
export const IDP_ROLE = 'the enterprise IdP'
const MAX_JAG = 16 * 1024

/** What the exchange asks for. */
export interface ExchangeInput {
  readonly subjectToken: string
  readonly subjectTokenType: SubjectTokenType
  /** The MCP server's authorization server issuer: the ID-JAG's audience. */
  readonly audience: string
  /** The MCP server (RFC 8707). */
  readonly resource: string
  readonly scopes: readonly string[]
  /** This product's client id at the MCP server's authorization server (checked against the ID-JAG's `client_id`). */
  readonly clientId: string
  readonly now: number
}

/** A checked ID-JAG and the claims the next leg uses. */
export interface IdJag {
  readonly assertion: string
  readonly subject: string | undefined
}

/** The IdP's metadata, for a fetch: from its token endpoint, or discovered from its issuer (once per grant; a failure is retried next time). */
export type IdpMetadata = (fetch: typeof globalThis.fetch) => Promise<Readonly<Record<string, unknown>>>

/** Where the IdP's token endpoint comes from: the option, or its discovery document (cached). */
export function idpMetadata(idp: EnterpriseIdp): IdpMetadata {
  if (idp.tokenEndpoint !== undefined) {
    const metadata = { issuer: idp.issuer ?? new URL(idp.tokenEndpoint).origin, token_endpoint: idp.tokenEndpoint }
    return async () => metadata
  }
  let pending: Promise<Readonly<Record<string, unknown>>> | undefined
  return (fetch) => {
    pending ??= discoverIdp(idp, fetch).catch((error: unknown) => {
      pending = undefined
      throw error
    })
    return pending
  }
}

async function discoverIdp(idp: EnterpriseIdp, fetch: typeof globalThis.fetch): Promise<Readonly<Record<string, unknown>>> {
  const issuer = safeUrl(idp.issuer, 'issuer', IDP_ROLE)
  const insecure = issuer.protocol === 'http:' ? [allowInsecureRequests] : []
  const config = await tokenRequest({ metadata: { token_endpoint: issuer.href } }, 'discovery of the enterprise IdP', () =>
    discovery(issuer, idp.clientId, undefined, None(), { execute: insecure, [customFetch]: (url, options) => fetch(url, options as RequestInit) }),
  )
  const metadata = config.serverMetadata() as unknown as Record<string, unknown>
  safeUrl(metadata['token_endpoint'], 'token_endpoint', IDP_ROLE)
  return metadata
}

/**
 * Exchanges the identity assertion for an ID-JAG at the IdP.
 * @throws OAuthError from the IdP (`invalid_grant`: an expired or foreign ID token, ...); NetworkError
 *   `BAD_RESPONSE` when the answer is not an ID-JAG for this audience, resource and client.
 * @see https://www.rfc-editor.org/rfc/rfc8693#section-2.1
 * @see https://github.com/modelcontextprotocol/ext-auth/blob/main/specification/draft/enterprise-oauth.mdx (SEP-990)
 */
export async function exchangeForIdJag(config: Configuration, fetch: typeof globalThis.fetch, input: ExchangeInput): Promise<IdJag> {
  const params = new URLSearchParams({
    requested_token_type: ID_JAG,
    audience: input.audience,
    resource: input.resource,
    subject_token: input.subjectToken,
    subject_token_type: input.subjectTokenType,
  })
  if (input.scopes.length > 0) params.set('scope', input.scopes.join(' '))
  const metadata = config.serverMetadata() as unknown as Record<string, unknown>
  const endpoint: TokenEndpoint = { metadata, role: IDP_ROLE, fetch }
  const response = await tokenRequest(endpoint, 'token exchange at the enterprise IdP', () => genericGrantRequest(config, TOKEN_EXCHANGE, params))
  const where = new URL(String(metadata['token_endpoint'])).origin
  if (response['issued_token_type'] !== ID_JAG) throw badResponse(`"issued_token_type" is not ${ID_JAG}`, { operation: 'token exchange', where })
  return checkIdJag(response.access_token, input, where)
}

/**
 * Checks an ID-JAG before it is sent on: a compact JWS of bounded size whose header `typ` (when
 * present) is `oauth-id-jag+jwt`, whose `aud` names the MCP server's authorization server, and
 * whose `resource`, `client_id` and `exp` (when present) fit this request. The signature is the
 * authorization server's to check.
 * @throws NetworkError `BAD_RESPONSE` naming the claim, never its value.
 */
export function checkIdJag(assertion: unknown, input: Pick<ExchangeInput, 'audience' | 'resource' | 'clientId' | 'now'>, where: string): IdJag {
  const fail = (what: string) => badResponse(what, { operation: 'token exchange', where, hint: "the IdP's ID-JAG does not fit this MCP server; check the IdP's configuration for this client" })
  if (typeof assertion !== 'string' || assertion.length > MAX_JAG || !/^[\w-]+\.[\w-]+\.[\w-]*$/.test(assertion)) throw fail('the ID-JAG is not a compact JWT')
  registerSecret(assertion)
  const [header, payload] = assertion.split('.').slice(0, 2).map(decodeSegment)
  if (!isRecord(header) || !isRecord(payload)) throw fail('the ID-JAG header or claims are not JSON objects')
  if (header['typ'] !== undefined && String(header['typ']).toLowerCase() !== 'oauth-id-jag+jwt') throw fail('the ID-JAG "typ" is not oauth-id-jag+jwt')
  const aud = Array.isArray(payload['aud']) ? payload['aud'] : [payload['aud']]
  if (!aud.some((a) => typeof a === 'string' && sameIssuer(a, input.audience))) throw fail('the ID-JAG "aud" is not the MCP server\'s authorization server')
  if (payload['resource'] !== undefined && payload['resource'] !== input.resource) throw fail('the ID-JAG "resource" is not this MCP server')
  if (payload['client_id'] !== undefined && payload['client_id'] !== input.clientId) throw fail('the ID-JAG "client_id" is not this client')
  if (payload['exp'] !== undefined && (typeof payload['exp'] !== 'number' || payload['exp'] * 1000 <= input.now)) throw fail('the ID-JAG has expired')
  const sub = payload['sub']
  return { assertion, subject: typeof sub === 'string' && /^[\x20-\x7e]{1,256}$/.test(sub) ? sub : undefined }
}

function decodeSegment(segment: string | undefined): unknown {
  try {
    return JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8'))
  } catch {
    return undefined
  }
}

/** Issuers compared as the conformance suite and most servers do: one trailing slash aside. */
function sameIssuer(a: string, b: string): boolean {
  return a.replace(/\/$/, '') === b.replace(/\/$/, '')
}
