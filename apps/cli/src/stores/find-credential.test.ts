import { createMemoryStore, credentialKey, StorageError, type Credential, type CredentialStore } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { findCredential } from './find-credential.js'

const credential = (over: Partial<Credential> = {}): Credential => ({
  accessToken: 'token-value-1234', tokenType: 'Bearer', scopes: [], account: {}, flow: 'device', obtainedAt: 1, ...over,
})

describe('findCredential', () => {
  it('finds the host in the first store holding it', async () => {
    const a = createMemoryStore()
    const b = createMemoryStore()
    await b.set(credentialKey('https://h.example.com', 'alice'), credential())
    await a.set(credentialKey('https://other.example.com', 'bob'), credential())
    const found = await findCredential([a, b], { host: 'https://h.example.com' })
    expect(found?.store).toBe(b)
    expect(found?.key).toEqual({ host: 'https://h.example.com', account: 'alice' })
    expect(await findCredential([a, b], { host: 'https://none.example.com' })).toBeUndefined()
  })

  it("prefers the profile's flow and client, then the newest", async () => {
    const store = createMemoryStore()
    const host = 'https://h.example.com'
    await store.set(credentialKey(host, 'pat-user'), credential({ flow: 'pat', obtainedAt: 9 }))
    await store.set(credentialKey(host, 'old'), credential({ clientId: 'cli', obtainedAt: 1 }))
    await store.set(credentialKey(host, 'new'), credential({ clientId: 'cli', obtainedAt: 5 }))
    await store.set(credentialKey(host, 'bot'), credential({ flow: 'client-credentials', clientId: 'bot', obtainedAt: 2 }))
    expect((await findCredential([store], { host, flow: 'device', clientId: 'cli' }))?.key.account).toBe('new')
    expect((await findCredential([store], { host, flow: 'client-credentials' }))?.key.account).toBe('bot')
    expect((await findCredential([store], { host }))?.key.account).toBe('pat-user')
  })

  it('lets a failing store fail (a corrupt file is exit 6, not "not logged in")', async () => {
    const broken: CredentialStore = { ...createMemoryStore(), kind: 'file', list: () => Promise.reject(new StorageError('corrupt')) }
    await expect(findCredential([broken], { host: 'https://h' })).rejects.toMatchObject({ code: 'STORAGE_ERROR', exitCode: 6 })
  })

  it('with an account, only that account on that host counts', async () => {
    const store = createMemoryStore()
    const host = 'https://h.example.com'
    await store.set(credentialKey(host, 'alice'), credential({ obtainedAt: 1 }))
    await store.set(credentialKey(host, 'bob'), credential({ obtainedAt: 9 }))
    await store.set(credentialKey('https://other.example.com', 'carol'), credential())
    expect((await findCredential([store], { host, account: 'alice' }))?.key.account).toBe('alice')
    expect((await findCredential([store], { host }))?.key.account).toBe('bob')
    expect(await findCredential([store], { host, account: 'carol' })).toBeUndefined()
  })
})
