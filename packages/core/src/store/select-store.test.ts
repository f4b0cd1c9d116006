import { describe, expect, it } from 'vitest'
import { createMemoryStore } from './memory-store.js'
import { ConfigError, StorageError } from '../errors/classes.js'
import { probeStore } from './select-store.js'
import { selectStore } from './select-store.js'
import type { CredentialStore, StoreAvailability } from '../model/types.js'

function store(kind: string, availability?: StoreAvailability | (() => Promise<StoreAvailability>), extra: Partial<CredentialStore> = {}): CredentialStore {
  const base = createMemoryStore()
  const probe = typeof availability === 'function' ? availability : availability && (async () => availability)
  return Object.assign(Object.create(null), {
    kind,
    get: base.get.bind(base),
    set: base.set.bind(base),
    delete: base.delete.bind(base),
    list: base.list.bind(base),
    ...(kind === 'keychain' && { probeBeforeRead: true }),
    ...(probe ? { probe } : {}),
    ...extra,
  }) as CredentialStore
}

const up = { available: true }
const down = { available: false, reason: 'no D-Bus session bus' }

describe('selectStore', () => {
  it('auto takes the keychain when its probe says available', async () => {
    const keychain = store('keychain', up)
    const r = await selectStore({ choice: 'auto', stores: [keychain, store('file', up)] })
    expect(r).toEqual({ store: keychain })
  })

  it('auto takes the encrypted file, without a warning, when the keychain is down and a key is set', async () => {
    const encrypted = store('encrypted', up)
    const r = await selectStore({ choice: 'auto', stores: [store('keychain', down), encrypted, store('file', up)] })
    expect(r).toEqual({ store: encrypted })
  })

  it('auto falls back to the file with a warning naming the reason, the place and the key variable', async () => {
    const file = store('file', { available: true, location: '/home/u/.mycli/credentials' })
    const r = await selectStore({ choice: 'auto', stores: [store('keychain', down), file], keyVariable: 'MYCLI_ENCRYPTION_KEY' })
    expect(r.store).toBe(file)
    expect(r.warning).toBe(
      'the keychain is not available (no D-Bus session bus): storing credentials in plain text in /home/u/.mycli/credentials (mode 0600); set MYCLI_ENCRYPTION_KEY to encrypt them, or choose another store',
    )
  })

  it('auto never falls back past a store that is there but unusable (a wrong key): that is an error', async () => {
    const error = await selectStore({ choice: 'auto', stores: [store('encrypted', { available: false, reason: 'wrong key' }), store('file', up)] }).catch((e) => e)
    expect(StorageError.isInstance(error)).toBe(true)
    expect(error.message).toBe('the encrypted store is not available: wrong key')
  })

  it('auto treats a hung probe as unavailable, within the deadline', async () => {
    const hung = store('keychain', () => new Promise<StoreAvailability>(() => {}))
    const started = Date.now()
    const r = await selectStore({ choice: 'auto', probeTimeoutMs: 50, stores: [hung, store('file')] })
    expect(r.store.kind).toBe('file')
    expect(r.warning).toContain('did not answer within 50 ms')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('auto with every store gone is a StorageError naming each reason', async () => {
    const error = await selectStore({ choice: 'auto', stores: [store('keychain', down)] }).catch((e) => e)
    expect(error).toMatchObject({ code: 'STORAGE_ERROR', exitCode: 6, message: 'no credential store is available: the keychain is not available (no D-Bus session bus)' })
  })

  it('an explicit keychain fails closed when unreachable (exit 6)', async () => {
    const error = await selectStore({ choice: 'keychain', stores: [store('keychain', down), store('file')] }).catch((e) => e)
    expect(StorageError.isInstance(error)).toBe(true)
    expect(error.exitCode).toBe(6)
    expect(error.message).toContain('no D-Bus session bus')
  })

  it('an explicit encrypted store without a key is a config error naming the variable', async () => {
    const error = await selectStore({ choice: 'encrypted', stores: [store('file')], keyVariable: 'MYCLI_ENCRYPTION_KEY' }).catch((e) => e)
    expect(ConfigError.isInstance(error)).toBe(true)
    expect(error.hint).toBe('set MYCLI_ENCRYPTION_KEY to a passphrase or a base64 32-byte key')
  })

  it('explicit file and memory are taken as they are', async () => {
    const memory = store('memory')
    expect((await selectStore({ choice: 'memory', stores: [memory] })).store).toBe(memory)
  })

  it('a corrupt file is moved aside (when asked) and the store used; the caller is told where', async () => {
    let corrupt = true
    const file = store('file', async () => (corrupt ? { available: false, reason: 'corrupt' } : up), {
      moveAsideCorrupt: async () => ((corrupt = false), '/x/credentials.corrupt-1'),
    })
    await expect(selectStore({ choice: 'file', stores: [file] })).rejects.toMatchObject({ code: 'STORAGE_ERROR' })
    const moved: string[] = []
    const r = await selectStore({ choice: 'file', stores: [file], movedAside: (s, path) => moved.push(`${s.kind}:${path}`) })
    expect(r.store).toBe(file)
    expect(moved).toEqual(['file:/x/credentials.corrupt-1'])
  })
})

describe('probeStore', () => {
  it('a probe that throws counts as unavailable with its message', async () => {
    const r = await probeStore(
      store('keychain', async () => {
        throw new Error('boom')
      }),
    )
    expect(r).toEqual({ available: false, reason: 'boom' })
  })
})
