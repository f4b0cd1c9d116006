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
  StoreAvailability,
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
} from './types.js'

// Errors
export { ErrorCode, ExitCode } from './error-codes.js'
export type { ErrorCodeValue, ExitCodeValue } from './error-codes.js'
export { AuthError } from './auth-error.js'
export type { AuthErrorOptions } from './auth-error.js'
export {
  AuthenticationError,
  CancelledError,
  ConfigError,
  NetworkError,
  NotFoundError,
  OAuthError,
  StorageError,
  TimeoutError,
} from './errors.js'
export type { OAuthErrorOptions } from './errors.js'
export { toAuthError } from './from-oauth-client-error.js'
export type { ToAuthErrorContext } from './from-oauth-client-error.js'

// Redaction and logging
export { redact } from './redact.js'
export { registerSecret } from './register-secret.js'
export { maskToken } from './mask-token.js'
export { redactObject } from './redact-object.js'
export { createLogger } from './create-logger.js'
export type { LogLevel, LoggerOptions } from './create-logger.js'
export { silentLogger } from './silent-logger.js'

// Hosts and keys
export { normalizeHost } from './normalize-host.js'
export { isLoopbackHost } from './is-loopback-host.js'
export type { NormalizeHostOptions } from './normalize-host.js'
export { credentialKey } from './credential-key.js'
export { credentialKeyId } from './credential-key-id.js'
export { parseCredentialKeyId } from './parse-credential-key-id.js'
export { accountName } from './account-name.js'

// Credentials
export { isExpired, isRefreshable, isUsable, DEFAULT_SKEW_MS } from './is-expired.js'
export type { IsExpiredOptions } from './is-expired.js'
export { assertCredential } from './assert-credential.js'

// Resolution chain
export { chain } from './chain.js'
export { fromEnv } from './from-env.js'
export type { FromEnvOptions } from './from-env.js'

// Stores
export { createMemoryStore } from './create-memory-store.js'

// Config
export type { AuthConfig, ConfigKey, ConfigSource, ProfileConfig, ResolvedProfile } from './config-types.js'
export { CONFIG_KEYS } from './config-keys.js'
export { parseConfig } from './parse-config.js'
export { serializeConfig } from './serialize-config.js'
export { loadConfig } from './load-config.js'
export { saveConfig } from './save-config.js'
export { resolveConfigLocation } from './resolve-config-location.js'
export type { ConfigLocationOptions } from './resolve-config-location.js'
export { getConfigValue } from './get-config-value.js'
export { setConfigValue } from './set-config-value.js'
export { unsetConfigValue } from './unset-config-value.js'
export { listConfigValues } from './list-config-values.js'
export { resolveProfile } from './resolve-profile.js'
export type { ProfileFlags, ResolveProfileOptions } from './resolve-profile.js'

// Store policy
export { selectStore } from './select-store.js'
export type { SelectStoreOptions, StoreCandidates, StoreSelection } from './select-store.js'
export { probeStore } from './probe-store.js'

// The session: createAuth
export { createAuth } from './create-auth.js'
export type {
  Auth,
  AuthLoginOptions,
  AuthLoginResult,
  AuthLogoutOptions,
  AuthLogoutResult,
  AuthOptions,
  AuthStatus,
  CredentialStatus,
  FlowResolver,
  GetCredentialOptions,
  LoggedOut,
  SessionCredential,
} from './auth-types.js'

// Flow refresh options
export type { RefreshOptions } from './types.js'
