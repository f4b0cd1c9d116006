import { join } from 'node:path'
import { credentialKeyId, isFresh, type SessionCredential } from '@auth/core'
import { writeTokenIndex } from '@auth/core/kit'
import { readTokenIndex, signFiles } from '@auth/core/token-index'
import { ENV_PREFIX } from './app.js'
import { assertTrustedFolders, type CliContext } from './context.js'
import type { ProfileSession } from './session.js'
import { tokenIndexInputs } from './token-index-inputs.js'

/**
 * With the signatures of every file `auth token` reads or checks (the config file and its
 * folder, the credentials folder and its `.locks`: `ctx.configSignatures`, taken before the
 * config was read; the file store's file, taken now, before the lookup), the
 * returned function records the lookup's answer in the token index when it was the
 * `AUTHCLI_TOKEN` or a token read (not renewed) from the file store of a profile whose store is
 * `file`, and none of those files changed meanwhile. Best effort: a failure is a debug line.
 * `signedNow`: paths of `ctx.configSignatures` to sign again now instead (checked again by the caller).
 * @example `const record = recordTokenIndex(ctx, session); const found = await session.auth.getCredential(); await record(found)`
 */
export function recordTokenIndex(ctx: CliContext, session: ProfileSession, signedNow: readonly string[] = []): (found: SessionCredential) => Promise<void> {
  const { dir } = ctx.configLocation
  const before = { ...ctx.configSignatures, ...signFiles([...signedNow, session.stores.file.path]) }
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

/**
 * Whether the token index answers for this run's inputs now (an entry whose files are all
 * unchanged): asked before a lookup that may renew, it tells a run the hot path sent here (its
 * token had only expired with time) from one whose files had changed anyway.
 * @example `const indexed = indexAnswers(ctx)`
 */
export function indexAnswers(ctx: CliContext): boolean {
  const inputs = tokenIndexInputs(ctx.globals, ctx.env, ctx.homeDir)
  return inputs !== undefined && readTokenIndex(ctx.configLocation.dir, inputs) !== undefined
}

/**
 * After `auth token` renewed the credential (or took the one another process renewed), records
 * the index as a run starting now would: the credentials file (rewritten) and the lock folder
 * (the renewal may have created it) signed again and the folders' trust checked again, the
 * config file and its folder unchanged since they were read, and the credential looked up again
 * from the store (`stored()`: a read, never a renewal, so never a second refresh request);
 * recorded only when that lookup found a fresh token and nothing changed meanwhile. Best
 * effort, as {@link recordTokenIndex}: a lookup or a check that fails now records nothing.
 * @example `if (found.refreshed) await recordRenewed(ctx, session)`
 */
export async function recordRenewed(ctx: CliContext, session: ProfileSession): Promise<void> {
  // Another process that took the same renewal (the one that renewed, or one that waited for it) recorded it already.
  if (indexAnswers(ctx)) return
  const record = recordTokenIndex(ctx, session, [join(ctx.configLocation.dir, '.locks')])
  const trusted = await assertTrustedFolders(ctx.configLocation).then(
    () => true,
    () => false,
  )
  const again = trusted ? await session.auth.stored().catch(() => undefined) : undefined
  if (again !== undefined && isFresh(again.credential)) await record(again)
}
