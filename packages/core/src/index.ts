/**
 * `@auth/core`: the model, interfaces, resolution chain, caching, config, redaction and errors
 * of the CLI login toolkit. Node built-ins and smol-toml only.
 */

// Model and interfaces
export type {
  AccountInfo,
  Credential,
  CredentialKey,
  CredentialStore,
  Flow,
  FlowKind,
  LoginContext,
  Logger,
  Output,
  Prompter,
  Provider,
  RuntimeOptions,
  StoreChoice,
  StoreKind,
} from './types'

// Errors
export { ErrorCode, ExitCode } from './error-codes'
export type { ErrorCodeValue, ExitCodeValue } from './error-codes'
export { AuthError } from './auth-error'
export type { AuthErrorOptions } from './auth-error'
export {
  AuthenticationError,
  CancelledError,
  ConfigError,
  NetworkError,
  NotFoundError,
  OAuthError,
  StorageError,
  TimeoutError,
} from './errors'
export type { OAuthErrorOptions } from './errors'
export { toAuthError } from './from-oauth-client-error'
export type { ToAuthErrorContext } from './from-oauth-client-error'

// Redaction and logging
export { redact } from './redact'
export { registerSecret } from './register-secret'
export { maskToken } from './mask-token'
export { redactObject } from './redact-object'
export { createLogger } from './create-logger'
export type { LogLevel, LoggerOptions } from './create-logger'
export { silentLogger } from './silent-logger'

// Hosts and keys
export { normalizeHost } from './normalize-host'
export type { NormalizeHostOptions } from './normalize-host'
export { credentialKey } from './credential-key'
export { credentialKeyId } from './credential-key-id'
export { parseCredentialKeyId } from './parse-credential-key-id'
export { sameKey } from './same-key'
export { accountName } from './account-name'

// Credentials
export { isExpired, DEFAULT_SKEW_MS } from './is-expired'
export type { IsExpiredOptions } from './is-expired'
export { assertCredential } from './assert-credential'
export { withSource } from './with-source'

// Resolution chain
export { chain } from './chain'
export { fromEnv } from './from-env'
export type { FromEnvOptions } from './from-env'
export { fromStore } from './from-store'
export type { FromStoreOptions } from './from-store'
export { fromRefresh } from './from-refresh'
export type { FromRefreshOptions } from './from-refresh'
export { fromLogin } from './from-login'
export type { FromLoginOptions } from './from-login'
export { resolveCredential } from './resolve-credential'
export type { ResolveCredentialOptions } from './resolve-credential'

// Caching
export { memoize } from './memoize'
export type { MemoizeOptions, MemoizedProvider } from './memoize'
export { singleFlight } from './single-flight'
export type { SingleFlight } from './single-flight'
export { createCredentialCache } from './create-credential-cache'
export type { CredentialCache, CredentialCacheOptions } from './create-credential-cache'

// Stores
export { createMemoryStore } from './create-memory-store'

// Config
export type { AuthConfig, ConfigKey, ConfigSource, ProfileConfig, ResolvedProfile } from './config-types'
export { CONFIG_KEYS } from './config-keys'
export { parseConfig } from './parse-config'
export { serializeConfig } from './serialize-config'
export { loadConfig } from './load-config'
export { saveConfig } from './save-config'
export { resolveConfigLocation } from './resolve-config-location'
export type { ConfigLocationOptions } from './resolve-config-location'
export { getConfigValue } from './get-config-value'
export { setConfigValue } from './set-config-value'
export { unsetConfigValue } from './unset-config-value'
export { listConfigValues } from './list-config-values'
export { resolveProfile } from './resolve-profile'
export type { ProfileFlags, ResolveProfileOptions } from './resolve-profile'
