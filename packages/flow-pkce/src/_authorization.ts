// The authorization request (RFC 6749 §4.1.1, RFC 7636 §4.3, RFC 8707). Internal.
import { ConfigError, type HintKeyValue } from '@auth/core'
import { buildAuthorizationUrl, calculatePKCECodeChallenge, randomNonce, randomPKCECodeVerifier, randomState, type Configuration, type ServerMetadata } from 'openid-client'
import type { Settings } from './_options.js'

/** The per-login secrets. The verifier stays in this object, in memory; it is never printed, logged or written. */
export interface LoginChecks {
  readonly verifier: string
  readonly challenge: string
  readonly state: string
  /** Set when `openid` is requested. */
  readonly nonce: string | undefined
}

/**
 * Refuses a server that cannot do PKCE with S256: no authorization endpoint, or a
 * `code_challenge_methods_supported` without `S256` (RFC 9700 §2.1.1: never `plain`).
 * @throws ConfigError `CONFIG_ERROR` naming the server.
 */
export function assertPkceServer(metadata: ServerMetadata, settings: Settings): void {
  if (typeof metadata.authorization_endpoint !== 'string') {
    throw new ConfigError(`@auth/flow-pkce: the authorization server ${metadata.issuer} has no authorization endpoint`, {
      hint: 'check the "issuer" option of @auth/flow-pkce, or use the device flow',
      hintKey: 'no-authorization-endpoint' satisfies HintKeyValue,
    })
  }
  const methods = metadata.code_challenge_methods_supported
  if (Array.isArray(methods) && !methods.includes('S256')) {
    throw new ConfigError(
      `@auth/flow-pkce: the authorization server ${metadata.issuer} does not support PKCE with S256 (it lists ${methods.map(String).join(', ').slice(0, 100) || 'no method'}); this flow never falls back to "plain"`,
      {
        hint: `ask the server's operator to enable S256, or use another flow${settings.name === undefined ? '' : ` (\`${settings.name} auth login --device\`)`}`,
      },
    )
  }
}

/** A fresh verifier (32 random bytes), its S256 challenge, a state and, with `openid`, a nonce. */
export async function newChecks(settings: Settings): Promise<LoginChecks> {
  const verifier = randomPKCECodeVerifier()
  return {
    verifier,
    challenge: await calculatePKCECodeChallenge(verifier),
    state: randomState(),
    nonce: settings.scopes.includes('openid') ? randomNonce() : undefined,
  }
}

/** The authorization URL: the challenge, never the verifier; its state and challenge still must not reach another local user, so it never goes in argv (see `_launch-page.ts`). */
export function authorizationUrl(config: Configuration, settings: Settings, checks: LoginChecks, redirectUri: string): URL {
  const params = new URLSearchParams(settings.authorizationParams)
  params.set('redirect_uri', redirectUri)
  // No scopes: no `scope` parameter at all (the server's default), never an empty one.
  if (settings.scopes.length > 0) params.set('scope', settings.scopes.join(' '))
  params.set('code_challenge', checks.challenge)
  params.set('code_challenge_method', 'S256')
  params.set('state', checks.state)
  if (checks.nonce !== undefined) params.set('nonce', checks.nonce)
  for (const resource of settings.resources) params.append('resource', resource)
  return buildAuthorizationUrl(config, params)
}
