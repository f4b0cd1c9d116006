import { assertRecord, isRecord } from '../kit/assert.js'
import { assertConfig, profileOf } from './key-path.js'
import { DEFAULT_TENANT_HEADER, FIELDS, checkProfileName, failWith } from './schema.js'
import { envPrefixOf } from './env-prefix.js'
import { normalizeHostAs, parseHttpUrl } from '../kit/parse-http-url.js'
import type { AuthConfig, ConfigKey, ConfigSource, ProfileConfig, ResolvedProfile } from './types.js'
import type { FlowKind, StoreChoice } from '../model/types.js'

/** Command-line flags that bear on the profile. */
export interface ProfileFlags {
  profile?: string
  host?: string
  issuer?: string
  clientId?: string
  tenant?: string
  store?: string
  flow?: string
  scopes?: string[]
}

/** Options of {@link resolveProfile}. */
export interface ResolveProfileOptions {
  /** The parsed config file. */
  config: AuthConfig
  /** The command-line flags. */
  flags?: ProfileFlags
  /** The environment; default `process.env`. */
  env?: NodeJS.ProcessEnv
  /** The product's command name (`mycli`): the env prefix derives from it (`MYCLI`, `-` as `_`). Required unless `envPrefix` is given. */
  name?: string
  /** The env var prefix (`MYCLI`); default `name` upper-cased, `-` as `_`. */
  envPrefix?: string
  /** Build-time defaults, below everything else. */
  defaults?: { clientId?: string; host?: string; store?: StoreChoice; flow?: FlowKind }
  /** Allow plain `http://` to a non-loopback host or issuer (`--insecure`); default `false`. */
  allowInsecure?: boolean
}

type Layer = [value: unknown, source: ConfigSource, label: string]
type Picked = { value: unknown; source: ConfigSource; label: string } | undefined

/**
 * Merges flags, environment, config and defaults into the settings of one command.
 *
 * The profile: `flags.profile` > the profile whose normalised host is `flags.host` (or
 * `<P>_HOST`) > `config.activeProfile` > `default`. Each setting: flag > env (`<P>_HOST`,
 * `<P>_CLIENT_ID`, `<P>_TENANT`, `<P>_STORE`) > the profile > `defaults` (store: `auto`). The
 * host is normalised; the issuer defaults to the host; `tenantHeader` to `X-Tenant`. A profile
 * whose `host` differs from the host in force (a `--host` no profile matches) contributes
 * nothing: its issuer and client belong to another server. Empty env values count as unset.
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) without `name` or `envPrefix`; on a bad value, naming where it came from (`--store`,
 * `MYCLI_STORE`, `profiles.work.store`); on plain `http://` to a non-loopback host or issuer
 * without `allowInsecure` (hint `--insecure`).
 * @example
 * ```ts
 * const profile = resolveProfile({ name: 'mycli', config: await loadConfig(file), flags: { host: 'example.com' } })
 * profile.host // 'https://example.com'; profile.sources.host // 'flag'
 * ```
 * @see {@link loadConfig}, {@link normalizeHost}
 */
export function resolveProfile(options: ResolveProfileOptions): ResolvedProfile {
  assertRecord(options, 'resolveProfile', 'options')
  assertConfig(options.config, 'resolveProfile')
  const flags: ProfileFlags = isRecord(options.flags) ? options.flags : {}
  const defaults = isRecord(options.defaults) ? options.defaults : {}
  const prefix = envPrefixOf(options, 'resolveProfile')
  const envOf = (name: string): Layer => [nonEmpty((options.env ?? process.env)[`${prefix}_${name}`]), 'env', `${prefix}_${name}`]
  const insecure = options.allowInsecure === true
  const name = selectProfile(options.config, flags, envOf('HOST'), insecure)
  const stored = profileOf(options.config, name) ?? {}
  const host = pickHost([[flags.host, 'flag', '--host'], envOf('HOST'), [stored.host, 'config', `profiles.${name}.host`], [defaults.host, 'default', 'defaults.host']], insecure)
  const profile: ProfileConfig = stored.host === undefined || host === undefined || sameHost(stored.host, host.value) ? stored : {}
  const at = (key: ConfigKey): Layer => [profile[FIELDS[key].prop], 'config', `profiles.${name}.${key}`]
  const picked = {
    host,
    issuer: pickIssuer([[flags.issuer, 'flag', '--issuer'], at('issuer')], host, insecure),
    clientId: pick('client_id', [[flags.clientId, 'flag', '--client-id'], envOf('CLIENT_ID'), at('client_id'), [defaults.clientId, 'default', 'defaults.clientId']]),
    tenant: pick('tenant', [[flags.tenant, 'flag', '--tenant'], envOf('TENANT'), at('tenant')]),
    store: pick('store', [[flags.store, 'flag', '--store'], envOf('STORE'), at('store'), [defaults.store ?? 'auto', 'default', 'defaults.store']]),
    flow: pick('flow', [[flags.flow, 'flag', '--flow'], at('flow'), [defaults.flow, 'default', 'defaults.flow']]),
    scopes: pick('scopes', [[flagScopes(flags.scopes), 'flag', '--scope'], at('scopes'), [[], 'default', 'scopes']]),
  }
  return assemble(name, profile, picked)
}

function selectProfile(config: AuthConfig, flags: ProfileFlags, envHost: Layer, insecure: boolean): string {
  if (flags.profile !== undefined) return checkProfileName(flags.profile, failWith('--profile'))
  const host = pickHost([[flags.host, 'flag', '--host'], envHost], insecure)
  const matches = host === undefined ? [] : Object.keys(config.profiles).filter((n) => sameHost(profileOf(config, n)?.host, host.value))
  const active = config.activeProfile
  if (matches.length > 0) return active !== undefined && matches.includes(active) ? active : (matches[0] as string)
  return active ?? 'default'
}

function pick(key: ConfigKey, layers: Layer[]): Picked {
  const layer = layers.find(([value]) => value !== undefined)
  if (layer === undefined) return undefined
  const [value, source, label] = layer
  return { value: FIELDS[key].check(value, failWith(label)), source, label }
}

function pickHost(layers: Layer[], insecure: boolean): Picked {
  const layer = layers.find(([value]) => value !== undefined)
  if (layer === undefined) return undefined
  const [value, source, label] = layer
  return { value: normalizeHostAs(FIELDS.host.check(value, failWith(label)), label, insecure), source, label }
}

function pickIssuer(layers: Layer[], host: Picked, insecure: boolean): Picked {
  const issuer = pick('issuer', layers)
  if (issuer !== undefined) parseHttpUrl(issuer.value, { what: issuer.label, allowInsecure: insecure })
  return issuer ?? (host && { value: host.value, source: 'default', label: host.label })
}

function sameHost(a: unknown, b: unknown): boolean {
  try {
    return typeof a === 'string' && typeof b === 'string' && normalizeHostAs(a, 'host', true) === b
  } catch {
    return false
  }
}

/** `--scope "openid profile" --scope email` → `['openid', 'profile', 'email']`; none → undefined. */
function flagScopes(scopes: unknown): unknown {
  if (!Array.isArray(scopes)) return scopes
  const split = scopes.flatMap((s: unknown) => (typeof s === 'string' ? s.split(/[\s,]+/).filter(Boolean) : [s]))
  return split.length > 0 ? split : undefined
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function assemble(name: string, profile: ProfileConfig, picked: Record<string, Picked>): ResolvedProfile {
  const out: Record<string, unknown> = { name, tenantHeader: profile.tenantHeader ?? DEFAULT_TENANT_HEADER, store: 'auto', scopes: [] }
  const sources: Record<string, ConfigSource> = {}
  for (const [field, p] of Object.entries(picked)) {
    if (p === undefined) continue
    out[field] = p.value
    sources[field] = p.source
  }
  for (const field of ['profileUrl', 'clientSecretEnv', 'clientSecretFile', 'caFile', 'account'] as const) {
    if (profile[field] !== undefined) out[field] = profile[field]
  }
  return { ...(out as unknown as ResolvedProfile), sources }
}
