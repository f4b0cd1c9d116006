import { NotFoundError, fromEnv, resolveProfile, type Credential } from '@auth/core'
import { ENV_PREFIX } from './app.js'
import type { CliContext } from './context.js'

/** The variable whose token wins over every store. */
export const TOKEN_VARIABLE = `${ENV_PREFIX}_TOKEN`

/**
 * Whether `AUTHCLI_TOKEN` is for the host in force. It belongs to the default host
 * (`AUTHCLI_HOST`, else the active profile's host; with neither, to whatever host is used): a
 * `--host` or `--profile` naming another host does not get it, so it is never sent to a server it
 * was not meant for (as gh keeps `GH_TOKEN` for github.com).
 * @example `envTokenApplies(ctx)` is `false` under `--host https://other.example.com`
 */
export function envTokenApplies(ctx: Pick<CliContext, 'env' | 'globals' | 'config' | 'resolveProfile'>): boolean {
  const raw = ctx.env[TOKEN_VARIABLE]
  if (raw === undefined || raw.trim() === '') return false
  if (ctx.globals.host === undefined && ctx.globals.profile === undefined) return true
  const home = tryHost(() => resolveProfile({ config: ctx.config, flags: {}, env: ctx.env, envPrefix: ENV_PREFIX, allowInsecure: true }).host)
  if (home === undefined) return true
  return tryHost(() => ctx.resolveProfile({}, { allowInsecure: true }).host) === home
}

function tryHost(read: () => string | undefined): string | undefined {
  try {
    return read()
  } catch {
    return undefined
  }
}

/**
 * The `AUTHCLI_TOKEN` credential (source `env:AUTHCLI_TOKEN`), or `undefined` when it is unset,
 * blank, or meant for another host ({@link envTokenApplies}). Nothing is read from or written to a store.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when it holds more than one token.
 * @example `const env = await envCredential(ctx); if (env) return env.accessToken`
 */
export async function envCredential(ctx: Pick<CliContext, 'env' | 'globals' | 'config' | 'resolveProfile'>): Promise<Credential | undefined> {
  if (!envTokenApplies(ctx)) return undefined
  try {
    return await fromEnv({ variable: TOKEN_VARIABLE, env: ctx.env as NodeJS.ProcessEnv })()
  } catch (error) {
    if (NotFoundError.isInstance(error)) return undefined
    throw error
  }
}
