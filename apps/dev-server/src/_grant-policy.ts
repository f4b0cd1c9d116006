// How the dev server grants: every dev client is first-party, so nobody is asked to consent
// unless the client sends prompt=consent, and the native client's code flow gets a refresh
// token without the prompt=consent that oidc-provider otherwise needs to keep offline_access.
import type { GrantModel, InteractionPolicy, OidcClient, OidcRequestContext, TokenModel } from 'oidc-provider'

/** The consent prompt without the check that always prompts native clients. */
export function createInteractionPolicy(base: () => InteractionPolicy): InteractionPolicy {
  const policy = base()
  policy.get('consent')?.checks.remove('native_client_prompt')
  return policy
}

/**
 * oidc-provider's `loadExistingGrant`: the session's grant for the client, or a new one,
 * extended with whatever OIDC scopes and claims the request asks for.
 */
export async function loadExistingGrant(ctx: { oidc: OidcRequestContext }): Promise<GrantModel | undefined> {
  const { oidc } = ctx
  const { client, session, provider } = oidc
  if (client === undefined || session?.accountId === undefined) return undefined
  const grantId = oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId)
  const existing = grantId === undefined ? undefined : await provider.Grant.find(grantId)
  const grant = existing ?? new provider.Grant({ accountId: session.accountId, clientId: client.clientId })
  const scopes = [...oidc.requestParamOIDCScopes]
  if (scopes.length > 0) grant.addOIDCScope(scopes.join(' '))
  const claims = [...oidc.requestParamClaims]
  if (claims.length > 0) grant.addOIDCClaims(claims)
  // RFC 8707: the requested scopes a requested resource knows, granted for that resource.
  for (const [resource, server] of Object.entries(oidc.resourceServers ?? {})) {
    const granted = [...oidc.requestParamScopes].filter((scope) => server.scopes.has(scope))
    if (granted.length > 0) grant.addResourceScope(resource, granted.join(' '))
  }
  await grant.save()
  return grant
}

/** Whether `source` (a code, a device code, ...) stands for offline access. */
function isOffline(client: OidcClient, source: TokenModel): boolean {
  if (source.scopes.has('offline_access')) return true
  // oidc-provider strips offline_access from a code flow without prompt=consent: a client
  // allowed the refresh_token grant (the native dev client, registered MCP clients) gets a
  // refresh token anyway, as its code flow cannot show that prompt silently.
  return source.kind === 'AuthorizationCode' && client.grantTypeAllowed('refresh_token')
}

/** oidc-provider's `issueRefreshToken`. */
export async function issueRefreshToken(_ctx: unknown, client: OidcClient, source: TokenModel): Promise<boolean> {
  return client.grantTypeAllowed('refresh_token') && isOffline(client, source)
}

/** oidc-provider's `expiresWithSession`: offline tokens outlive the browser session. */
export async function expiresWithSession(ctx: { oidc: OidcRequestContext }, source: TokenModel): Promise<boolean> {
  const { client } = ctx.oidc
  return client === undefined || !isOffline(client, source)
}
