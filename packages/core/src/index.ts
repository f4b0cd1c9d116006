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
  StoredEntry,
  Flow,
  FlowKind,
  LoginContext,
  LoginInput,
  LoginStdin,
  Logger,
  Output,
  PendingLogin,
  PendingLoginSupport,
  PollOnceResult,
  Prompter,
  Provider,
  RuntimeOptions,
  StoreChoice,
  StoreKind,
} from './model/types.js'

// Errors
export { ErrorCode, ExitCode } from './errors/codes.js'
export type { ErrorCodeValue, ExitCodeValue } from './errors/codes.js'
export { AuthError, applyHint } from './errors/auth-error.js'
export type { AuthErrorOptions, LoginSuggestion, ProductHints } from './errors/auth-error.js'
export { HintKey } from './errors/hint-keys.js'
export type { HintKeyValue } from './errors/hint-keys.js'
export {
  AuthenticationError,
  CancelledError,
  ConfigError,
  NetworkError,
  NotFoundError,
  OAuthError,
  StorageError,
  TimeoutError,
} from './errors/classes.js'
export type { OAuthErrorOptions } from './errors/classes.js'
export { toAuthError } from './errors/from-oauth-client-error.js'
export type { ToAuthErrorContext } from './errors/from-oauth-client-error.js'
export { fromFetchError } from './errors/from-fetch-error.js'
export type { FetchErrorContext } from './errors/from-fetch-error.js'

// Redaction and logging
export { redact } from './redact/redact.js'
export { registerSecret } from './redact/secrets.js'
export { maskToken } from './redact/redact.js'
export { redactObject } from './redact/redact-object.js'
export { createLogger } from './redact/logger.js'
export type { LogLevel, LoggerOptions } from './redact/logger.js'
export { silentLogger } from './redact/logger.js'

// Hosts and keys
export { normalizeHost } from './model/host.js'
export { isLoopbackHost } from './model/host.js'
export type { NormalizeHostOptions } from './model/host.js'
export { credentialKey } from './model/credential-key.js'
export { credentialKeyId } from './model/credential-key.js'
export { parseCredentialKeyId } from './model/credential-key.js'
export { accountName } from './model/credential-key.js'

// Credentials
export { isExpired, isFresh, isRefreshable, isUsable, DEFAULT_SKEW_MS } from './model/freshness.js'
export type { IsExpiredOptions } from './model/freshness.js'
export { assertCredential } from './model/assert-credential.js'
export { isSingleToken } from './model/single-token.js'

// Resolution chain
export { chain } from './session/chain.js'
export { fromEnv } from './session/chain.js'
export type { FromEnvOptions } from './session/chain.js'

// Stores
export { createMemoryStore } from './store/memory-store.js'
export { lazyStore } from './store/lazy-store.js'
export type { LazyStoreOptions } from './store/lazy-store.js'

// Config
export type { AuthConfig, ConfigKey, ConfigSource, ProfileConfig, ResolvedProfile } from './config/types.js'
export { CONFIG_KEYS } from './config/keys.js'
export { parseConfig } from './config/parse.js'
export { serializeConfig } from './config/serialize.js'
export { assertTrustedFolder, loadConfig, readTrustedConfigFile } from './config/load.js'
export { saveConfig } from './config/save.js'
export { resolveConfigLocation } from './config/location.js'
export type { ConfigLocationOptions } from './config/location.js'
export { getConfigValue } from './config/values.js'
export { setConfigValue } from './config/values.js'
export { unsetConfigValue } from './config/values.js'
export { listConfigValues } from './config/values.js'
export { resolveProfile } from './config/resolve-profile.js'
export type { ProfileFlags, ResolveProfileOptions } from './config/resolve-profile.js'

// Store policy
export { selectStore } from './store/select-store.js'
export type { SelectStoreOptions, StoreSelection } from './store/select-store.js'
export { probeStore } from './store/select-store.js'
export { migrateCredentials, sameCredential } from './store/migrate-credentials.js'
export type { MigrateCredentialsOptions, MovedCredential } from './store/migrate-credentials.js'

// The session: createAuth
export { createAuth } from './session/create-auth.js'
export { createTerminalPrompter } from './session/terminal-prompter.js'
export type { TerminalPrompterOptions } from './session/terminal-prompter.js'
export { resolveOnHost } from './session/fetch.js'
export { isPendingKey, PENDING_ACCOUNT_PREFIX } from './session/pending-key.js'
export type {
  Auth,
  BeginLoginOptions,
  BeginLoginResult,
  ResumeLoginOptions,
  ResumeLoginResult,
  AuthLoginOptions,
  AuthLoginResult,
  AuthLogoutOptions,
  AuthLogoutResult,
  AuthOptions,
  AuthStatus,
  AuthStatusOptions,
  CredentialStatus,
  EnvTokenOptions,
  FlowResolver,
  GetCredentialOptions,
  LoggedOut,
  SessionCredential,
  TokenCheck,
} from './session/types.js'

// Flow refresh options
export type { RefreshOptions } from './model/types.js'
