import { ConfigError, StorageError } from '../errors/classes.js'
import { probeStore } from './probe-store.js'
import type { CredentialStore, StoreChoice } from '../model/types.js'

/** The stores a product offers; absent ones are not offered (`encrypted` is absent without a key). */
export interface StoreCandidates {
  keychain?: CredentialStore
  encrypted?: CredentialStore
  file?: CredentialStore
  memory?: CredentialStore
}

/** What {@link selectStore} takes. */
export interface SelectStoreOptions {
  /** `auto`, or the store the user asked for (`--store`, `MYCLI_STORE`, config `store`). */
  choice: StoreChoice
  candidates: StoreCandidates
  /** The env var that holds the encryption key, named in hints (the product's, e.g. `MYCLI_ENCRYPTION_KEY`). */
  keyVariable?: string
  /** How long a probe may take before the store counts as unavailable. Default 3000 ms. */
  probeTimeoutMs?: number
}

/** What {@link selectStore} picked, and why when it fell back. */
export interface StoreSelection {
  store: CredentialStore
  /**
   * Set when `auto` fell back to a plaintext file: one line naming why the keychain was not used
   * and where the credential goes. The caller must show it (stderr): never a silent fallback.
   */
  warning?: string
}

/**
 * Picks the credential store. An explicit choice fails closed: `keychain` when the keychain is
 * unreachable is a `StorageError` (exit 6), never a quiet fallback. `auto` takes the keychain when
 * its probe answers available, else the encrypted file when a key is set, else the 0600 file
 * with a `warning` the caller must print.
 *
 * @throws StorageError `STORAGE_ERROR` when the chosen store is unavailable.
 * @throws ConfigError `CONFIG_ERROR` when the chosen store is not offered (e.g. `encrypted` without a key).
 * @example
 * ```ts
 * const { store, warning } = await selectStore({ choice: 'auto', candidates: { keychain, file } })
 * if (warning) process.stderr.write(`warning: ${warning}\n`)
 * ```
 */
export async function selectStore(options: SelectStoreOptions): Promise<StoreSelection> {
  const { choice, candidates } = options
  if (choice !== 'auto') return { store: await explicitStore(options, choice) }
  const reasons: string[] = []
  if (candidates.keychain) {
    const probe = await probeStore(candidates.keychain, options.probeTimeoutMs)
    if (probe.available) return { store: candidates.keychain }
    reasons.push(`the keychain is not available (${probe.reason ?? 'no reason given'})`)
  } else reasons.push('no keychain is offered')
  if (candidates.encrypted) return { store: candidates.encrypted }
  const file = candidates.file ?? candidates.memory
  if (!file) throw new ConfigError('no credential store is offered', { hint: 'offer at least a file store' })
  const where = (await probeStore(file, options.probeTimeoutMs)).location ?? file.kind
  const setKey = options.keyVariable === undefined ? 'give the encrypted store a key' : `set ${options.keyVariable}`
  return {
    store: file,
    warning: `${reasons.join('; ')}: storing credentials in plain text in ${where} (mode 0600); ${setKey} to encrypt them, or choose another store`,
  }
}

async function explicitStore(options: SelectStoreOptions, choice: Exclude<StoreChoice, 'auto'>): Promise<CredentialStore> {
  const store = options.candidates[choice]
  if (!store) {
    const hint =
      choice === 'encrypted'
        ? `${options.keyVariable === undefined ? 'give the encrypted store a key:' : `set ${options.keyVariable} to`} a passphrase or a base64 32-byte key`
        : 'choose another store'
    throw new ConfigError(`the ${choice} store is not available in this build or setup`, { hint })
  }
  const probe = await probeStore(store, options.probeTimeoutMs)
  if (!probe.available) {
    throw new StorageError(`the ${choice} store is not available: ${probe.reason ?? 'no reason given'}`, {
      hint: choice === 'keychain' ? 'start a keychain (Secret Service) session, or choose the file or encrypted store' : 'choose another store',
    })
  }
  return store
}
