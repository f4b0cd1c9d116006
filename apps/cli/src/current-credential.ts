import { AuthError, NotFoundError, type Credential, type CredentialKey, type CredentialStore, type ResolvedProfile } from '@auth/core'
import { ENV_PREFIX } from './app.js'
import type { CliContext } from './context.js'
import { envCredential } from './env-token.js'
import { profileSession } from './session.js'

/** A stored credential and where it is. */
export interface FoundCredential {
  store: CredentialStore
  key: CredentialKey
  credential: Credential
}

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
 * The credential to send: the profile session's (`createAuth`): `AUTHCLI_TOKEN` as is, else the
 * stored credential, renewed first under the cross-process refresh lock when it expires within
 * 60 s. A valid stored credential costs one store read and no network: `auth token`'s hot path.
 * @throws AuthenticationError `LOGIN_REQUIRED` / `SESSION_EXPIRED` (exit 4) when there is none or it cannot be renewed.
 * @throws StorageError `STORAGE_ERROR` (exit 6), NetworkError (exit 5) on the way.
 * @example `const { credential } = await currentCredential(ctx)`
 */
export async function currentCredential(ctx: CliContext, options: CurrentCredentialOptions = {}): Promise<CurrentCredential> {
  return (await resolveCurrent(ctx, options, false)) as CurrentCredential
}

/**
 * As {@link currentCredential}, but `undefined` when nothing is stored for the profile (a stored
 * credential that cannot be renewed still throws; so does a profile without a host).
 * @throws AuthenticationError `SESSION_EXPIRED` (exit 4) when the stored credential cannot be renewed.
 * @example `const current = await findCurrentCredential(ctx, { account: 'alice' })`
 */
export async function findCurrentCredential(ctx: CliContext, options: CurrentCredentialOptions = {}): Promise<CurrentCredential | undefined> {
  return resolveCurrent(ctx, options, true)
}

async function resolveCurrent(ctx: CliContext, options: CurrentCredentialOptions, missingIsUndefined: boolean): Promise<CurrentCredential | undefined> {
  const env = await envCredential(ctx)
  if (env) return { credential: env, source: env.source ?? `env:${ENV_PREFIX}_TOKEN`, refreshed: false }
  const { auth, profile } = profileSession(ctx, options)
  let got: Awaited<ReturnType<typeof auth.getCredential>>
  try {
    got = await auth.getCredential({ noLogin: true })
  } catch (error) {
    // The session's "nothing stored": `LOGIN_REQUIRED` caused by the resolution chain's NotFoundError.
    if (missingIsUndefined && AuthError.isInstance(error) && NotFoundError.isInstance(error.cause)) return undefined
    throw error
  }
  return {
    credential: got.credential,
    source: got.source,
    profile,
    ...(got.store && got.key && { found: { store: got.store, key: got.key, credential: got.credential } }),
    refreshed: got.refreshed,
  }
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
