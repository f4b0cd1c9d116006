// The oidc-provider configuration of the dev server.
import { randomBytes, type JsonWebKey } from 'node:crypto'
import type { InteractionPolicy, OidcClient } from 'oidc-provider'
import { CLAIMS_BY_SCOPE, findAccount } from './_accounts.js'
import { createAdapterFactory } from './_memory-adapter.js'
import type { MemoryStore } from './_memory-store.js'
import { expiresWithSession, issueRefreshToken, loadExistingGrant } from './_grant-policy.js'
import { registrationConfig, resourceIndicatorsConfig, type InvalidTargetClass } from './_resource-servers.js'
import { ttlConfig, type Lifetimes } from './_ttl.js'
import { DEV_SCOPES } from './constants.js'
import type { ResourceServerOptions } from './types.js'

/** What the configuration is built from. */
export interface ProviderConfigInput {
  readonly clients: Record<string, unknown>[]
  readonly signingKey: JsonWebKey
  readonly store: MemoryStore
  readonly lifetimes: Lifetimes
  readonly clockTolerance: number
  readonly interactionPolicy: InteractionPolicy
  readonly resourceServers: readonly ResourceServerOptions[]
  readonly registration: boolean
  readonly InvalidTarget: InvalidTargetClass
}

/** The configuration object passed to `new Provider(issuer, configuration)`. */
export function providerConfig(input: ProviderConfigInput): Record<string, unknown> {
  return {
    adapter: createAdapterFactory(input.store),
    clients: input.clients,
    jwks: { keys: [input.signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    responseTypes: ['code'],
    // The resource servers' scopes are known scopes too, so the dev clients may be allowed them.
    scopes: [...new Set([...DEV_SCOPES, ...input.resourceServers.flatMap((server) => server.scopes)])],
    claims: CLAIMS_BY_SCOPE,
    findAccount,
    features: featuresConfig(input),
    pkce: { required: () => true },
    ttl: ttlConfig(input.lifetimes),
    clockTolerance: input.clockTolerance,
    interactions: { policy: input.interactionPolicy },
    loadExistingGrant,
    issueRefreshToken,
    expiresWithSession,
  }
}

function featuresConfig(input: ProviderConfigInput): Record<string, unknown> {
  const resources = input.resourceServers.length === 0 ? {} : { resourceIndicators: resourceIndicatorsConfig(input.resourceServers, input.InvalidTarget) }
  return {
    ...resources,
    registration: registrationConfig(input.registration),
    devInteractions: { enabled: true },
    deviceFlow: { enabled: true },
    clientCredentials: { enabled: true },
    introspection: { enabled: true, allowedPolicy: mayIntrospect },
    revocation: { enabled: true, allowedPolicy: mayRevoke },
    userinfo: { enabled: true },
  }
}

/** A confidential client may introspect any token, a public client only its own. */
async function mayIntrospect(_ctx: unknown, client: OidcClient, token: { clientId?: string }): Promise<boolean> {
  return client.clientAuthMethod !== 'none' || token.clientId === client.clientId
}

/** A client revokes only its own tokens; another's is left alone, with a 200 (RFC 7009 §2.2). */
async function mayRevoke(_ctx: unknown, client: OidcClient, token: { clientId?: string }): Promise<boolean> {
  return token.clientId === client.clientId
}
