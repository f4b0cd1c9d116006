import { isUsable, maskToken, type Credential, type SessionCredential } from '@auth/core'
import { CLI_NAME } from '../app.js'
import type { CommandSpec, ParseInput } from '../command.js'
import type { CliContext } from '../context.js'
import { READ_ONLY, loginRequired } from '../profile-credential.js'
import { formatJson } from '../render.js'
import { profileSession, TOKEN_VARIABLE } from '../session.js'
import { sanitizeText } from '@auth/core/kit'

/** `auth status [--show-token]`. */
export interface AuthStatusOptions {
  /** Print tokens in full (otherwise masked, and absent from `--json`). */
  showToken: boolean
  /** Only the profile named by `--profile` / `--host`. */
  only: boolean
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
  /** A credential is there and usable: not expired, or renewable without the user. */
  valid: boolean
  /** With `--show-token` only. */
  token?: string
}

/** What `auth status` shows; also its `--json` shape. */
export interface AuthStatusResult {
  active: string | null
  profiles: ProfileStatus[]
  /** Not in the JSON: the masked tokens for the text form. */
  masked: Record<string, string>
}

/**
 * `auth status`: `--show-token`; `--profile`/`--host` narrow it to one profile.
 * @example `parseAuthStatusOptions({ opts: { showToken: true }, ... })` is `{ showToken: true, only: false }`
 */
export function parseAuthStatusOptions({ opts, globals }: ParseInput): AuthStatusOptions {
  return { showToken: opts.showToken === true, only: globals.profile !== undefined || globals.host !== undefined }
}

/**
 * Every profile (or the one named) with its credential: who, which flow, which store holds it,
 * when it expires, the scopes and whether it is usable. Offline: nothing is sent anywhere.
 * `AUTHCLI_TOKEN`, when set, stands for the active profile (store `env:AUTHCLI_TOKEN`).
 * @throws StorageError `STORAGE_ERROR` (exit 6) when a store fails.
 */
export async function runAuthStatus(options: AuthStatusOptions, ctx: CliContext): Promise<AuthStatusResult> {
  const active = ctx.resolveProfile({}, READ_ONLY)
  const names = options.only ? [active.name] : profileNames(ctx, active.name, active.host)
  const env = await envToken(ctx)
  const result: AuthStatusResult = { active: active.host === undefined && !env ? activeName(ctx) : active.name, profiles: [], masked: {} }
  for (const name of names) {
    const isActive = name === active.name
    const entry = isActive && env ? fromCredential(name, active.host ?? null, env.credential, env.source) : await profileStatus(ctx, name, options.only)
    entry.active = isActive
    const credentialToken = entry.token
    delete entry.token
    if (credentialToken !== undefined) {
      result.masked[name] = maskToken(credentialToken)
      if (options.showToken) entry.token = credentialToken
    }
    result.profiles.push(entry)
  }
  return result
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

async function profileStatus(ctx: CliContext, name: string, only: boolean): Promise<ProfileStatus> {
  const stored = ctx.config.profiles[name]
  const profile = only ? ctx.resolveProfile({}, READ_ONLY) : ctx.resolveProfile({ profile: name, ...(stored?.host !== undefined && { host: stored.host }) }, READ_ONLY)
  if (profile.host === undefined) return empty(name, null, profile.flow, profile.tenant)
  const found = await profileSession(ctx, { profile, envToken: false }).auth.stored()
  if (!found?.key) return empty(name, profile.host, profile.flow, profile.tenant)
  // The tenant in force: the one the credential was issued for, else the profile's (a device login records none).
  return { ...fromCredential(name, profile.host, found.credential, found.source), account: found.key.account, tenant: found.credential.tenant ?? profile.tenant ?? null }
}

function fromCredential(name: string, host: string | null, credential: Credential, store: string): ProfileStatus {
  return {
    name,
    host,
    account: null,
    flow: credential.flow,
    store,
    active: false,
    expiresAt: credential.expiresAt === undefined ? null : new Date(credential.expiresAt).toISOString(),
    scopes: [...credential.scopes],
    tenant: credential.tenant ?? null,
    valid: isUsable(credential),
    token: credential.accessToken,
  }
}

function empty(name: string, host: string | null, flow: string | undefined, tenant: string | undefined): ProfileStatus {
  return { name, host, account: null, flow: flow ?? null, store: null, active: false, expiresAt: null, scopes: [], tenant: tenant ?? null, valid: false }
}

/**
 * One block per profile on stdout (`--json`: {@link AuthStatusResult} without the masked
 * tokens); then exit 4 with `LOGIN_REQUIRED` when the active profile holds no usable credential.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4), after printing.
 */
export function renderAuthStatus(result: AuthStatusResult, ctx: CliContext): void {
  const { masked, ...json } = result
  if (ctx.globals.json) ctx.out.write(formatJson(json))
  else if (result.profiles.length === 0) ctx.err.line(`not logged in to any host; run '${CLI_NAME} auth login --host URL'`)
  else for (const p of result.profiles) ctx.out.write(formatProfileStatus(p, masked[p.name], ctx))
  const active = result.profiles.find((p) => p.active)
  if (active?.valid) return
  if (active)
    throw loginRequired(
      `the active profile '${active.name}' holds no usable credential${active.host ? ` for ${active.host}` : ''}`,
      `run \`${CLI_NAME} auth login${active.name === 'default' ? '' : ` --profile ${active.name}`}\``,
    )
  throw loginRequired('not logged in to any host', `run \`${CLI_NAME} auth login --host URL\``)
}

function formatProfileStatus(p: ProfileStatus, masked: string | undefined, ctx: CliContext): string {
  const { colors } = ctx.out
  const title = `${colors.bold(p.name)}${p.active ? colors.green(' (active)') : ''}`
  const rows: [string, string | null][] = [
    ['host', p.host],
    ['account', p.account],
    ['flow', p.flow],
    ['store', p.store],
    ['expires', p.expiresAt === null ? (p.store ? 'never (or not known)' : null) : `${p.expiresAt} (${relative(Date.parse(p.expiresAt) - Date.now())})`],
    ['scopes', p.scopes.length > 0 ? p.scopes.join(' ') : null],
    ['tenant', p.tenant],
    ['token', p.token ?? masked ?? null],
  ]
  // Stored text (scopes, account, tenant) may come from a server or a tampered file: no control or bidi characters reach the terminal.
  const lines = rows.filter(([, v]) => v !== null).map(([k, v]) => `  ${`${k}:`.padEnd(9)} ${sanitizeText(v as string, 4096)}`)
  const state = p.valid ? colors.green('✓ logged in') : p.store ? colors.red('✗ expired; log in again') : colors.red(`✗ not logged in`)
  return `${title}\n${lines.join('\n')}${lines.length > 0 ? '\n' : ''}  ${state}\n`
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
