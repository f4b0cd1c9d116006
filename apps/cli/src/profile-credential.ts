import { AuthenticationError, ErrorCode, ExitCode, type ResolvedProfile } from '@auth/core'
import { CLI_NAME } from './app.js'
import type { CliContext } from './context.js'
import { createStores, type CliStores } from './stores/create-stores.js'
import { findCredential, readableStores, type FoundCredential } from './stores/find-credential.js'

/**
 * `resolveProfile` options for commands that only read stores (`auth token`, `status`, `logout`):
 * a host saved by an `--insecure` login stays usable; nothing here connects to it.
 */
export const READ_ONLY = { allowInsecure: true } as const

/** A profile's credential, where it is, and the stores that were searched. */
export interface ProfileCredential {
  profile: ResolvedProfile & { host: string }
  stores: CliStores
  found: FoundCredential | undefined
}

/**
 * Finds the credential of the profile in force (`--profile`, `--host`, the active one) in the
 * stores its `store` setting names (`auto`: keychain, encrypted, file). A profile pinned to an
 * `account` (or `options.account`) gets exactly that account's credential.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when no host is configured.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when a store fails.
 * @example `const { found } = await profileCredential(ctx)`
 */
export async function profileCredential(ctx: CliContext, options: { account?: string | undefined } = {}): Promise<ProfileCredential> {
  // Reading a store connects to nothing: a host saved by an `--insecure` login is accepted here
  // (a renewal that does connect warns about plain http).
  const profile = ctx.resolveProfile({}, READ_ONLY)
  if (profile.host === undefined) throw loginRequired('no host is configured', `run \`${CLI_NAME} auth login --host URL\``)
  const stores = createStores(ctx, { keychainKey: profile.store === 'encrypted' })
  const searched = await readableStores(stores, profile.store)
  const account = options.account ?? profile.account
  ctx.logger.debug(`profile ${profile.name}: looking for ${profile.host}${account === undefined ? '' : ` (account ${account})`} in ${searched.map((s) => s.kind).join(', ') || 'no store'}`)
  const found = await findCredential(searched, { host: profile.host, flow: profile.flow, clientId: profile.clientId, account })
  return { profile: { ...profile, host: profile.host }, stores, found }
}

/**
 * The "log in first" error: exit 4, hint `authcli auth login`.
 * @example `throw loginRequired('not logged in to https://api.example.com')`
 */
export function loginRequired(message: string, hint = `run \`${CLI_NAME} auth login\``): AuthenticationError {
  return new AuthenticationError(message, { code: ErrorCode.LOGIN_REQUIRED, exitCode: ExitCode.AUTH, hint })
}
