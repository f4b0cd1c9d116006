// The clients registered at start, as oidc-provider metadata and as the `clients` the
// caller sees (ids, secret, the private key of the private_key_jwt client).
import { createHash, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto'
import { JWT_BEARER, TOKEN_EXCHANGE } from './_cross-app-access.js'
import { API_SCOPES, DEV_CLIENT_IDS, DEV_SCOPES, DEVICE_CODE_GRANT } from './constants.js'
import type { DevClients, JwtClientInfo } from './types.js'

/** The loopback redirect URIs of the native client (ports are matched loosely, RFC 8252 §7.3). */
export const NATIVE_REDIRECT_URIS = [...[8765, 8766, 8767, 8768, 8769].map((port) => `http://127.0.0.1:${port}/callback`), 'http://127.0.0.1/callback']

const NATIVE_GRANTS = ['authorization_code', 'refresh_token', DEVICE_CODE_GRANT]

/** The clients in both shapes. */
export interface ClientSet {
  readonly metadata: Record<string, unknown>[]
  readonly clients: DevClients
}

/**
 * Builds the four dev clients; `secret` is the confidential clients' secret, `extraScopes`
 * (the resource servers' scopes) are allowed to every client besides the dev scopes.
 */
export function createClientSet(secret: string = randomBytes(24).toString('base64url'), extraScopes: readonly string[] = [], crossAppAccess = false): ClientSet {
  const jwt = createJwtClient(extraScopes)
  const apiScopes = [...API_SCOPES, ...extraScopes]
  const clients: DevClients = {
    native: { clientId: DEV_CLIENT_IDS.native, redirectUris: NATIVE_REDIRECT_URIS, scopes: [...DEV_SCOPES, ...extraScopes] },
    confidential: {
      clientId: DEV_CLIENT_IDS.confidential,
      clientSecret: secret,
      authMethod: 'client_secret_basic',
      scopes: apiScopes,
    },
    post: { clientId: DEV_CLIENT_IDS.post, clientSecret: secret, authMethod: 'client_secret_post', scopes: apiScopes },
    jwt: jwt.info,
  }
  const present = crossAppAccess ? [JWT_BEARER] : []
  const metadata = [
    { ...nativeMetadata(clients.native.scopes), grant_types: [...NATIVE_GRANTS, ...(crossAppAccess ? [TOKEN_EXCHANGE] : [])] },
    secretMetadata(clients.confidential.clientId, secret, 'client_secret_basic', apiScopes, present),
    secretMetadata(clients.post.clientId, secret, 'client_secret_post', apiScopes, present),
    { ...serviceMetadata(jwt.info.clientId, 'private_key_jwt', apiScopes, present), token_endpoint_auth_signing_alg: 'ES256', jwks: { keys: [jwt.publicJwk] } },
  ]
  return { metadata, clients }
}

function nativeMetadata(scopes: readonly string[]): Record<string, unknown> {
  return {
    client_id: DEV_CLIENT_IDS.native,
    application_type: 'native',
    token_endpoint_auth_method: 'none',
    grant_types: NATIVE_GRANTS,
    response_types: ['code'],
    redirect_uris: NATIVE_REDIRECT_URIS,
    scope: scopes.join(' '),
  }
}

function serviceMetadata(clientId: string, authMethod: string, scopes: readonly string[], extraGrants: readonly string[] = []): Record<string, unknown> {
  return {
    client_id: clientId,
    token_endpoint_auth_method: authMethod,
    grant_types: ['client_credentials', ...extraGrants],
    response_types: [],
    redirect_uris: [],
    scope: scopes.join(' '),
  }
}

function secretMetadata(clientId: string, secret: string, authMethod: string, scopes: readonly string[], extraGrants: readonly string[]): Record<string, unknown> {
  return { ...serviceMetadata(clientId, authMethod, scopes, extraGrants), client_secret: secret }
}

function createJwtClient(extraScopes: readonly string[]): { info: JwtClientInfo; publicJwk: JsonWebKey } {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const publicJwk = publicKey.export({ format: 'jwk' })
  const kid = jwkThumbprint(publicJwk)
  const info: JwtClientInfo = {
    clientId: DEV_CLIENT_IDS.jwt,
    authMethod: 'private_key_jwt',
    alg: 'ES256',
    kid,
    privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
    privateJwk: { ...privateKey.export({ format: 'jwk' }), kid, alg: 'ES256' },
    scopes: [...API_SCOPES, ...extraScopes],
  }
  return { info, publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' } }
}

/** RFC 7638 thumbprint of an EC public key. */
function jwkThumbprint(jwk: JsonWebKey): string {
  const canonical = JSON.stringify({ crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y })
  return createHash('sha256').update(canonical).digest('base64url')
}
