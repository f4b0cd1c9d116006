import { makeCredential } from '@auth/testing'
import { describe, expect, it } from 'vitest'
import { createMemoryStore } from './memory-store.js'
import { lazyStore } from './lazy-store.js'
import { selectStore } from './select-store.js'

const key = { host: 'https://api.example.com', account: 'alice' }

describe('lazyStore', () => {
  it('loads the store once, on first use, and forwards every call to it', async () => {
    let loads = 0
    const store = lazyStore('memory', async () => (loads++, createMemoryStore()))
    expect(loads).toBe(0)
    await store.set(key, makeCredential())
    expect(await store.get(key)).toEqual(makeCredential())
    expect(await store.list()).toEqual([key])
    expect(await store.delete(key)).toBe(true)
    expect(await store.removeMovedAside?.()).toEqual([])
    expect(await store.moveAsideCorrupt?.()).toBeUndefined()
    expect(loads).toBe(1)
    expect(store.kind).toBe('memory')
    expect(store.probeBeforeRead).toBeUndefined()
  })

  it('answers a failed load in probe, with why; the other methods reject with the load error', async () => {
    const store = lazyStore('keychain', () => Promise.reject(new Error('no prebuilt binary for this platform')), { probeBeforeRead: true })
    expect(store.probeBeforeRead).toBe(true)
    expect(await store.probe?.()).toEqual({ available: false, reason: 'the keychain store could not be loaded (no prebuilt binary for this platform)' })
    await expect(store.get(key)).rejects.toThrow('no prebuilt binary for this platform')
    expect(await store.moveAsideCorrupt?.()).toBeUndefined()
    expect(await store.removeMovedAside?.()).toEqual([])
  })

  it('a store that fails to load is passed over by `auto` (moving a corrupt file aside included), with the fallback said', async () => {
    const keychain = lazyStore('keychain', () => Promise.reject(new Error('no prebuilt binary')), { probeBeforeRead: true })
    const file = { ...createMemoryStore(), kind: 'file' }
    const moved: string[] = []
    const { store, warning } = await selectStore({ choice: 'auto', stores: [keychain, file], movedAside: (_store, path) => moved.push(path) })
    expect(store.kind).toBe('file')
    expect(warning).toMatch(/^the keychain is not available \(the keychain store could not be loaded \(no prebuilt binary\)\)/)
    expect(moved).toEqual([])
  })

  it("answers the loaded store's own probe", async () => {
    const store = lazyStore('custom', async () => ({ ...createMemoryStore(), kind: 'custom', probe: async () => ({ available: false, reason: 'locked' }) }))
    expect(await store.probe?.()).toEqual({ available: false, reason: 'locked' })
  })
})
