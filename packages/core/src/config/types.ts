import type { FlowKind, StoreChoice } from '../model/types.js'

/** One `[profiles.NAME]` table of the config file, keys in camelCase. */
export interface ProfileConfig {
  /** `host`: the API base URL, normalised. */
  host?: string
  /** `issuer`: the OAuth issuer URL; defaults to the host. */
  issuer?: string
  /** `client_id`. */
  clientId?: string
  /** `flow`: `pkce`, `device`, `client-credentials` or `pat`. */
  flow?: FlowKind
  /** `scopes`: an array of scope strings. */
  scopes?: string[]
  /** `tenant`: the tenant slug. */
  tenant?: string
  /** `tenant_header`: the header the tenant is sent in; default `X-Tenant`. */
  tenantHeader?: string
  /** `store`: `auto`, `keychain`, `file`, `encrypted` or `memory`. */
  store?: StoreChoice
  /** `profile_url`: the identity endpoint that validates a PAT and fills `whoami`. */
  profileUrl?: string
  /** `client_secret_env`: the env var holding the client secret. */
  clientSecretEnv?: string
  /** `client_secret_file`: the file holding the client secret. */
  clientSecretFile?: string
  /** `ca_file`: extra CA certificates (PEM) to trust. */
  caFile?: string
  /**
   * `account`: which of several accounts logged in to the host this profile uses (the login,
   * e-mail or id a credential is stored under). Absent: the best match on the host.
   */
  account?: string
}

/** The whole config file. */
export interface AuthConfig {
  /** `active_profile`: the profile used when none is named. */
  activeProfile?: string
  /** `[profiles.NAME]` tables by name. */
  profiles: Record<string, ProfileConfig>
}

/** A key of a `[profiles.NAME]` table, as written in the file. */
export type ConfigKey = 'host' | 'issuer' | 'client_id' | 'flow' | 'scopes' | 'tenant' | 'tenant_header' | 'store' | 'profile_url' | 'client_secret_env' | 'client_secret_file' | 'ca_file' | 'account'

/** Where a resolved setting came from. */
export type ConfigSource = 'flag' | 'env' | 'config' | 'default'

/** The settings in force for one command: flags, env, config and defaults merged. */
export interface ResolvedProfile {
  /** The profile's name. */
  name: string
  host?: string
  issuer?: string
  clientId?: string
  tenant?: string
  /** The tenant header; `X-Tenant` unless the profile says otherwise. */
  tenantHeader: string
  store: StoreChoice
  flow?: FlowKind
  scopes: string[]
  profileUrl?: string
  clientSecretEnv?: string
  clientSecretFile?: string
  caFile?: string
  /** The account the profile is pinned to (`account`), if any. */
  account?: string
  /** Where each of the main settings came from (for `status` and `--debug`). */
  sources: Partial<Record<'host' | 'issuer' | 'clientId' | 'tenant' | 'store' | 'flow' | 'scopes', ConfigSource>>
}
