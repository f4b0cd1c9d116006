// RFC 8707 resource indicators and RFC 7591 registration, for the dev server playing an MCP
// authorization server: a `resource` that is one of `resourceServers` gets a JWT access token
// bound to it (`aud`), any other is `invalid_target`.
import type { ResourceServerOptions } from './types.js'

/** oidc-provider's `InvalidTarget` error class. */
export type InvalidTargetClass = new (description?: string) => Error

/** The `features.resourceIndicators` configuration for `servers` (empty: oidc-provider's default). */
export function resourceIndicatorsConfig(servers: readonly ResourceServerOptions[], InvalidTarget: InvalidTargetClass): Record<string, unknown> {
  const byResource = new Map(servers.map((server) => [server.resource, server]))
  return {
    enabled: true,
    // A token request without `resource` gets the resource its code or refresh token was granted for.
    useGrantedResource: async () => true,
    getResourceServerInfo: async (_ctx: unknown, indicator: string) => {
      const server = byResource.get(normalise(indicator))
      if (server === undefined) throw new InvalidTarget('the resource is not one this server issues tokens for')
      return {
        scope: server.scopes.join(' '),
        audience: server.resource,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }
    },
  }
}

/** The `features.registration` configuration: open registration, no initial access token. */
export function registrationConfig(enabled: boolean): Record<string, unknown> {
  return { enabled, initialAccessToken: false }
}

function normalise(indicator: string): string {
  try {
    return new URL(indicator).href
  } catch {
    return indicator
  }
}
