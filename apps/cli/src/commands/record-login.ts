import { resolve } from 'node:path'
import type { AuthConfig, ProfileConfig, ResolvedProfile, StoreChoice } from '@auth/core'
import type { CliContext } from '../context.js'
import type { AuthLoginOptions, LoginFlowKind } from './auth-login-options.js'

/** What a successful login records. */
export interface LoginRecord {
  options: AuthLoginOptions
  profile: ResolvedProfile & { host: string }
  flow: LoginFlowKind
  /** The kind of store actually used. */
  store: string
  /** The account the credential is stored under: the profile is pinned to it (`account`). */
  account?: string
}

/**
 * Records a login in the config file and makes its profile the active one (as `gh` does):
 * host, account, issuer (when given), client id, flow, requested scopes, tenant, the store
 * actually used, the profile URL, and where the client secret comes from. Never a secret. Nothing is
 * written for a (read-only) YAML config. Returns the profile name.
 * @example `await recordLogin(ctx, { options, profile, flow: 'device', store: 'file' })` is `'default'`
 */
export async function recordLogin(ctx: CliContext, record: LoginRecord): Promise<string> {
  const name = loginProfileName(ctx.config, record.profile, ctx.globals.profile)
  if (ctx.configLocation.format === 'yaml') {
    // A flyte-style YAML config already says everything about its one profile, and is never written.
    ctx.logger.debug(`not recording the login: ${ctx.configLocation.file} is read-only YAML`)
    return name
  }
  const next = withLogin(ctx.config, name, record)
  await ctx.saveConfig(next)
  ctx.logger.debug(`recorded profile ${name} in ${ctx.configLocation.file}`)
  return name
}

/**
 * The profile a login goes to: `--profile`, else the profile in force when it has no host yet
 * or the same host, else a new one named after the host (`api.example.com`), so that logging
 * in to a second host never overwrites the first one's profile.
 * @example `loginProfileName({ profiles: { work: { host: 'https://a' } } }, { name: 'work', host: 'https://b' })` is `'b'`
 */
export function loginProfileName(config: AuthConfig, profile: Pick<ResolvedProfile, 'name'> & { host: string }, flag?: string): string {
  if (flag !== undefined) return flag
  const stored = config.profiles[profile.name]?.host
  if (stored === undefined || stored === profile.host) return profile.name
  const base = new URL(profile.host).host.replace(/[^A-Za-z0-9_.-]/g, '-')
  let name = base
  for (let i = 2; config.profiles[name]?.host !== undefined && config.profiles[name]?.host !== profile.host; i++) name = `${base}-${i}`
  return name
}

/**
 * The config with the login recorded in profile `name`, which becomes `active_profile`.
 * A profile moved to another host keeps only its `tenant_header` and `ca_file`.
 * @example `withLogin(config, 'default', record).activeProfile` is `'default'`
 */
export function withLogin(config: AuthConfig, name: string, record: LoginRecord): AuthConfig {
  const { options, profile, flow } = record
  const previous = config.profiles[name] ?? {}
  const kept: ProfileConfig = previous.host === undefined || previous.host === profile.host ? { ...previous } : pick(previous)
  const next: ProfileConfig = { ...kept, host: profile.host, flow, store: record.store as StoreChoice }
  if (record.account !== undefined) next.account = record.account
  if (options.issuer !== undefined) next.issuer = options.issuer
  if (flow !== 'pat' && profile.clientId !== undefined) next.clientId = profile.clientId
  if (options.scopes.length > 0) next.scopes = [...options.scopes]
  if (profile.tenant !== undefined && profile.sources.tenant !== 'env') next.tenant = profile.tenant
  // A relative --profile-url (`/api/v1/profile`) is recorded as the flow resolved it: against the host.
  if (options.profileUrl !== undefined) next.profileUrl = new URL(options.profileUrl, `${profile.host}/`).href
  if (options.clientSecretEnv !== undefined) {
    next.clientSecretEnv = options.clientSecretEnv
    delete next.clientSecretFile
  }
  if (options.clientSecretFile !== undefined) {
    next.clientSecretFile = resolve(options.clientSecretFile)
    delete next.clientSecretEnv
  }
  return { ...config, activeProfile: name, profiles: { ...config.profiles, [name]: next } }
}

function pick(previous: ProfileConfig): ProfileConfig {
  return {
    ...(previous.tenantHeader !== undefined && { tenantHeader: previous.tenantHeader }),
    ...(previous.caFile !== undefined && { caFile: previous.caFile }),
  }
}
