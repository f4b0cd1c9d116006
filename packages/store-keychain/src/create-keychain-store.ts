import { join } from 'node:path'
import { parseCredentialKeyId, type CredentialKey, type Logger } from '@auth/core'
import { withFileLock } from '@auth/core/kit'
import { createCredentialIndex, type CredentialIndex } from './credential-index.js'
import { decodeCredential, encodeCredential, entryName } from './credential-entry.js'
import { probeKeychain } from './probe.js'
import { defaultLockDir, ensurePrivateDir } from './lock-dir.js'
import { checker, resolveOptions, type Settings } from './settings.js'
import type { KeychainStore, KeychainStoreOptions } from './types.js'

/**
 * A credential store in the OS keychain (kind `keychain`) through `@napi-rs/keyring`: macOS
 * Keychain, the Secret Service on Linux (pinned: never the kernel keyutils fallback, which
 * loses everything at reboot) and Windows Credential Manager (secrets over 2,560 bytes are
 * split into chunks). One entry per credential: service `<service>:<host>`, the account's
 * name, the credential's JSON (without `source`) as the secret; an index entry (service
 * `<service>`, account `index`) lists the key ids so that `list()` works. The index is read,
 * changed and written back under a cross-process lock (`<lockDir>/<service>.index.lock`), so
 * two processes saving at once never drop each other's id. Every keychain call
 * has a deadline (`timeoutMs`, 3 s), so a hung D-Bus or a forgotten unlock prompt never hangs
 * a login.
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) at once on bad options; from the methods on a bad key.
 * @throws StorageError `STORAGE_ERROR` (exit 6), from the methods, when the keychain fails
 * (with the reason: locked, no D-Bus, did not answer within 3 s, ...) or holds garbage.
 * @example
 * ```ts
 * const store = createKeychainStore({ service: 'mycli' })
 * const { available, reason } = await store.probe()
 * if (available) await store.set(credentialKey('api.example.com', 'alice'), credential)
 * else console.error(`keychain unavailable: ${reason}`)
 * ```
 * @see {@link CredentialStore} in `@auth/core`; cli/cli `internal/keyring/keyring.go` for the timeout.
 */
export function createKeychainStore(options: KeychainStoreOptions): KeychainStore {
  const check = checker('createKeychainStore()')
  const s = resolveOptions(options, check)
  const index = createCredentialIndex(s.backend, s.service, s.logger)
  const dir = options.dir === undefined ? undefined : check.string(options.dir, 'dir')
  const lockDir = options.lockDir === undefined ? defaultLockDir(s.env, s.service, dir) : check.string(options.lockDir, 'lockDir')
  const exclusive = indexLock(lockDir, s)
  return {
    kind: 'keychain',
    probeBeforeRead: true,
    async get(key) {
      const name = entryName(s.service, key)
      const text = await s.backend.get(name.service, name.account)
      return text === null ? undefined : decodeCredential(text, name)
    },
    async set(key, value) {
      const name = entryName(s.service, key)
      const text = encodeCredential(value, name)
      // The index first: an id without an entry is dropped by list(), an entry without an id would be invisible.
      await exclusive(async () => {
        await index.update((ids) => ids.add(name.id))
        await s.backend.set(name.service, name.account, text)
      })
    },
    delete(key) {
      const name = entryName(s.service, key)
      return exclusive(async () => {
        const deleted = await s.backend.delete(name.service, name.account)
        await index.update((ids) => ids.delete(name.id))
        return deleted
      })
    },
    list: () => listKeys(s, index, exclusive),
    probe: () => probeKeychain(s),
    locate(key) {
      const name = entryName(s.service, key)
      return `keychain service ${name.service}, account ${name.account} (${s.location})`
    },
  }
}

type Exclusive = <T>(task: () => Promise<T>) => Promise<T>

/**
 * Runs tasks one at a time across processes (and, queued in memory, within one): the index is
 * read, changed and written back whole, so an unlocked update could drop another's id. The
 * lock is held for a few keychain calls, each under its own `timeoutMs` deadline.
 */
function indexLock(lockDir: string, s: Settings): Exclusive {
  const file = join(lockDir, `${s.service.replace(/[^A-Za-z0-9._-]/g, '_')}.index`)
  const logger = lockLogger(s.logger)
  const options = { timeoutMs: 4 * s.timeoutMs, purpose: 'updating the keychain index', ...(logger === undefined ? {} : { logger }) }
  let checked: Promise<void> | undefined
  return async (task) => {
    checked ??= ensurePrivateDir(lockDir).catch((error: unknown) => {
      checked = undefined
      throw error
    })
    await checked
    return withFileLock(file, task, options)
  }
}

function lockLogger(logger: Logger | undefined): Logger | undefined {
  if (logger === undefined) return undefined
  const fallback = (message: string) => logger.debug(message)
  return { debug: fallback, info: (m) => (logger.info ?? fallback).call(logger, m), warn: (m) => logger.warn(m), error: (m) => (logger.error ?? logger.warn).call(logger, m) }
}

/** The indexed keys whose entry still exists; ids whose entry is gone are dropped from the index. */
async function listKeys(s: Settings, index: CredentialIndex, exclusive: Exclusive): Promise<CredentialKey[]> {
  const keys: CredentialKey[] = []
  const stale: string[] = []
  for (const id of await index.read()) {
    if (await exists(s, id)) keys.push(parseCredentialKeyId(id))
    else stale.push(id)
  }
  if (stale.length > 0) {
    await exclusive(() => dropStale(s, index, stale)).catch((error: unknown) =>
      s.logger?.warn(`could not drop stale ids from the keychain index: ${error instanceof Error ? error.message : String(error)}`),
    )
  }
  return keys
}

/** Drops the ids whose entry is still missing (a concurrent `set` may have written it meanwhile). */
async function dropStale(s: Settings, index: CredentialIndex, stale: string[]): Promise<void> {
  const gone = new Set<string>()
  for (const id of stale) if (!(await exists(s, id))) gone.add(id)
  await index.update((ids) => {
    for (const id of gone) ids.delete(id)
  })
}

/** Whether `id` is a valid key id whose entry exists. */
async function exists(s: Settings, id: string): Promise<boolean> {
  const key = parseId(id)
  if (!key) return false
  const name = entryName(s.service, key)
  return (await s.backend.get(name.service, name.account)) !== null
}

function parseId(id: string): CredentialKey | undefined {
  try {
    return parseCredentialKeyId(id)
  } catch {
    return undefined
  }
}
