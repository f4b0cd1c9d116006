import { describe, expect, it } from 'vitest'
import { StorageError } from '../errors/classes.js'
import { credentialKey } from '../model/credential-key.js'
import type { Credential, CredentialKey, CredentialStore } from '../model/types.js'
import { createMemoryStore } from './memory-store.js'
import { migrateCredentials, sameCredential } from './migrate-credentials.js'

const credential = (token: string, over: Partial<Credential> = {}): Credential => ({
  accessToken: token,
  tokenType: 'Bearer',
  scopes: ['openid'],
  account: { login: token },
  flow: 'device',
  obtainedAt: 1000,
  ...over,
})

async function filled(kind: CredentialStore['kind'], count: number, prefix = kind): Promise<{ store: CredentialStore; keys: CredentialKey[] }> {
  const store = { ...createMemoryStore(), kind }
  const keys: CredentialKey[] = []
  for (let i = 0; i < count; i++) {
    const key = credentialKey(`https://h${i}.example.com`, `${prefix}-${i}`)
    await store.set(key, credential(`${prefix}-token-${i}`))
    keys.push(key)
  }
  return { store, keys }
}

/** A store that fails on its Nth `set` (1-based), as a full disk or a read-only folder would. */
function failingOnWrite(n: number, kind: CredentialStore['kind'] = 'encrypted'): CredentialStore & { writes: number } {
  const inner = createMemoryStore()
  const store = {
    ...inner,
    kind,
    writes: 0,
    async set(key: CredentialKey, value: Credential) {
      store.writes++
      if (store.writes === n) throw new StorageError('cannot write /x/credentials.enc (ENOSPC)')
      return inner.set(key, value)
    },
  }
  return store
}

/** Every (host, account) that is in at least one of the stores, with its access token. */
async function everywhere(...stores: CredentialStore[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const store of stores) {
    for (const key of await store.list()) found.set(`${key.host}#${key.account}`, (await store.get(key))?.accessToken ?? '')
  }
  return found
}

describe('migrateCredentials', () => {
  it('moves every credential: in the target, read back equal, gone from the sources', async () => {
    const file = await filled('file', 3)
    const keychain = await filled('keychain', 2)
    const target = { ...createMemoryStore(), kind: 'encrypted' as const }
    const before = await everywhere(file.store, keychain.store)
    const moved = await migrateCredentials({ from: [keychain.store, file.store], to: target })
    expect(moved).toHaveLength(5)
    expect(moved[0]).toEqual({ host: 'https://h0.example.com', account: 'keychain-0', from: 'keychain', outcome: 'moved' })
    expect(await file.store.list()).toEqual([])
    expect(await keychain.store.list()).toEqual([])
    expect(await everywhere(target)).toEqual(before)
  })

  it.each([1, 2, 3, 4, 5])('a target failing on write %i: stops there, every credential still in one store', async (n) => {
    const file = await filled('file', 5)
    const before = await everywhere(file.store)
    const target = failingOnWrite(n)
    const error = await migrateCredentials({ from: [file.store], to: target }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'STORAGE_ERROR', exitCode: 6, hint: 'nothing was lost: fix the cause and run it again' })
    expect((error as Error).message).toBe(
      `the migration stopped at https://h${n - 1}.example.com (file-${n - 1}), file -> encrypted: cannot write /x/credentials.enc (ENOSPC); ${n - 1} of 5 moved, the other ${6 - n} are still in file`,
    )
    expect(await everywhere(file.store, target)).toEqual(before)
    expect((await target.list()).length).toBe(n - 1)
    expect((await file.store.list()).length).toBe(6 - n)
    // Run again once the target works: the rest moves, nothing is lost or doubled.
    const fixed = { ...createMemoryStore(), kind: 'encrypted' as const }
    for (const key of await target.list()) await fixed.set(key, (await target.get(key)) as Credential)
    await migrateCredentials({ from: [file.store], to: fixed })
    expect(await everywhere(fixed)).toEqual(before)
    expect(await file.store.list()).toEqual([])
  })

  it('a target that gives back something else: the source keeps it, the bad copy is removed', async () => {
    const file = await filled('file', 2)
    const inner = createMemoryStore()
    const lying: CredentialStore = { ...inner, kind: 'keychain', get: async (key) => ((await inner.get(key)) ? credential('garbled') : undefined) }
    const error = await migrateCredentials({ from: [file.store], to: lying }).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'STORAGE_ERROR', message: expect.stringContaining('the keychain store did not give the credential back as written') })
    expect(await file.store.list()).toHaveLength(2)
    expect(await inner.list()).toEqual([])
  })

  it('a source that cannot be read: nothing moves', async () => {
    const file = await filled('file', 2)
    const broken: CredentialStore = { ...createMemoryStore(), kind: 'encrypted', list: () => Promise.reject(new StorageError('wrong encryption key for credentials.enc')) }
    const target = { ...createMemoryStore(), kind: 'keychain' as const }
    await expect(migrateCredentials({ from: [file.store, broken], to: target })).rejects.toMatchObject({ message: 'wrong encryption key for credentials.enc' })
    expect(await target.list()).toEqual([])
    expect(await file.store.list()).toHaveLength(2)
  })

  it('a delete that fails: the credential is in both stores, never in neither', async () => {
    const file = await filled('file', 1)
    const sticky: CredentialStore = { ...file.store, delete: () => Promise.reject(new StorageError('cannot write credentials (EROFS)')) }
    const target = { ...createMemoryStore(), kind: 'encrypted' as const }
    await expect(migrateCredentials({ from: [sticky], to: target })).rejects.toMatchObject({ code: 'STORAGE_ERROR' })
    expect(await target.list()).toHaveLength(1)
    expect(await file.store.list()).toHaveLength(1)
  })

  it('keeps a newer or equal copy already in the target, and moves an older one over', async () => {
    const key = credentialKey('https://h.example.com', 'alice')
    const older = { ...createMemoryStore(), kind: 'file' as const }
    const same = { ...createMemoryStore(), kind: 'keychain' as const }
    const target = { ...createMemoryStore(), kind: 'encrypted' as const }
    await older.set(key, credential('old', { obtainedAt: 1 }))
    await same.set(key, credential('new', { obtainedAt: 5 }))
    await target.set(key, credential('new', { obtainedAt: 5 }))
    const moved = await migrateCredentials({ from: [same, older], to: target })
    expect(moved.map((m) => m.outcome)).toEqual(['kept-target', 'kept-target'])
    expect((await target.get(key))?.accessToken).toBe('new')
    const newer = { ...createMemoryStore(), kind: 'file' as const }
    await newer.set(key, credential('newest', { obtainedAt: 9 }))
    expect((await migrateCredentials({ from: [newer], to: target }))[0]?.outcome).toBe('moved')
    expect((await target.get(key))?.accessToken).toBe('newest')
  })

  it('skips the target when it is also named as a source', async () => {
    const file = await filled('file', 2)
    expect(await migrateCredentials({ from: [file.store], to: file.store })).toEqual([])
    expect(await file.store.list()).toHaveLength(2)
  })

  it('moves only the keys asked for', async () => {
    const file = await filled('file', 3)
    const target = { ...createMemoryStore(), kind: 'encrypted' as const }
    const moved = await migrateCredentials({ from: file.store, to: target, keys: [file.keys[1] as CredentialKey] })
    expect(moved).toEqual([{ host: 'https://h1.example.com', account: 'file-1', from: 'file', outcome: 'moved' }])
    expect(await target.list()).toEqual([file.keys[1]])
    expect(await file.store.list()).toEqual([file.keys[0], file.keys[2]])
  })
})

describe('sameCredential', () => {
  it('ignores source, undefined fields and key order; sees any other difference', () => {
    const a = credential('x', { refreshToken: 'r' })
    expect(sameCredential(a, { ...a, source: 'file' })).toBe(true)
    expect(sameCredential(a, { refreshToken: 'r', ...credential('x'), expiresAt: undefined } as unknown as Credential)).toBe(true)
    expect(sameCredential(a, { ...a, refreshToken: 's' })).toBe(false)
    expect(sameCredential(a, { ...a, scopes: ['openid', 'x'] })).toBe(false)
    expect(sameCredential(a, { ...a, account: { login: 'y' } })).toBe(false)
  })
})
