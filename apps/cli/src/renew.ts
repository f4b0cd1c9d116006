import type { Credential, ResolvedProfile } from '@auth/core'
import { CLI_NAME } from './app.js'
import type { CliContext } from './context.js'
import type { FlowSettings } from './flows/types.js'
import { isPlainHttp } from './insecure.js'
import { secretSource } from './secret-source.js'

/** Options of {@link renewSettings}. */
export interface RenewOptions {
  /** The scopes a client-credentials grant asks for instead of the login's (`auth refresh --scope`). */
  scopes?: readonly string[]
}

/**
 * The flow settings that renew `credential`: what it recorded at login (issuer, client id,
 * scopes) over the profile. `undefined` for a flow that cannot renew.
 * @example `renewSettings(credential, profile, ctx)?.kind` is `'device'`
 */
export function renewSettings(credential: Credential, profile: ResolvedProfile, ctx: Pick<CliContext, 'env'>, options: RenewOptions = {}): FlowSettings | undefined {
  const kind = (['device', 'pkce', 'client-credentials'] as const).find((k) => k === credential.flow) as FlowSettings['kind'] | undefined
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
      secret: secretSource({ configFile: profile.clientSecretFile, configEnv: profile.clientSecretEnv }),
    }),
  }
}
