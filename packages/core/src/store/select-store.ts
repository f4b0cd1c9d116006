import { ConfigError, StorageError } from '../errors/classes.js'
import type { CredentialStore, StoreAvailability, StoreChoice } from '../model/types.js'

/** What {@link selectStore} takes. */
export interface SelectStoreOptions {
  /** `auto`, or the kind of store the user asked for (`--store`, `MYCLI_STORE`, config `store`). */
  choice: StoreChoice | (string & {})
  /** The stores offered, in order of preference (`auto` takes the first one available). */
  stores: readonly CredentialStore[]
  /** The env var that holds the encryption key, named in hints (the product's, e.g. `MYCLI_ENCRYPTION_KEY`). */
  keyVariable?: string
  /** How long a probe may take before the store counts as unavailable. Default 3000 ms. */
  probeTimeoutMs?: number
  /**
   * Called when a store was unavailable because its file is corrupt and was moved aside
   * ({@link CredentialStore.moveAsideCorrupt}) so that it can be used again. Without it nothing is moved.
   */
  movedAside?: (store: CredentialStore, path: string) => void
}

/** What {@link selectStore} picked, and why when it fell back. */
export interface StoreSelection {
  store: CredentialStore
  /**
   * Set when `auto` passed over a store and writes unencrypted: one line naming why the better
   * store was not used and where the credentials go. The caller must show it: never a silent fallback.
   */
  warning?: string
  /** Set with `warning` when the fallback is the plain-text file: its location and why the better stores were passed over. */
  plainText?: { location?: string; reasons: string[] }
}

/**
 * Picks the store a login writes to. An explicit choice fails closed: a `keychain` that is not
 * reachable is a `StorageError` (exit 6), never a quiet fallback. `auto` takes the first store
 * whose probe answers available, passing over only stores that may be absent on a machine
 * (`probeBeforeRead`: the keychain); any other store that is not usable (a wrong key, a folder
 * that cannot be written) is an error, not a reason to fall back. Falling back to the plain-text
 * file is said out loud in `warning`.
 *
 * @throws StorageError `STORAGE_ERROR` (exit 6) when the chosen store, or every store, is unavailable.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when the chosen kind is not offered (e.g. `encrypted` without a key).
 * @example
 * ```ts
 * const { store, warning } = await selectStore({ choice: 'auto', stores: [keychain, file], keyVariable: 'MYCLI_ENCRYPTION_KEY' })
 * if (warning) process.stderr.write(`warning: ${warning}\n`)
 * ```
 */
export async function selectStore(options: SelectStoreOptions): Promise<StoreSelection> {
  const { choice, stores } = options
  if (choice !== 'auto') return { store: await explicitStore(options, choice) }
  const reasons: string[] = []
  for (const store of stores) {
    const probe = await usable(options, store)
    if (probe.available) {
      if (reasons.length === 0 || store.kind === 'encrypted') return { store }
      const warning = fallbackWarning(options, store, probe, reasons)
      return store.kind === 'file' ? { store, warning, plainText: { ...(probe.location !== undefined && { location: probe.location }), reasons } } : { store, warning }
    }
    if (store.probeBeforeRead !== true) throw unavailable(store.kind, probe)
    reasons.push(`${store.kind === 'keychain' ? 'the keychain' : `the ${store.kind} store`} is not available (${probe.reason ?? 'no reason given'})`)
  }
  throw new StorageError(`no credential store is available${reasons.length > 0 ? `: ${reasons.join('; ')}` : ''}`, { hint: 'offer at least a file store' })
}

async function explicitStore(options: SelectStoreOptions, choice: string): Promise<CredentialStore> {
  const store = options.stores.find((candidate) => candidate.kind === choice)
  if (!store) {
    const key = options.keyVariable === undefined ? 'give the encrypted store a key:' : `set ${options.keyVariable} to`
    const hint = choice === 'encrypted' ? `${key} a passphrase or a base64 32-byte key` : `choose another store (offered: ${options.stores.map((s) => s.kind).join(', ')})`
    throw new ConfigError(`the ${choice} store is not available in this build or setup`, { hint })
  }
  const probe = await usable(options, store)
  if (!probe.available) throw unavailable(choice, probe)
  return store
}

/** The store's probe; a corrupt file is moved aside first (when the caller asked), then probed again. */
async function usable(options: SelectStoreOptions, store: CredentialStore): Promise<StoreAvailability> {
  const probe = await probeStore(store, options.probeTimeoutMs)
  if (probe.available || !options.movedAside || !store.moveAsideCorrupt) return probe
  const moved = await store.moveAsideCorrupt()
  if (moved === undefined) return probe
  options.movedAside(store, moved)
  return probeStore(store, options.probeTimeoutMs)
}

function unavailable(kind: string, probe: StoreAvailability): StorageError {
  return new StorageError(`the ${kind} store is not available: ${probe.reason ?? 'no reason given'}`, {
    hint: kind === 'keychain' ? 'start a keychain (Secret Service) session, or choose the file or encrypted store' : 'choose another store',
  })
}

function fallbackWarning(options: SelectStoreOptions, store: CredentialStore, probe: StoreAvailability, reasons: string[]): string {
  if (store.kind !== 'file') return `${reasons.join('; ')}: storing credentials in the ${store.kind} store${probe.location === undefined ? '' : ` (${probe.location})`}`
  const where = probe.location ?? 'a file'
  const setKey = options.keyVariable === undefined ? 'give the encrypted store a key' : `set ${options.keyVariable}`
  return `${reasons.join('; ')}: storing credentials in plain text in ${where} (mode 0600); ${setKey} to encrypt them, or choose another store`
}

/**
 * Probes a store with a deadline; a store without `probe` is available. A probe that throws or
 * does not answer in time counts as unavailable, with the reason.
 * @example `const { available, reason } = await probeStore(keychain)`
 */
export async function probeStore(store: CredentialStore, timeoutMs = 3000): Promise<StoreAvailability> {
  if (!store.probe) return { available: true }
  let timer: ReturnType<typeof setTimeout> | undefined
  const deadline = new Promise<StoreAvailability>((resolve) => {
    timer = setTimeout(() => resolve({ available: false, reason: `did not answer within ${timeoutMs} ms` }), timeoutMs)
    timer.unref?.()
  })
  try {
    return await Promise.race([store.probe(), deadline])
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) }
  } finally {
    clearTimeout(timer)
  }
}
