import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createEncryptedStore } from './create-encrypted-store.js'
import { keychainKey } from './keychain-key.js'

const dirs: string[] = []
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true })
})

describe('keychainKey', () => {
  it('marks the provider as get-or-create, labelled the keychain', () => {
    const provider = async () => new Uint8Array(32)
    expect(keychainKey(provider)).toEqual({ provider, label: 'the keychain', getOrCreate: true })
    expect(keychainKey(provider, { label: 'the keychain (service mycli)' }).label).toBe('the keychain (service mycli)')
  })

  it('calls get-or-create under a lock beside the store file: racing stores never run it at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'keychain-key-'))
    dirs.push(dir)
    let inside = 0
    let most = 0
    let stored: Uint8Array | undefined
    const getOrCreate = async () => {
      most = Math.max(most, ++inside)
      await new Promise((r) => setTimeout(r, 20))
      stored ??= new Uint8Array(32).fill(Math.floor(Math.random() * 255))
      inside--
      return stored
    }
    const stores = Array.from({ length: 4 }, () => createEncryptedStore({ dir, key: keychainKey(getOrCreate) }))
    const credential = { accessToken: 'a', tokenType: 'Bearer', scopes: [], account: {}, flow: 'pat', obtainedAt: 1 }
    await Promise.all(stores.map((store, i) => store.set({ host: 'https://h.test', account: `u${i}` }, credential)))
    expect(most).toBe(1)
    expect(await stores[0]?.list()).toHaveLength(4)
  })
})
