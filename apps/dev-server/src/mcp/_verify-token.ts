// The MCP server's check of a bearer token: a JWT access token (RFC 9068) signed by the
// authorization server (its JWKS fetched over HTTP), issued by it, for this resource, unexpired.
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'
import { createRemoteJWKSet, errors, jwtVerify } from 'jose'

/** Why a token is refused. */
export class TokenRefused extends Error {
  override readonly name = 'TokenRefused'
}

/** A verifier in the shape of the SDK's `OAuthTokenVerifier`. */
export interface TokenVerifier {
  verifyAccessToken(token: string): Promise<AuthInfo>
}

/** A verifier for tokens of `issuer` whose audience is `resource`. */
export function createTokenVerifier(issuer: string, resource: string): TokenVerifier {
  const jwks = createRemoteJWKSet(new URL(`${issuer}/jwks`), { cooldownDuration: 0 })
  return {
    async verifyAccessToken(token) {
      if (token.split('.').length !== 3) throw new TokenRefused('the access token is not a JWT for this resource (was resource sent?)')
      try {
        const { payload } = await jwtVerify(token, jwks, { issuer, audience: resource, typ: 'at+jwt', algorithms: ['RS256'], clockTolerance: 0 })
        const scopes = typeof payload['scope'] === 'string' ? payload['scope'].split(' ').filter((s) => s !== '') : []
        const clientId = typeof payload['client_id'] === 'string' ? payload['client_id'] : ''
        const info: AuthInfo = { token, clientId, scopes, resource: new URL(resource), extra: { sub: payload.sub } }
        if (payload.exp !== undefined) info.expiresAt = payload.exp
        return info
      } catch (error) {
        throw new TokenRefused(reason(error))
      }
    },
  }
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'the access token expired'
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'aud') return 'the access token was not issued for this resource'
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'iss') return "the access token was not issued by this server's authorization server"
  return 'the access token is invalid'
}
