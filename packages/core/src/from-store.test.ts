import { describe, expect, it } from 'vitest'
import { makeCredential, manualClock } from './_test-fixtures.js'
import { createMemoryStore } from './create-memory-store.js'
import { credentialKey } from './credential-key.js'
import { ConfigError, NotFoundError, StorageError } from './errors.js'
import { fromStore } from './from-store.js'
import type { CredentialStore } from './types.js'

const key = credentialKey('example.com')

describe('fromStore', () => {
  it('returns a valid stored credential with the store kind as source', async () => {
    const store = createMemoryStore()
    await store.set(key, makeCredential())
    await expect(fromStore({ store, key })()).resolves.toEqual({ ...makeCredential(), source: 'memory' })
  })

  it('is NotFound when nothing is stored', async () => {
    const error = await fromStore({ store: createMemoryStore(), key })().catch((e: unknown) => e)
    expect(NotFoundError.isInstance(error)).toBe(true)
    expect((error as Error).message).toContain('https://example.com#default')
  })

  it('is NotFound when expired or inside the skew', async () => {
    const clock = manualClock(1_000_000)
    const store = createMemoryStore()
    await store.set(key, makeCredential({ expiresAt: 1_000_000 + 60_000 }))
    await expect(fromStore({ store, key, now: clock.now })()).rejects.toThrow(/expired/)
    await expect(fromStore({ store, key, now: clock.now, skewMs: 0 })()).resolves.toMatchObject({ source: 'memory' })
    clock.advance(60_000)
    await expect(fromStore({ store, key, now: clock.now, skewMs: 0 })()).rejects.toSatisfy((e) => NotFoundError.isInstance(e))
  })

  it('turns garbage from a store into a StorageError naming the store', async () => {
    const store: CredentialStore = {
      kind: 'keychain',
      get: async () => ({ accessToken: 42 }) as never,
      set: async () => {}, delete: async () => false, list: async () => [],
    }
    const error = await fromStore({ store, key })().catch((e: unknown) => e)
    expect(StorageError.isInstance(error)).toBe(true)
    expect((error as Error).message).toContain('keychain')
  })

  it('lets a store failure through', async () => {
    const store: CredentialStore = {
      kind: 'file',
      get: async () => { throw new StorageError('locked') },
      set: async () => {}, delete: async () => false, list: async () => [],
    }
    await expect(fromStore({ store, key })()).rejects.toThrow('locked')
  })

  it('rejects bad options', () => {
    expect(() => fromStore({ store: {} as never, key })).toThrow(ConfigError)
    expect(() => fromStore({ store: createMemoryStore(), key: 'k' as never })).toThrow(/"key"/)
    expect(() => fromStore({ store: createMemoryStore(), key: { host: 'ftp://x', account: 'a' } })).toThrow(ConfigError)
    expect(() => fromStore({ store: createMemoryStore(), key, skewMs: -5 })).toThrow(/skewMs/)
  })
})
