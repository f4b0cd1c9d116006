import { NotFoundError, fromEnv, type Credential } from '@auth/core'
import { ENV_PREFIX } from './app.js'
import type { CliContext } from './context.js'

/** The variable whose token wins over every store. */
export const TOKEN_VARIABLE = `${ENV_PREFIX}_TOKEN`

/**
 * The `AUTHCLI_TOKEN` credential (source `env:AUTHCLI_TOKEN`), or `undefined` when it is unset
 * or blank. Nothing is read from or written to a store.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when it holds more than one token.
 * @example `const env = await envCredential(ctx); if (env) return env.accessToken`
 */
export async function envCredential(ctx: Pick<CliContext, 'env'>): Promise<Credential | undefined> {
  try {
    return await fromEnv({ variable: TOKEN_VARIABLE, env: ctx.env })()
  } catch (error) {
    if (NotFoundError.isInstance(error)) return undefined
    throw error
  }
}
