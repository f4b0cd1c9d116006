import { isExpired, resolveCredential, type Credential, type ResolvedProfile } from '@auth/core'
import { CLI_NAME, ENV_PREFIX } from './app.js'
import type { CliContext } from './context.js'
import { envCredential } from './env-token.js'
import { READ_ONLY, loginRequired, profileCredential } from './profile-credential.js'
import { renewCredential } from './renew.js'
import type { FoundCredential } from './stores/find-credential.js'

/** The credential a command sends, and where it came from. */
export interface CurrentCredential {
  credential: Credential
  /** `env:AUTHCLI_TOKEN`, `file`, `keychain`, ... */
  source: string
  /** The profile in force; absent for `AUTHCLI_TOKEN`. */
  profile?: ResolvedProfile & { host: string }
  /** Where it is stored; absent for `AUTHCLI_TOKEN`. */
  found?: FoundCredential
  /** Whether it was renewed just now. */
  refreshed: boolean
}

/** Options of {@link currentCredential}. */
export interface CurrentCredentialOptions {
  /** Exactly this account's credential on the profile's host (git's `username=`). */
  account?: string | undefined
}

/**
 * The credential to send: `AUTHCLI_TOKEN` as is, else the profile's stored credential (exactly
 * its `account` when it names one), renewed first (refresh token, or a new client-credentials
 * grant) when it expires within 60 s and written back to the store it came from. A valid stored
 * credential costs one store read and no network: `auth token`'s hot path.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when there is none or it cannot be renewed.
 * @throws StorageError `STORAGE_ERROR` (exit 6), NetworkError (exit 5) on the way.
 * @example `const { credential } = await currentCredential(ctx)`
 */
export async function currentCredential(ctx: CliContext, options: CurrentCredentialOptions = {}): Promise<CurrentCredential> {
  const current = await findCurrentCredential(ctx, options)
  if (current) return current
  const profile = ctx.resolveProfile({}, READ_ONLY)
  const host = profile.host ?? '?'
  throw loginRequired(`not logged in to ${host}${options.account === undefined ? '' : ` as ${options.account}`}`, `run \`${CLI_NAME} auth login${loginFlags(ctx, { name: profile.name, host })}\``)
}

/**
 * As {@link currentCredential}, but `undefined` when nothing is stored for the profile (a stored
 * credential that cannot be renewed still throws).
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when no host is configured, or the stored credential cannot be renewed.
 * @example `const current = await findCurrentCredential(ctx, { account: 'alice' })`
 */
export async function findCurrentCredential(ctx: CliContext, options: CurrentCredentialOptions = {}): Promise<CurrentCredential | undefined> {
  const env = await envCredential(ctx)
  if (env) return { credential: env, source: env.source ?? `env:${ENV_PREFIX}_TOKEN`, refreshed: false }
  const { profile, found } = await profileCredential(ctx, options)
  if (!found) return undefined
  if (!isExpired(found.credential)) return { credential: found.credential, source: found.store.kind, profile, found, refreshed: false }
  const credential = await resolveCredential({
    key: found.key,
    store: found.store,
    env: {},
    envPrefix: ENV_PREFIX,
    cliName: CLI_NAME,
    refresh: (stale) => renewCredential(stale, profile, ctx),
  })
  return { credential, source: found.store.kind, profile, found: { ...found, credential }, refreshed: true }
}

/**
 * `--profile NAME` / `--host URL` for a login hint, as the user named them.
 * @example `loginFlags(ctx, { name: 'ci', host })` is `' --profile ci'` under `--profile ci`
 */
export function loginFlags(ctx: Pick<CliContext, 'globals'>, profile: { name: string; host: string }): string {
  if (ctx.globals.profile !== undefined) return ` --profile ${profile.name}`
  if (ctx.globals.host !== undefined) return ` --host ${profile.host}`
  return profile.name === 'default' ? '' : ` --profile ${profile.name}`
}
