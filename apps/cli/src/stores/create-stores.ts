import { createMemoryStore, type CredentialStore } from '@auth/core'
import { createEncryptedStore, keychainKey, parseEncryptionKey, type EncryptedStore, type EncryptionKey } from '@auth/store-encrypted'
import { createFileStore, type FileStore } from '@auth/store-file'
import { ENV_PREFIX, KEYCHAIN_SERVICE } from '../app.js'
import type { CliContext } from '../context.js'
import { createLazyKeychainStore, loadKeychainModule } from './lazy-keychain.js'
import { storeLogger } from './store-logger.js'

/** The env var that holds the encryption key of the encrypted store. */
export const KEY_VARIABLE = `${ENV_PREFIX}_ENCRYPTION_KEY`

/** The env var `store rotate-key` takes the new encryption key from. */
export const NEW_KEY_VARIABLE = `${ENV_PREFIX}_NEW_ENCRYPTION_KEY`

/** The encrypted store's file name in the config folder (`@auth/store-encrypted`'s default). */
export const ENCRYPTED_FILE = 'credentials.enc'

/** Every store the CLI offers in this run. Creating them does no I/O. */
export interface CliStores {
  /** The OS keychain; its native module loads on first use. */
  readonly keychain: CredentialStore
  /** `credentials.enc`; absent when no key is available. */
  readonly encrypted?: EncryptedStore
  /** `credentials` (0600). */
  readonly file: FileStore
  /** For this process only. */
  readonly memory: CredentialStore
  /** Every store offered, by kind (`encrypted` only with a key). */
  readonly candidates: Readonly<Partial<Record<'keychain' | 'encrypted' | 'file' | 'memory', CredentialStore>>>
  /** Where credentials are looked for when the choice is `auto`: keychain, encrypted, file. */
  readonly lookup: readonly CredentialStore[]
}

/** Options of {@link createStores}. */
export interface CreateStoresOptions {
  /**
   * Offer the encrypted store with a data key kept in the keychain when `AUTHCLI_ENCRYPTION_KEY`
   * is not set (`--store encrypted`, and `logout` / `store status` looking everywhere).
   */
  keychainKey?: boolean
}

/**
 * The stores of this run: keychain (service `authcli`), encrypted (with `AUTHCLI_ENCRYPTION_KEY`,
 * else optionally a keychain-held data key), file and memory, all in the config folder.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when `AUTHCLI_ENCRYPTION_KEY` holds an unusable key.
 * @example `const { lookup } = createStores(ctx); await selectStore({ choice: 'auto', stores: lookup })`
 */
export function createStores(ctx: Pick<CliContext, 'env' | 'configLocation' | 'logger' | 'warn'>, options: CreateStoresOptions = {}): CliStores {
  const { dir } = ctx.configLocation
  const logger = storeLogger(ctx)
  const env = ctx.env as NodeJS.ProcessEnv
  // The keychain's index lock lives in <dir>/.locks beside the config (one folder per user, 0700), like the refresh locks.
  const keychain = createLazyKeychainStore({ service: KEYCHAIN_SERVICE, env, logger, dir })
  const file = createFileStore({ dir, logger })
  const memory = createMemoryStore()
  const key = encryptionKey(ctx.env, options.keychainKey === true)
  const encrypted = key && createEncryptedStore({ dir, key, logger })
  const candidates = { keychain, file, memory, ...(encrypted && { encrypted }) }
  const lookup = encrypted ? [keychain, encrypted, file] : [keychain, file]
  return { keychain, file, memory, candidates, lookup, ...(encrypted && { encrypted }) }
}

function encryptionKey(env: CliContext['env'], useKeychain: boolean): EncryptionKey | undefined {
  const value = env[KEY_VARIABLE]
  if (value !== undefined && value !== '') return parseEncryptionKey(value, KEY_VARIABLE)
  if (!useKeychain) return undefined
  let provider: Promise<() => Promise<Uint8Array>> | undefined
  // get-or-create under the store's own lock (`@auth/store-encrypted` keychainKey): two first logins cannot each store a key.
  return keychainKey(
    async () => {
      provider ??= loadKeychainModule().then((m) => m.keychainDataKey({ service: KEYCHAIN_SERVICE, env: env as NodeJS.ProcessEnv }))
      return (await provider)()
    },
    { label: `the keychain (service ${KEYCHAIN_SERVICE}, data-key)` },
  )
}
