import type { ResolvedProfile } from '@auth/core'
import { CLI_NAME } from './app.js'
import type { AuthLoginOptions, LoginFlowKind } from './commands/auth-login-options.js'
import type { CliContext } from './context.js'
import type { FlowSettings } from './flows/types.js'
import { isPlainHttp } from './insecure.js'
import { secretSource } from './secret-source.js'

/** The flows that renew a stored credential without the user. */
const RENEWING: readonly string[] = ['device', 'pkce', 'client-credentials']

/**
 * What the flows chunk needs to build the flow `kind` of a profile: its host, issuer (default the
 * host), client (default the build-time one), scopes, tenant and secret source. With `login` (the
 * `auth login` flags) also what only a login needs: `--insecure`, the device code's
 * terminal, the browser flow's ports and stdin (a PAT's token comes with the login: `patInput`). Without it the flow renews and revokes: nothing is
 * opened or read, and plain http is allowed only for an issuer the login already took over it.
 * `undefined` for a flow that cannot renew (a PAT).
 * @example `flowSettings('device', profile, ctx)?.issuer` defaults to the host
 */
export function flowSettings(kind: string, profile: ResolvedProfile & { host: string }, ctx: CliContext, login?: AuthLoginOptions): FlowSettings | undefined {
  if (login === undefined && !RENEWING.includes(kind)) return undefined
  const issuer = profile.issuer ?? profile.host
  const profileUrl = login?.profileUrl ?? profile.profileUrl
  return {
    kind: kind as LoginFlowKind,
    host: profile.host,
    issuer,
    clientId: profile.clientId ?? CLI_NAME,
    scopes: profile.scopes,
    tenantHeader: profile.tenantHeader,
    allowInsecure: login === undefined ? isPlainHttp(issuer) : login.insecure,
    name: CLI_NAME,
    env: ctx.env,
    ...(profile.tenant !== undefined && { tenant: profile.tenant }),
    ...(profileUrl !== undefined && { profileUrl }),
    ...(kind === 'client-credentials' && {
      secret: secretSource({ flagFile: login?.clientSecretFile, flagEnv: login?.clientSecretEnv, configFile: profile.clientSecretFile, configEnv: profile.clientSecretEnv }),
    }),
    ...(login && kind === 'device' && { device: { qr: login.qr, qrColors: ctx.err.colors?.enabled === true, isTTY: ctx.err.isTTY, write: (text: string) => ctx.err.write(text) } }),
    ...(login && kind === 'pkce' && { pkce: pkceSettings(login, ctx) }),
  }
}

/** The browser flow's flags; stdin is read for a pasted redirect URL (always in `--no-browser`, alongside the browser otherwise). */
function pkceSettings(options: AuthLoginOptions, ctx: CliContext): NonNullable<FlowSettings['pkce']> {
  return {
    browser: options.browser ?? true,
    dir: ctx.configLocation.dir,
    ...(options.port !== undefined && { port: options.port }),
    ...(options.portRange !== undefined && { portRange: options.portRange }),
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
    ...(options.resources !== undefined && options.resources.length > 0 && { resources: options.resources }),
    ...(ctx.stdin !== undefined && { input: ctx.stdin }),
  }
}
