/**
 * The public types of `@auth/store-keychain`: the store's options and interface, the backend a
 * test (or another keychain library) can put in place of `@napi-rs/keyring`, and the options of
 * the single-secret helpers. Types only; nothing here runs.
 */
import type { CredentialStore, Logger, StoreAvailability } from '@auth/core'

/**
 * What the store needs from a keychain: one secret string per (service, account) pair. The
 * default is `@napi-rs/keyring` (macOS Keychain, Secret Service pinned on Linux, Windows
 * Credential Manager); tests pass a fake.
 */
export interface KeychainBackend {
  /** The secret, or `null` when there is none. Rejects when the keychain cannot be read. */
  get(service: string, account: string, options?: KeychainCallOptions): Promise<string | null>
  /** Creates or replaces the secret. */
  set(service: string, account: string, secret: string, options?: KeychainCallOptions): Promise<void>
  /** Resolves `true` when something was deleted, `false` when there was nothing. */
  delete(service: string, account: string, options?: KeychainCallOptions): Promise<boolean>
}

/** What the store passes to every {@link KeychainBackend} call. Backends may ignore it. */
export interface KeychainCallOptions {
  /** Aborted when the call ran past the store's `timeoutMs`: give up and release what you hold. */
  signal?: AbortSignal
}

/** The options every keychain helper shares. */
export interface KeychainCommonOptions {
  /** How long one keychain call may take before it fails, ms; default 3000 (as `gh`). */
  timeoutMs?: number
  /** The keychain; default the `@napi-rs/keyring` one. Inject a fake in tests. */
  backend?: KeychainBackend
  /** Where `DBUS_SESSION_BUS_ADDRESS` is read for the fast Linux checks; default `process.env`. */
  env?: NodeJS.ProcessEnv
  /**
   * The platform, default `process.platform`. `win32` turns on chunking (Windows Credential
   * Manager holds at most 2,560 bytes per secret); it also names the `location`.
   */
  platform?: NodeJS.Platform
  /** Where to log keychain calls (service, account, outcome, time; never a secret). */
  logger?: Logger
}

/** Options of {@link createKeychainStore}. */
export interface KeychainStoreOptions extends KeychainCommonOptions {
  /**
   * The app's name, e.g. `mycli`. A credential is stored under service `<service>:<host>`
   * and the account name; the index that `list()` reads under service `<service>`, account `index`.
   */
  service: string
  /**
   * The folder of the index's cross-process lock (`<lockDir>/<service>.index.lock`): created
   * 0700, and refused (StorageError, exit 6) when it is a symlink, another user's, or open to
   * group or others. Default `<dir>/.locks`, else `$XDG_RUNTIME_DIR/auth-keychain` when that is
   * set, else `~/.<service>/.locks`; never the shared temp folder (another user could create the
   * folder first).
   */
  lockDir?: string
  /** The product's own private folder (its config folder, `createAuth`'s `dir`): the lock goes in `<dir>/.locks`. */
  dir?: string
}

/**
 * A {@link CredentialStore} in the OS keychain (kind `keychain`), with a fast availability probe.
 */
export interface KeychainStore extends CredentialStore {
  readonly kind: 'keychain'
  /**
   * Whether the keychain can be used here, answered within `timeoutMs` and never throwing;
   * `location` is `Secret Service`, `macOS Keychain` or `Windows Credential Manager`.
   */
  probe(): Promise<StoreAvailability>
}

/** Options of {@link createKeychainSecret}. */
export interface KeychainSecretOptions extends KeychainCommonOptions {
  /** The keychain service, e.g. `mycli`. */
  service: string
  /** The keychain account, e.g. `data-key`. */
  account: string
}

/** One secret string in the keychain, made by {@link createKeychainSecret}. */
export interface KeychainSecret {
  /** The secret, or `undefined` when none is stored. */
  get(): Promise<string | undefined>
  /** Creates or replaces the secret (a non-empty string). */
  set(value: string): Promise<void>
  /** Resolves `true` when something was deleted. */
  delete(): Promise<boolean>
}

/** Options of {@link keychainDataKey}. */
export interface KeychainDataKeyOptions extends KeychainCommonOptions {
  /** The keychain service, e.g. `mycli`. */
  service: string
  /** The keychain account; default `data-key`. */
  account?: string
}
