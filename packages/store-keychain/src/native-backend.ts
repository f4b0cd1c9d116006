import type { AsyncEntry, EntryOptions } from '@napi-rs/keyring'
import { parseBusAddress } from './bus-address.js'
import { pingBus } from './ping-bus.js'
import type { KeychainBackend } from './types.js'

/** What {@link createNativeBackend} needs. Internal. */
export interface NativeBackendSettings {
  /** Where `DBUS_SESSION_BUS_ADDRESS` is read. */
  env: NodeJS.ProcessEnv
  /** Linux and the BSDs: the Secret Service over D-Bus. */
  secretService: boolean
}

/**
 * Pinned to the Secret Service on Linux: with the default options `@napi-rs/keyring` silently
 * falls back to the kernel keyutils store, which forgets everything at reboot and leaves
 * orphaned keys behind on failure. Ignored on macOS and Windows.
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } }

type Keyring = typeof import('@napi-rs/keyring')
let loading: Promise<Keyring> | undefined

/** Loads the native module on first use, so importing this package costs nothing. */
function loadKeyring(): Promise<Keyring> {
  loading ??= import('@napi-rs/keyring').catch((error: unknown) => {
    loading = undefined
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error)
    throw new Error(`the native module @napi-rs/keyring could not be loaded (${why})`)
  })
  return loading
}

/**
 * The `@napi-rs/keyring` backend: `AsyncEntry`, whose reads and writes run off the main thread.
 * On Linux the D-Bus bus is checked first ({@link pingBus}): the entry's constructor connects
 * to it synchronously. Errors are the native ones; the guard around it maps them.
 */
export function createNativeBackend(settings: NativeBackendSettings): KeychainBackend {
  const entry = async (service: string, account: string, signal: AbortSignal | undefined): Promise<AsyncEntry> => {
    if (settings.secretService) await checkBus(settings.env, signal)
    const { AsyncEntry } = await loadKeyring()
    return new AsyncEntry(service, account, ENTRY_OPTIONS)
  }
  return {
    get: async (service, account, options) => (await entry(service, account, options?.signal)).getPassword(options?.signal),
    set: async (service, account, secret, options) => (await entry(service, account, options?.signal)).setPassword(secret, options?.signal),
    delete: async (service, account, options) => (await entry(service, account, options?.signal)).deletePassword(options?.signal),
  }
}

async function checkBus(env: NodeJS.ProcessEnv, signal: AbortSignal | undefined): Promise<void> {
  const address = env['DBUS_SESSION_BUS_ADDRESS']
  if (!address) throw new Error('DBUS_SESSION_BUS_ADDRESS is not set')
  const socket = parseBusAddress(address, env['XDG_RUNTIME_DIR'])
  if (socket) await pingBus(socket, signal ?? new AbortController().signal)
}
