import { credentialKeyId, type SessionCredential } from '@auth/core'
import { writeTokenIndex } from '@auth/core/kit'
import { signFiles } from '@auth/core/token-index'
import { ENV_PREFIX } from './app.js'
import type { CliContext } from './context.js'
import type { ProfileSession } from './session.js'
import { tokenIndexInputs } from './token-index-inputs.js'

/**
 * With the signatures of every file `auth token` reads or checks (the config file and its
 * folder, the credentials folder and its `.locks`: `ctx.configSignatures`, taken before the
 * config was read; the file store's file, taken now, before the lookup), the
 * returned function records the lookup's answer in the token index when it was the
 * `AUTHCLI_TOKEN` or a token read (not renewed) from the file store of a profile whose store is
 * `file`, and none of those files changed meanwhile. Best effort: a failure is a debug line.
 * @example `const record = recordTokenIndex(ctx, session); const found = await session.auth.getCredential(); await record(found)`
 */
export function recordTokenIndex(ctx: CliContext, session: ProfileSession): (found: SessionCredential) => Promise<void> {
  const { dir } = ctx.configLocation
  const before = { ...ctx.configSignatures, ...signFiles([session.stores.file.path]) }
  const paths = Object.keys(before)
  return async (found) => {
    const token =
      found.source === `env:${ENV_PREFIX}_TOKEN`
        ? ({ kind: 'env' } as const)
        : found.source === 'file' && session.profile.store === 'file' && found.key !== undefined && !found.refreshed
          ? ({ kind: 'store', store: 'file', file: session.stores.file.path, key: credentialKeyId(found.key) } as const)
          : undefined
    const inputs = tokenIndexInputs(ctx.globals, ctx.env, ctx.homeDir)
    if (token === undefined || inputs === undefined || JSON.stringify(signFiles(paths)) !== JSON.stringify(before)) return
    await writeTokenIndex(dir, { inputs, files: before, token }).catch((error: unknown) => ctx.logger.debug(`token index not written: ${String(error)}`))
  }
}
