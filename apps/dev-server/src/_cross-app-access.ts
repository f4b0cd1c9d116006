// Enterprise-managed authorization (the MCP cross-app access extension, SEP-990) on the dev
// server, in both roles at once: the enterprise IdP (RFC 8693 token exchange of its own ID token
// for an ID-JAG) and the MCP server's authorization server (RFC 7523 JWT bearer grant of an
// ID-JAG from a trusted IdP, for a JWT access token bound to a registered resource).
import { createPublicKey, createPrivateKey, randomUUID, type JsonWebKey } from 'node:crypto'
import type { OidcRequestContext, Provider, ProviderContext } from 'oidc-provider'
import type { ResourceServerOptions } from './types.js'

export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange'
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer'
const ID_JAG = 'urn:ietf:params:oauth:token-type:id-jag'
const ID_TOKEN = 'urn:ietf:params:oauth:token-type:id_token'
const JAG_TYP = 'oauth-id-jag+jwt'

type ErrorClass = new (description?: string) => Error

/** What the grants need. */
export interface CrossAppAccessInput {
  readonly issuer: string
  /** The private JWK that signs ID tokens (and so ID-JAGs). */
  readonly signingKey: JsonWebKey
  readonly resourceServers: readonly ResourceServerOptions[]
  /** The `client_id` an ID-JAG names: the client at the MCP server's authorization server. */
  readonly clientIdAtAudience: string
  /** Other IdPs whose ID-JAGs the JWT bearer grant accepts (their keys from `<issuer>/jwks`), besides this server. */
  readonly trustedIssuers: readonly string[]
  readonly errors: { InvalidGrant: ErrorClass; InvalidRequest: ErrorClass; InvalidTarget: ErrorClass }
}

/** Registers the token exchange and JWT bearer grants on `provider`. */
export function enableCrossAppAccess(provider: Provider, input: CrossAppAccessInput): void {
  const publicKey = createPublicKey(createPrivateKey({ key: input.signingKey as never, format: 'jwk' }))
  const privateKey = createPrivateKey({ key: input.signingKey as never, format: 'jwk' })
  provider.registerGrantType(TOKEN_EXCHANGE, (ctx) => tokenExchange(ctx, input, publicKey, privateKey), [
    'subject_token',
    'subject_token_type',
    'requested_token_type',
    'audience',
    'resource',
    'scope',
  ])
  provider.registerGrantType(JWT_BEARER, (ctx) => jwtBearer(ctx, provider, input, publicKey), ['assertion', 'resource', 'scope'])
}

function params(ctx: ProviderContext): Record<string, string | undefined> {
  return (ctx.oidc?.params ?? {}) as Record<string, string | undefined>
}

async function tokenExchange(ctx: ProviderContext, input: CrossAppAccessInput, publicKey: CryptoKeyLike, privateKey: CryptoKeyLike): Promise<void> {
  const { jwtVerify, SignJWT } = await import('jose')
  const p = params(ctx)
  const oidc = ctx.oidc as OidcRequestContext
  const { InvalidRequest, InvalidGrant } = input.errors
  if (p['requested_token_type'] !== ID_JAG) throw new InvalidRequest(`requested_token_type must be ${ID_JAG}`)
  if (p['subject_token_type'] !== ID_TOKEN) throw new InvalidRequest(`subject_token_type must be ${ID_TOKEN}`)
  if (!p['audience'] || !p['subject_token']) throw new InvalidRequest('audience and subject_token are required')
  let sub: string
  try {
    const { payload } = await jwtVerify(p['subject_token'], publicKey, { issuer: input.issuer, audience: oidc.client?.clientId ?? '', clockTolerance: 0 })
    sub = String(payload.sub)
  } catch {
    throw new InvalidGrant('subject_token is not a valid ID token of this IdP for this client')
  }
  const claims: Record<string, unknown> = { sub, client_id: input.clientIdAtAudience }
  if (p['resource']) claims['resource'] = p['resource']
  if (p['scope']) claims['scope'] = p['scope']
  const jag = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', typ: JAG_TYP, ...(typeof input.signingKey.kid === 'string' && { kid: input.signingKey.kid }) })
    .setIssuer(input.issuer)
    .setAudience(p['audience'])
    .setIssuedAt()
    .setExpirationTime('5m')
    .setJti(randomUUID())
    .sign(privateKey)
  ctx.body = { access_token: jag, issued_token_type: ID_JAG, token_type: 'N_A', expires_in: 300 }
}

/** The key that checks an ID-JAG from `iss`: this server's, a trusted IdP's JWKS, or none. */
function keyFor(iss: unknown, input: CrossAppAccessInput, publicKey: CryptoKeyLike, jose: typeof import('jose')): Parameters<typeof jose.jwtVerify>[1] | undefined {
  if (iss === input.issuer) return publicKey
  if (typeof iss !== 'string' || !input.trustedIssuers.includes(iss)) return undefined
  let jwks = remoteKeys.get(iss)
  if (jwks === undefined) {
    jwks = jose.createRemoteJWKSet(new URL(`${iss}/jwks`))
    remoteKeys.set(iss, jwks)
  }
  return jwks as Parameters<typeof jose.jwtVerify>[1]
}

const remoteKeys = new Map<string, unknown>()

async function jwtBearer(ctx: ProviderContext, provider: Provider, input: CrossAppAccessInput, publicKey: CryptoKeyLike): Promise<void> {
  const jose = await import('jose')
  const { jwtVerify } = jose
  const p = params(ctx)
  const oidc = ctx.oidc as OidcRequestContext
  const { InvalidRequest, InvalidGrant, InvalidTarget } = input.errors
  if (!p['assertion']) throw new InvalidRequest('assertion is required')
  let payload: Record<string, unknown>
  try {
    const iss = jose.decodeJwt(p['assertion']).iss
    const key = keyFor(iss, input, publicKey, jose)
    if (key === undefined) throw new Error('untrusted issuer')
    ;({ payload } = await jwtVerify(p['assertion'], key as never, { issuer: iss as string, audience: [input.issuer, `${input.issuer}/`], typ: JAG_TYP, clockTolerance: 0 }))
  } catch {
    throw new InvalidGrant('the assertion is not a valid ID-JAG for this authorization server')
  }
  const client = oidc.client
  if (client === undefined || payload['client_id'] !== client.clientId) throw new InvalidGrant('the ID-JAG was issued for another client')
  const resource = p['resource'] ?? (payload['resource'] as string | undefined)
  if (payload['resource'] !== undefined && resource !== payload['resource']) throw new InvalidTarget('resource does not match the ID-JAG')
  const server = input.resourceServers.find((rs) => rs.resource === resource)
  if (server === undefined) throw new InvalidTarget('the resource is not one this server issues tokens for')
  const requested = (p['scope'] ?? (payload['scope'] as string | undefined) ?? '').split(' ').filter(Boolean)
  const scope = requested.filter((s) => server.scopes.includes(s)).join(' ') || undefined
  const token = new provider.AccessToken({ accountId: String(payload['sub']), client, ...(scope !== undefined && { scope }), gty: 'jwt_bearer' })
  token.resourceServer = new provider.ResourceServer(server.resource, { scope: server.scopes.join(' '), audience: server.resource, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } })
  const value = await token.save()
  ctx.body = { access_token: value, token_type: 'Bearer', expires_in: token.expiration, ...(scope !== undefined && { scope }) }
}

type CryptoKeyLike = ReturnType<typeof createPublicKey>
