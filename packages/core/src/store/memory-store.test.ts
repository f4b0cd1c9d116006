import { describe, expect, it } from 'vitest'
import { makeCredential } from '@auth/testing'
import { createMemoryStore } from './memory-store.js'
import { credentialKey } from '../model/credential-key.js'
import { ConfigError, StorageError } from '../errors/classes.js'

describe('createMemoryStore', () => {
  it('has kind memory and an empty start', async () => {
    const store = createMemoryStore()
    expect(store.kind).toBe('memory')
    expect(await store.list()).toEqual([])
    expect(await store.get(credentialKey('h'))).toBeUndefined()
    expect(await store.delete(credentialKey('h'))).toBe(false)
  })

  it('stores, finds by normalised key, lists and deletes', async () => {
    const store = createMemoryStore()
    await store.set(credentialKey('example.com', 'alice'), makeCredential())
    await store.set(credentialKey('example.com', 'bob'), makeCredential({ accessToken: 'b-token' }))
    expect(await store.get({ host: 'HTTPS://Example.com:443/', account: 'alice' })).toEqual(makeCredential())
    expect(await store.list()).toEqual([credentialKey('example.com', 'alice'), credentialKey('example.com', 'bob')])
    expect(await store.delete(credentialKey('example.com', 'alice'))).toBe(true)
    expect(await store.list()).toEqual([credentialKey('example.com', 'bob')])
  })

  it('keeps deep copies in and out, without source', async () => {
    const store = createMemoryStore()
    const key = credentialKey('h')
    const credential = makeCredential({ source: 'env:X' })
    await store.set(key, credential)
    credential.scopes.push('mutated')
    credential.account.login = 'mallory'
    const got = await store.get(key)
    expect(got).toEqual(makeCredential())
    got!.scopes.push('again')
    expect((await store.get(key))?.scopes).toEqual(['openid'])
  })

  it('stores are independent', async () => {
    const a = createMemoryStore()
    await a.set(credentialKey('h'), makeCredential())
    expect(await createMemoryStore().list()).toEqual([])
  })

  it('rejects garbage credentials and keys', async () => {
    const store = createMemoryStore()
    await expect(store.set(credentialKey('h'), { accessToken: 1 } as never)).rejects.toThrow(StorageError)
    await expect(store.set(credentialKey('h'), { ...makeCredential(), fn: () => 1 } as never)).resolves.toBeUndefined()
    await expect(store.get({ host: 'ftp://h', account: 'a' })).rejects.toThrow(ConfigError)
    await expect(store.get(null as never)).rejects.toThrow(ConfigError)
  })
})
