import { AuthError, ConfigError, ErrorCode, credentialKeyId, probeStore, type CredentialKey, type CredentialStore } from '@auth/core'
import { CLI_NAME } from '../app.js'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { envCredential, TOKEN_VARIABLE } from '../env-token.js'
import { READ_ONLY, loginRequired } from '../profile-credential.js'
import { formatJson } from '../render.js'
import { revokeCredential } from '../revoke.js'
import { createStores } from '../stores/create-stores.js'
import { findCredential } from '../stores/find-credential.js'

/** `auth logout [--all]`; `--host` / `--profile` are global. */
export interface AuthLogoutOptions {
  /** Every credential of every host, from every store. */
  all: boolean
}

/** One credential forgotten. */
export interface LoggedOut {
  host: string
  account: string
  /** The stores it was deleted from. */
  stores: string[]
  /** Whether it was revoked at the server (`false`: not revocable, or the revocation failed). */
  revoked: boolean
}

/** What `auth logout` did; its `--json` shape. */
export interface AuthLogoutResult {
  loggedOut: LoggedOut[]
}

/**
 * `auth logout`: `--all`, which excludes `--host` and `--profile`.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for `--all` with `--host` or `--profile`.
 * @example `parseAuthLogoutOptions({ opts: { all: true }, ... })` is `{ all: true }`
 */
export function parseAuthLogoutOptions({ opts, globals }: ParseInput): AuthLogoutOptions {
  const all = opts.all === true
  if (all && (globals.host !== undefined || globals.profile !== undefined)) {
    throw new ConfigError('--all cannot be used with --host or --profile', { code: ErrorCode.USAGE_ERROR, hint: 'log out of everything with --all, or of one host with --host URL' })
  }
  return { all }
}

/**
 * Forgets the profile's credential (or with `--all` every credential) from every store that
 * holds it (keychain, encrypted file and file alike), after revoking it at the server where
 * the flow and the server allow; a failed revocation is a warning, the local copy goes anyway.
 * Config preferences stay; a profile pinned to an account logged out of is unpinned (`account`).
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when there is nothing to log out of.
 * @throws StorageError `STORAGE_ERROR` (exit 6) when a store holding it cannot be changed.
 */
export async function runAuthLogout(options: AuthLogoutOptions, ctx: CliContext): Promise<AuthLogoutResult> {
  if (await envCredential(ctx)) ctx.warn(`${TOKEN_VARIABLE} is set: it is not stored anywhere, so logging out does not remove it; unset it too`)
  const stores = await reachableStores(ctx)
  const keys = options.all ? await everyKey(stores) : await profileKeys(ctx, stores)
  const loggedOut: LoggedOut[] = []
  for (const key of keys) {
    const done = await forget(ctx, stores, key)
    if (done) loggedOut.push(done)
  }
  if (loggedOut.length === 0) throw loginRequired('not logged in to any host', `run \`${CLI_NAME} auth status\` to see the profiles`)
  await unpin(ctx, loggedOut)
  return { loggedOut }
}

/**
 * Profiles pinned (`account`) to an account just logged out of are unpinned, so they fall back
 * to another account still logged in to the host instead of "not logged in".
 */
async function unpin(ctx: CliContext, gone: LoggedOut[]): Promise<void> {
  if (ctx.configLocation.format === 'yaml') return
  const profiles = { ...ctx.config.profiles }
  let changed = false
  for (const [name, profile] of Object.entries(profiles)) {
    if (profile.account === undefined || !gone.some((g) => g.host === profile.host && g.account === profile.account)) continue
    const { account: _account, ...rest } = profile
    profiles[name] = rest
    changed = true
  }
  if (changed) await ctx.saveConfig({ ...ctx.config, profiles })
}

/** Every store that can be read here, with its keys: keychain (when it answers), encrypted, file. */
async function reachableStores(ctx: CliContext): Promise<Listed[]> {
  const { keychain, encrypted, file } = createStores(ctx, { keychainKey: true })
  const out: Listed[] = []
  const probe = await probeStore(keychain, 3000)
  if (!probe.available) ctx.logger.debug(`keychain not searched: ${probe.reason ?? 'not available'}`)
  for (const store of [...(probe.available ? [keychain] : []), ...(encrypted ? [encrypted] : []), file]) {
    const keys = await tolerant(ctx, store, () => store.list(), undefined)
    if (keys) out.push({ store, keys })
  }
  return out
}

interface Listed {
  store: CredentialStore
  keys: CredentialKey[]
}

async function profileKeys(ctx: CliContext, stores: Listed[]): Promise<CredentialKey[]> {
  const profile = ctx.resolveProfile({}, READ_ONLY)
  if (profile.host === undefined) throw loginRequired('no host is configured', `pass --host URL or --profile NAME; \`${CLI_NAME} auth status\` lists the profiles`)
  const found = await findCredential(stores.map((s) => s.store), { host: profile.host, flow: profile.flow, clientId: profile.clientId, account: profile.account })
  if (found) return [found.key]
  throw loginRequired(`not logged in to ${profile.host}`, `run \`${CLI_NAME} auth status\` to see the profiles`)
}

async function everyKey(stores: Listed[]): Promise<CredentialKey[]> {
  const keys = new Map<string, CredentialKey>()
  for (const { keys: listed } of stores) for (const key of listed) keys.set(credentialKeyId(key), key)
  return [...keys.values()]
}

async function forget(ctx: CliContext, stores: Listed[], key: CredentialKey): Promise<LoggedOut | undefined> {
  const holders: CredentialStore[] = []
  let credential
  for (const { store, keys } of stores) {
    if (!keys.some((k) => credentialKeyId(k) === credentialKeyId(key))) continue
    const held = await store.get(key)
    if (!held) continue
    holders.push(store)
    credential ??= held
  }
  if (!credential) return undefined
  const revoked = await revoke(ctx, key, credential)
  for (const store of holders) await store.delete(key)
  return { host: key.host, account: key.account, stores: holders.map((s) => s.kind), revoked }
}

async function revoke(ctx: CliContext, key: CredentialKey, credential: Parameters<typeof revokeCredential>[0]): Promise<boolean> {
  try {
    return await revokeCredential(credential, ctx.resolveProfile({ host: key.host }, READ_ONLY), ctx)
  } catch (error) {
    if (!AuthError.isInstance(error) || error.code === ErrorCode.CANCELLED) throw error
    ctx.warn(`could not revoke the token of ${key.account} at ${key.host} (${error.message}); it is deleted here, and stays valid at the server until it expires`)
    return false
  }
}

/** A store that fails to read (a locked keychain, a wrong key) is reported and skipped. */
async function tolerant<T>(ctx: CliContext, store: CredentialStore, read: () => Promise<T>, fallback: T): Promise<T> {
  try {
    return await read()
  } catch (error) {
    if (!AuthError.isInstance(error) || error.code !== ErrorCode.STORAGE_ERROR) throw error
    ctx.warn(`the ${store.kind} store could not be read, so it was not cleaned: ${error.message}`)
    return fallback
  }
}

/** `✓ Logged out of HOST as ACCOUNT (removed from: file)` per credential on stderr; `--json`: {@link AuthLogoutResult}. */
export function renderAuthLogout(result: AuthLogoutResult, ctx: CliContext): void {
  if (ctx.globals.json) return ctx.out.write(formatJson(result))
  for (const r of result.loggedOut) {
    ctx.err.line(`${ctx.err.colors.green('✓')} Logged out of ${r.host} as ${r.account} (removed from: ${r.stores.join(', ')}${r.revoked ? '; revoked at the server' : ''})`)
  }
}

export const authLogoutCommand: CommandSpec<AuthLogoutOptions, AuthLogoutResult> = {
  id: 'auth logout',
  parse: parseAuthLogoutOptions,
  run: runAuthLogout,
  render: renderAuthLogout,
}
