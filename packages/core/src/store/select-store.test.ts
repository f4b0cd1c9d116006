import { describe, expect, it } from 'vitest'
import { createMemoryStore } from './memory-store.js'
import { ConfigError, StorageError } from '../errors/classes.js'
import { probeStore } from './probe-store.js'
import { selectStore } from './select-store.js'
import type { CredentialStore, StoreAvailability } from '../model/types.js'

function store(kind: string, availability?: StoreAvailability | (() => Promise<StoreAvailability>)): CredentialStore {
  const base = createMemoryStore()
  const probe = typeof availability === 'function' ? availability : availability && (async () => availability)
  return Object.assign(Object.create(null), {
    kind,
    get: base.get.bind(base),
    set: base.set.bind(base),
    delete: base.delete.bind(base),
    list: base.list.bind(base),
    ...(probe ? { probe } : {}),
  }) as CredentialStore
}

const up = { available: true }
const down = { available: false, reason: 'no D-Bus session bus' }

describe('selectStore', () => {
  it('auto takes the keychain when its probe says available', async () => {
    const keychain = store('keychain', up)
    const r = await selectStore({ choice: 'auto', candidates: { keychain, file: store('file', up) } })
    expect(r.store).toBe(keychain)
    expect(r.warning).toBeUndefined()
  })

  it('auto takes the encrypted file when the keychain is down and a key is set', async () => {
    const encrypted = store('encrypted', up)
    const r = await selectStore({ choice: 'auto', candidates: { keychain: store('keychain', down), encrypted, file: store('file', up) } })
    expect(r.store).toBe(encrypted)
    expect(r.warning).toBeUndefined()
  })

  it('auto falls back to the file with a warning naming the reason and the place', async () => {
    const file = store('file', { available: true, location: '/home/u/.authcli/credentials' })
    const r = await selectStore({ choice: 'auto', candidates: { keychain: store('keychain', down), file }, keyVariable: 'MYCLI_ENCRYPTION_KEY' })
    expect(r.store).toBe(file)
    expect(r.warning).toContain('no D-Bus session bus')
    expect(r.warning).toContain('/home/u/.authcli/credentials')
    expect(r.warning).toContain('MYCLI_ENCRYPTION_KEY')
  })

  it('auto treats a hung probe as unavailable, within the deadline', async () => {
    const hung = store('keychain', () => new Promise<StoreAvailability>(() => {}))
    const started = Date.now()
    const r = await selectStore({ choice: 'auto', probeTimeoutMs: 50, candidates: { keychain: hung, file: store('file') } })
    expect(r.store.kind).toBe('file')
    expect(r.warning).toContain('did not answer within 50 ms')
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('an explicit keychain fails closed when unreachable (exit 6)', async () => {
    const error = await selectStore({ choice: 'keychain', candidates: { keychain: store('keychain', down), file: store('file') } }).catch((e) => e)
    expect(StorageError.isInstance(error)).toBe(true)
    expect(error.exitCode).toBe(6)
    expect(error.message).toContain('no D-Bus session bus')
  })

  it('an explicit encrypted store without a key is a config error naming the variable', async () => {
    const error = await selectStore({ choice: 'encrypted', candidates: { file: store('file') }, keyVariable: 'MYCLI_ENCRYPTION_KEY' }).catch((e) => e)
    expect(ConfigError.isInstance(error)).toBe(true)
    expect(error.hint).toContain('MYCLI_ENCRYPTION_KEY')
  })

  it('explicit file and memory are taken as they are', async () => {
    const memory = store('memory')
    expect((await selectStore({ choice: 'memory', candidates: { memory } })).store).toBe(memory)
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
