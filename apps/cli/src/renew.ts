import { NotFoundError, type Credential, type ResolvedProfile } from '@auth/core'
import { CLI_NAME } from './app.js'
import type { CliContext } from './context.js'
import type { FlowSettings } from './flows/types.js'
import { isPlainHttp } from './insecure.js'
import { loadFlows } from './load-flows.js'
import { createLoginContext } from './login-context.js'
import { withRefreshScope } from './refresh-scope-fetch.js'
import { secretSource } from './secret-source.js'

/**
 * Renews a credential without the user: a device or browser login with its refresh token, a
 * client-credentials login with a new grant from the same secret source (`AUTHCLI_CLIENT_SECRET`
 * when set, else the profile's `client_secret_file` / `client_secret_env`). Loads the flows chunk.
 * With `options.scopes`, asks for those scopes instead (see {@link RenewOptions}).
 * @throws NotFoundError `NOT_FOUND` when the credential's flow cannot renew (a PAT).
 * @throws AuthError from the flow: a refused refresh token, a missing secret, the network.
 * @example `await fromRefresh({ store, key, refresh: (c) => renewCredential(c, profile, ctx) })()`
 */
export async function renewCredential(credential: Credential, profile: ResolvedProfile, ctx: CliContext, options: RenewOptions = {}): Promise<Credential> {
  const settings = renewSettings(credential, profile, ctx, options)
  if (!settings) throw new NotFoundError(`a ${credential.flow} credential cannot be renewed without the user`)
  if (isPlainHttp(settings.issuer)) ctx.warn(`renewing the token over plain http at ${settings.issuer} (the login used --insecure)`)
  const flow = (await loadFlows()).createFlow(settings)
  if (!flow.refresh) throw new NotFoundError(`a ${credential.flow} credential cannot be renewed without the user`)
  ctx.logger.debug(`renewing the ${credential.flow} credential for ${profile.host ?? '?'} at ${settings.issuer}`)
  const scopes = options.scopes
  const narrow = settings.kind === 'device' && scopes !== undefined && scopes.length > 0
  return flow.refresh(credential, createLoginContext(ctx, narrow ? { wrapFetch: (f) => withRefreshScope(f, scopes) } : {}))
}

/** Options of {@link renewCredential}. */
export interface RenewOptions {
  /**
   * The scopes to ask for instead of the login's (`auth refresh --scope`): a client-credentials
   * grant requests them; a refresh-token grant sends them as `scope`, which may only narrow.
   */
  scopes?: readonly string[]
}

/**
 * The flow settings that renew `credential`: what it recorded at login (issuer, client id,
 * scopes) over the profile. `undefined` for a flow that cannot renew.
 * @example `renewSettings(credential, profile, ctx)?.kind` is `'device'`
 */
export function renewSettings(credential: Credential, profile: ResolvedProfile, ctx: Pick<CliContext, 'env'>, options: RenewOptions = {}): FlowSettings | undefined {
  const kind = credential.flow === 'device' ? 'device' : credential.flow === 'client-credentials' ? 'client-credentials' : undefined
  if (kind === undefined) return undefined
  const host = profile.host ?? credential.issuer
  const issuer = credential.issuer ?? profile.issuer ?? host
  const clientId = credential.clientId ?? profile.clientId
  if (host === undefined || issuer === undefined || clientId === undefined) return undefined
  return {
    kind,
    host,
    issuer,
    clientId,
    scopes: options.scopes !== undefined && options.scopes.length > 0 ? [...options.scopes] : profile.scopes.length > 0 ? profile.scopes : credential.scopes,
    allowInsecure: isPlainHttp(issuer),
    cliName: CLI_NAME,
    env: ctx.env,
    ...(credential.tenant !== undefined && { tenant: credential.tenant }),
    ...(kind === 'client-credentials' && {
      secret: secretSource({ configFile: profile.clientSecretFile, configEnv: profile.clientSecretEnv }, ctx.env),
    }),
  }
}
