import { AuthError, ErrorCode, StorageError, isUsable, maskToken, type CredentialStatus, type ResolvedProfile, type SessionCredential, type TokenCheck } from '@auth/core'
import { CLI_NAME, ENV_PREFIX } from '../app.js'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { READ_ONLY, beginLogin, loginRequired } from '../profile-credential.js'
import { formatJson } from '../render.js'
import { profileSession, TOKEN_VARIABLE } from '../session.js'
import { sanitizeText } from '@auth/core/kit'

/** `auth status [--show-token] [--offline]`. */
export interface AuthStatusOptions {
  /** Print tokens in full (otherwise masked, and absent from `--json`). */
  showToken: boolean
  /** Only the profile named by `--profile` / `--host`. */
  only: boolean
  /** Do not ask the server whether the tokens still work. */
  offline?: boolean
}

/** One account logged in to a profile's host. */
export interface AccountStatus {
  account: string
  /** The one the profile uses now. */
  active: boolean
  flow: string
  store: string
  location: string | null
  expiresAt: string | null
  valid: boolean
  check: TokenCheck | null
}

/** One profile in `auth status`; the `--json` shape of CLI.md. */
export interface ProfileStatus {
  name: string
  host: string | null
  account: string | null
  flow: string | null
  /** The store holding the credential (`keychain`, `file`, ...), or `env:AUTHCLI_TOKEN`; `null` when none. */
  store: string | null
  active: boolean
  expiresAt: string | null
  scopes: string[]
  tenant: string | null
  /** A credential is there and usable: not expired, or renewable without the user, and not refused by the server. */
  valid: boolean
  /** Where the credential in force comes from: `env:AUTHCLI_TOKEN`, or the store kind. */
  source: string | null
  /** Exactly where it lives: the file path, or the keychain service and account. */
  location: string | null
  /** What the server said of the token (`null` with `--offline`, or without a credential). */
  check: TokenCheck | null
  /** Every account logged in to the host, the one in use marked. */
  accounts: AccountStatus[]
  /** For the active profile: what made it the one in force (`--host`, `--profile`, `AUTHCLI_HOST`, `active_profile`, `AUTHCLI_TOKEN`). */
  selectedBy: string | null
  /** With `--show-token` only. */
  token?: string
}

/** What `auth status` shows; also its `--json` shape. */
export interface AuthStatusResult {
  active: string | null
  profiles: ProfileStatus[]
  /** Stores that could not be read (a corrupt credentials file), and why. */
  unavailable: { store: string; reason: string }[]
  /** Not in the JSON: the masked tokens for the text form. */
  masked: Record<string, string>
  /** Not in the JSON: whether the tokens were checked at the server. */
  offline?: boolean
}

/**
 * `auth status`: `--show-token`, `--offline`; `--profile`/`--host` narrow it to one profile.
 * @example `parseAuthStatusOptions({ opts: { showToken: true }, ... })` is `{ showToken: true, only: false, offline: false }`
 */
export function parseAuthStatusOptions({ opts, globals }: ParseInput): AuthStatusOptions {
  return { showToken: opts.showToken === true, only: globals.profile !== undefined || globals.host !== undefined, offline: opts.offline === true }
}

/**
 * Every profile (or the one named) with its credential: who, which flow, where exactly it is
 * stored, when it expires, the scopes, every account on the host, and (unless `--offline`)
 * whether the server still accepts the token (core's `status({ verify: true })`; never a
 * renewal). `AUTHCLI_TOKEN`, when set, stands for the active profile (store `env:AUTHCLI_TOKEN`).
 * A store that cannot be read (a corrupt file) is listed in `unavailable`; the profiles are still shown.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) for `--host URL` that no profile and no store knows.
 */
export async function runAuthStatus(options: AuthStatusOptions, ctx: CliContext): Promise<AuthStatusResult> {
  const active = ctx.resolveProfile({}, READ_ONLY)
  const verify = options.offline !== true
  const names = options.only ? [active.name] : profileNames(ctx, active.name, active.host)
  const env = await envToken(ctx)
  const result: AuthStatusResult = {
    active: active.host === undefined && !env ? activeName(ctx) : active.name,
    profiles: [],
    unavailable: [],
    masked: {},
    offline: !verify,
  }
  for (const name of names) {
    const isActive = name === active.name
    const entry = isActive && env ? await fromEnv(ctx, name, active.host ?? null, env, verify) : await profileStatus(ctx, name, options.only, verify, result)
    entry.active = isActive
    if (isActive) entry.selectedBy = env ? TOKEN_VARIABLE : selectedBy(ctx)
    const credentialToken = entry.token
    delete entry.token
    if (credentialToken !== undefined) {
      result.masked[name] = maskToken(credentialToken)
      if (options.showToken) entry.token = credentialToken
    }
    result.profiles.push(entry)
  }
  if (options.only && ctx.globals.host !== undefined && !env) unknownHost(ctx, result.profiles[0])
  return result
}

/** `--host URL` that no profile names and no store holds: say so instead of showing it as the active profile. */
function unknownHost(ctx: CliContext, entry: ProfileStatus | undefined): void {
  if (!entry || entry.store !== null || entry.host === null) return
  if (Object.values(ctx.config.profiles).some((p) => p.host === entry.host)) return
  const known = [...new Set(Object.values(ctx.config.profiles).flatMap((p) => (p.host === undefined ? [] : [p.host])))]
  throw loginRequired(
    `no profile and no stored credential knows the host ${entry.host}`,
    `${known.length > 0 ? `known hosts: ${known.join(', ')}; ` : ''}log in to it with \`${CLI_NAME} auth login --host ${entry.host}\``,
    beginLogin(entry.host),
  )
}

/** What made the active profile the one in force. */
function selectedBy(ctx: CliContext): string {
  if (ctx.globals.profile !== undefined) return '--profile'
  if (ctx.globals.host !== undefined) return '--host'
  if ((ctx.env[`${ENV_PREFIX}_HOST`] ?? '').trim() !== '') return `${ENV_PREFIX}_HOST`
  if ((ctx.env[`${ENV_PREFIX}_PROFILE`] ?? '').trim() !== '') return `${ENV_PREFIX}_PROFILE`
  return ctx.config.activeProfile !== undefined ? 'active_profile' : 'default'
}

/** `AUTHCLI_TOKEN` when it is in force for the profile in force (it stands for the active profile). */
async function envToken(ctx: CliContext): Promise<SessionCredential | undefined> {
  if ((ctx.env[TOKEN_VARIABLE] ?? '').trim() === '') return undefined
  const stored = await profileSession(ctx).auth.stored()
  return stored?.key === undefined ? stored : undefined
}

function profileNames(ctx: CliContext, activeName: string, activeHost: string | undefined): string[] {
  const names = Object.keys(ctx.config.profiles).filter((n) => ctx.config.profiles[n]?.host !== undefined)
  if (activeHost !== undefined && !names.includes(activeName)) names.unshift(activeName)
  return names
}

function activeName(ctx: CliContext): string | null {
  const names = Object.keys(ctx.config.profiles)
  return ctx.config.activeProfile ?? (names.includes('default') ? 'default' : null)
}

async function profileStatus(ctx: CliContext, name: string, only: boolean, verify: boolean, result: AuthStatusResult): Promise<ProfileStatus> {
  const stored = ctx.config.profiles[name]
  const profile = only ? ctx.resolveProfile({}, READ_ONLY) : ctx.resolveProfile({ profile: name, ...(stored?.host !== undefined && { host: stored.host }) }, READ_ONLY)
  if (profile.host === undefined) return empty(name, null, profile.flow, profile.tenant)
  const host = profile.host
  // Every account on the host (no pin), then the one the profile uses (its pin, else the session's pick).
  const { account: pinned, ...unpinned } = profile
  // Offline for the list; only the account in use is checked at the server (one request, not one per account).
  const status = await profileSession(ctx, { profile: { ...unpinned, host }, account: undefined, envToken: false }).auth.status()
  for (const u of status.unavailable) if (u.reason !== 'not available here' && !result.unavailable.some((r) => r.store === u.store)) result.unavailable.push(u)
  const inUse = await accountInUse(ctx, { ...profile, host }, pinned, status.credentials)
  const listed = status.credentials.find((c) => c.account === inUse)
  const checked =
    verify && listed
      ? (await profileSession(ctx, { profile: { ...profile, host, account: listed.account }, account: listed.account, envToken: false }).auth.status({ verify })).credentials.find(
          (c) => c.account === listed.account && c.store === listed.store,
        )
      : undefined
  const credential = checked ?? listed
  if (!credential) return { ...empty(name, host, profile.flow, profile.tenant), accounts: accountsOf(status.credentials, undefined) }
  const token = inUse === undefined ? undefined : await tokenOf(ctx, { ...profile, host }, inUse)
  return {
    name,
    host,
    account: credential.account,
    flow: credential.flow,
    store: credential.store,
    active: false,
    expiresAt: credential.expiresAt === undefined ? null : new Date(credential.expiresAt).toISOString(),
    scopes: credential.check?.scopes ?? credential.scopes,
    // The tenant in force: the one the credential was issued for, else the profile's (a device login records none).
    tenant: credential.tenant ?? profile.tenant ?? null,
    valid: credential.valid,
    source: credential.store,
    location: credential.location ?? null,
    check: credential.check ?? null,
    accounts: accountsOf(
      status.credentials.map((c) => (c.account === credential.account && c.store === credential.store ? credential : c)),
      credential.account,
    ),
    selectedBy: null,
    ...(token !== undefined && { token }),
  }
}

/** The account the profile uses: its pin, else the one the session picks (a store that cannot be read: the first listed). */
async function accountInUse(ctx: CliContext, profile: ResolvedProfile & { host: string }, pinned: string | undefined, credentials: CredentialStatus[]): Promise<string | undefined> {
  if (pinned !== undefined) return pinned
  try {
    return (await profileSession(ctx, { profile, envToken: false }).auth.stored())?.key?.account
  } catch (error) {
    if (!StorageError.isInstance(error)) throw error
    return credentials[0]?.account
  }
}

/** The access token of that account, for `--show-token` and the masked form; `undefined` when its store cannot be read. */
async function tokenOf(ctx: CliContext, profile: ResolvedProfile & { host: string }, account: string): Promise<string | undefined> {
  try {
    return (await profileSession(ctx, { profile: { ...profile, account }, account, envToken: false }).auth.stored())?.credential.accessToken
  } catch (error) {
    if (AuthError.isInstance(error) && error.code === ErrorCode.STORAGE_ERROR) return undefined
    throw error
  }
}

function accountsOf(credentials: CredentialStatus[], inUse: string | undefined): AccountStatus[] {
  return credentials.map((c) => ({
    account: c.account,
    active: c.account === inUse,
    flow: c.flow,
    store: c.store,
    location: c.location ?? null,
    expiresAt: c.expiresAt === undefined ? null : new Date(c.expiresAt).toISOString(),
    valid: c.valid,
    check: c.check ?? null,
  }))
}

async function fromEnv(ctx: CliContext, name: string, host: string | null, env: SessionCredential, verify: boolean): Promise<ProfileStatus> {
  const { credential } = env
  const check = verify ? ((await profileSession(ctx).auth.status({ verify: true })).envCheck ?? null) : null
  return {
    name,
    host,
    account: null,
    flow: credential.flow,
    store: env.source,
    active: false,
    expiresAt: credential.expiresAt === undefined ? null : new Date(credential.expiresAt).toISOString(),
    scopes: check?.scopes ?? [...credential.scopes],
    tenant: credential.tenant ?? null,
    valid: isUsable(credential) && check?.result !== 'refused',
    source: env.source,
    location: `the environment variable ${TOKEN_VARIABLE}`,
    check,
    accounts: [],
    selectedBy: null,
    token: credential.accessToken,
  }
}

function empty(name: string, host: string | null, flow: string | undefined, tenant: string | undefined): ProfileStatus {
  return {
    name,
    host,
    account: null,
    flow: flow ?? null,
    store: null,
    active: false,
    expiresAt: null,
    scopes: [],
    tenant: tenant ?? null,
    valid: false,
    source: null,
    location: null,
    check: null,
    accounts: [],
    selectedBy: null,
  }
}

/** The fields of a profile in `--json`: CLI.md's shape, `source` and `location` (the rest is text only, so the contract's shape holds). */
const JSON_FIELDS = ['name', 'host', 'account', 'flow', 'store', 'active', 'expiresAt', 'scopes', 'tenant', 'valid', 'source', 'location', 'token'] as const

/**
 * One block per profile on stdout (`--json`: CLI.md's `{ active, profiles }` with `source` and
 * `location`), a warning per store that could not be read; then exit 4 with `LOGIN_REQUIRED`
 * when the active profile holds no usable credential (or the server refused it), or exit 6 with
 * `STORAGE_ERROR` when a store could not be read and the active profile is not logged in.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4), StorageError `STORAGE_ERROR` (exit 6), after printing.
 */
export function renderAuthStatus(result: AuthStatusResult, ctx: CliContext): void {
  const { masked, offline } = result
  if (ctx.globals.json) {
    const profiles = result.profiles.map((p) => Object.fromEntries(JSON_FIELDS.filter((k) => k in p).map((k) => [k, p[k]])))
    ctx.out.write(formatJson({ active: result.active, profiles }))
  } else for (const p of result.profiles) ctx.out.write(formatProfileStatus(p, masked[p.name], offline === true, ctx))
  const active = result.profiles.find((p) => p.active)
  const unreadable = result.unavailable[0]
  if (unreadable && !active?.valid) {
    throw new StorageError(`the ${unreadable.store} store could not be read: ${sanitizeText(unreadable.reason, 500)}`, {
      hint: `\`${CLI_NAME} auth logout\` or \`${CLI_NAME} auth login\` moves a corrupt file aside`,
    })
  }
  if (!ctx.globals.json) for (const u of result.unavailable) ctx.warn(`the ${u.store} store could not be read: ${sanitizeText(u.reason, 500)}`)
  if (active?.valid) return
  if (active?.check?.result === 'refused') {
    throw loginRequired(`the server refused the token of the active profile '${active.name}'`, `run \`${CLI_NAME} auth login${loginFlag(active)}\``, beginLogin(active.host ?? undefined))
  }
  if (active)
    throw loginRequired(
      `the active profile '${active.name}' holds no usable credential${active.host ? ` for ${active.host}` : ''}`,
      `run \`${CLI_NAME} auth login${loginFlag(active)}\``,
      beginLogin(active.host ?? undefined),
    )
  throw loginRequired('not logged in to any host', `run \`${CLI_NAME} auth login --host URL\``)
}

function loginFlag(p: ProfileStatus): string {
  return p.name === 'default' ? '' : ` --profile ${p.name}`
}

/** The rows of one profile; a product (or a later command) adds its own rows to the list. */
export function profileRows(p: ProfileStatus, masked: string | undefined): [string, string | null][] {
  return [
    ['host', p.host],
    ['account', p.account],
    ['accounts', p.accounts.length > 1 ? p.accounts.map((a) => `${a.account}${a.active ? ' (active)' : ''}`).join(', ') : null],
    ['flow', p.flow],
    ['store', p.store],
    ['location', p.location],
    ['expires', expiresText(p)],
    ['scopes', p.scopes.length > 0 ? p.scopes.join(' ') : null],
    ['tenant', p.tenant],
    ['token', p.token ?? masked ?? null],
    ['in use', p.active && p.selectedBy !== null ? selectedByText(p.selectedBy) : null],
  ]
}

function formatProfileStatus(p: ProfileStatus, masked: string | undefined, offline: boolean, ctx: CliContext): string {
  const { colors } = ctx.out
  const title = `${colors.bold(p.name)}${p.active ? colors.green(' (active)') : ''}`
  // Stored text (scopes, account, tenant) may come from a server or a tampered file: no control or bidi characters reach the terminal.
  const lines = profileRows(p, masked)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `  ${`${k}:`.padEnd(9)} ${sanitizeText(v as string, 4096)}`)
  const state = sanitizeText(stateText(p, offline), 4096)
  return `${title}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}  ${state.startsWith('✓') ? colors.green(state) : colors.red(state)}\n`
}

function expiresText(p: ProfileStatus): string | null {
  if (p.expiresAt === null) return p.store ? 'never (or not known)' : null
  // A token the server refused, or a session it ended, is not "in 59m": only its time is shown.
  if (p.check?.result === 'refused' || (!p.valid && Date.parse(p.expiresAt) > Date.now())) return `${p.expiresAt} (no longer usable)`
  return `${p.expiresAt} (${relative(Date.parse(p.expiresAt) - Date.now())})`
}

function selectedByText(by: string): string {
  if (by === TOKEN_VARIABLE) return `${TOKEN_VARIABLE} (it wins over every stored credential)`
  if (by === 'active_profile' || by === 'default') return 'the active profile'
  return `chosen by ${by}`
}

/** The last line of a profile: logged in or not, and what the server said. */
function stateText(p: ProfileStatus, offline: boolean): string {
  if (!p.store) return '✗ not logged in'
  const check = p.check
  if (check?.result === 'refused') return `✗ token refused by the server${check.detail ? ` (${check.detail})` : ''}; log in again`
  if (!p.valid) return p.expiresAt !== null && Date.parse(p.expiresAt) <= Date.now() ? '✗ expired; log in again' : '✗ the server ended this session; log in again'
  if (offline) return '✓ logged in (not verified: offline)'
  if (check?.result === 'accepted') return `✓ logged in; the server accepts the token${check.detail ? ` (${check.detail})` : ''}`
  if (check?.result === 'skipped' && p.expiresAt !== null && Date.parse(p.expiresAt) <= Date.now()) return '✓ logged in (the access token has expired; the next command renews it)'
  if (check?.result === 'failed') return `✓ logged in (not verified: ${check.detail ?? 'no answer'})`
  return `✓ logged in (not verified${check?.detail ? `: ${check.detail}` : ''})`
}

/**
 * `in 59m`, `expired 2h ago`.
 * @example `relative(90_000)` is `'in 1m'`
 */
export function relative(ms: number): string {
  const abs = Math.abs(ms)
  const text =
    abs < 60_000 ? `${Math.round(abs / 1000)}s` : abs < 3_600_000 ? `${Math.floor(abs / 60_000)}m` : abs < 172_800_000 ? `${Math.floor(abs / 3_600_000)}h` : `${Math.floor(abs / 86_400_000)}d`
  return ms >= 0 ? `in ${text}` : `expired ${text} ago`
}

export const authStatusCommand: CommandSpec<AuthStatusOptions, AuthStatusResult> = {
  id: 'auth status',
  parse: parseAuthStatusOptions,
  run: runAuthStatus,
  render: renderAuthStatus,
}
