import { chmod, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { AuthError, ConfigError, StorageError, credentialKey } from '@auth/core'
import { afterEach, describe, expect, it } from 'vitest'
import { isWindows, makeCredential, recordingLogger, rejection, tempDirs } from '@auth/testing'
import { createEncryptedStore } from './create-encrypted-store.js'
import type { EncryptionKey } from './types.js'

/** A 32-byte key whose bytes are all `fill`. */
function rawKey(fill: number): { rawKey: Uint8Array } {
  return { rawKey: new Uint8Array(32).fill(fill) }
}

const dirs = tempDirs()
afterEach(dirs.cleanup)
const alice = credentialKey('api.example.com', 'alice')
const bob = credentialKey('api.example.com', 'bob')
const now = () => Date.UTC(2025, 5, 1, 12, 0, 0)

async function storeWith(key: EncryptionKey = rawKey(1), extra: Record<string, unknown> = {}) {
  return createEncryptedStore({ dir: await dirs.make(), key, ...extra })
}

/** Rewrites one base64 field of the sealed file with one bit flipped. */
async function flip(path: string, field: string, sub?: string): Promise<void> {
  const doc = JSON.parse(await readFile(path, 'utf8'))
  const holder = sub === undefined ? doc : doc[field]
  const name = sub ?? field
  const bytes = Buffer.from(holder[name], 'base64')
  bytes[bytes.length - 1]! ^= 1
  holder[name] = bytes.toString('base64')
  await writeFile(path, JSON.stringify(doc), { mode: 0o600 })
}

describe('createEncryptedStore', () => {
  it('has kind encrypted, <dir>/credentials.enc, and the CredentialStore behaviour', async () => {
    const store = await storeWith()
    expect(store.kind).toBe('encrypted')
    expect(store.path).toMatch(/credentials\.enc$/)
    expect(await store.list()).toEqual([])
    expect(await store.get(alice)).toBeUndefined()
    expect(await store.delete(alice)).toBe(false)
    await store.set(alice, makeCredential({ accessToken: 'alice-token-1', source: 'x' }))
    await store.set(bob, makeCredential({ accessToken: 'bob-token-12' }))
    expect(await store.get({ host: 'HTTPS://API.EXAMPLE.COM:443/', account: 'alice' })).toEqual(makeCredential({ accessToken: 'alice-token-1' }))
    expect(await store.list()).toEqual([alice, bob])
    expect(await store.delete(alice)).toBe(true)
    expect(await store.list()).toEqual([bob])
  })

  it('writes the documented sealed JSON, 0600, with no plaintext and a new nonce per write', async () => {
    const store = await storeWith()
    await store.set(alice, makeCredential({ accessToken: 'plain-token-never-on-disk' }))
    const first = JSON.parse(await readFile(store.path, 'utf8'))
    expect(Object.keys(first)).toEqual(['version', 'kdf', 'kcv', 'nonce', 'ciphertext', 'tag'])
    expect(first).toMatchObject({ version: 1, kdf: { name: 'none' } })
    expect(Buffer.from(first.nonce, 'base64')).toHaveLength(12)
    expect(Buffer.from(first.tag, 'base64')).toHaveLength(16)
    const raw = await readFile(store.path, 'utf8')
    expect(raw).not.toContain('plain-token')
    expect(raw).not.toContain('api.example.com')
    if (!isWindows) expect((await stat(store.path)).mode & 0o777).toBe(0o600)
    await store.set(bob, makeCredential())
    const second = JSON.parse(await readFile(store.path, 'utf8'))
    expect(second.nonce).not.toBe(first.nonce)
    expect(second.kcv).toBe(first.kcv)
    expect(await readdir(join(store.path, '..'))).toEqual(['credentials.enc'])
  })

  it('a passphrase: scrypt N=2^17 r=8 p=1, a 16-byte salt kept across writes, derived once per process per salt', async () => {
    const key = { passphrase: 'correct horse battery staple' }
    const store = await storeWith(key)
    let started = performance.now()
    await store.set(alice, makeCredential())
    const firstWrite = performance.now() - started
    const doc = JSON.parse(await readFile(store.path, 'utf8'))
    expect(doc.kdf).toMatchObject({ name: 'scrypt', N: 131072, r: 8, p: 1 })
    expect(Buffer.from(doc.kdf.salt, 'base64')).toHaveLength(16)
    started = performance.now()
    const again = createEncryptedStore({ dir: join(store.path, '..'), key: { passphrase: 'correct horse battery staple' } })
    await again.set(bob, makeCredential())
    expect(await again.list()).toEqual([alice, bob])
    const cached = performance.now() - started
    console.info(`[figure] first write with a passphrase (one scrypt derive, N=2^17 r=8 p=1): ${firstWrite.toFixed(0)} ms; later writes and reads (cached key): ${cached.toFixed(0)} ms`)
    expect(cached).toBeLessThan(firstWrite)
    expect(JSON.parse(await readFile(store.path, 'utf8')).kdf.salt).toBe(doc.kdf.salt)
  })

  it('a wrong key says so, naming the variable; the file is untouched', async () => {
    const dir = await dirs.make()
    const store = createEncryptedStore({ dir, key: rawKey(1) })
    await store.set(alice, makeCredential())
    const before = await readFile(store.path)
    const wrong = createEncryptedStore({ dir, key: rawKey(2) })
    for (const call of [
      () => wrong.get(alice),
      () => wrong.list(),
      () => wrong.set(bob, makeCredential()),
      () => wrong.delete(alice),
      () => wrong.moveAsideCorrupt(),
      () => wrong.rotateKey(rawKey(3)),
    ]) {
      const error = await rejection(call())
      expect(StorageError.isInstance(error)).toBe(true)
      expect(error.message).toBe(`@auth/store-encrypted: wrong encryption key for ${store.path} (the encryption key?)`)
      expect(error['exitCode']).toBe(6)
    }
    expect((await readFile(store.path)).equals(before)).toBe(true)
    expect(await readdir(dir)).toEqual(['credentials.enc'])
  })

  it('a key of the other kind says which the file needs', async () => {
    const dir = await dirs.make()
    await createEncryptedStore({ dir, key: rawKey(1) }).set(alice, makeCredential())
    const store = createEncryptedStore({ dir, key: { passphrase: 'a passphrase here', label: 'MY_KEY' } })
    await expect(store.get(alice)).rejects.toThrow(`wrong kind of encryption key for ${store.path}: it was sealed with a 32-byte key, and MY_KEY gives a passphrase`)
  })

  it.each([
    ['ciphertext', undefined],
    ['tag', undefined],
    ['nonce', undefined],
  ])('a flipped bit in %s is "tampered with or is corrupt"; the file is kept, and moved aside on request', async (field, sub) => {
    const logger = recordingLogger()
    const store = await storeWith(rawKey(1), { logger, now })
    await store.set(alice, makeCredential())
    await flip(store.path, field, sub)
    const before = await readFile(store.path)
    for (const call of [() => store.get(alice), () => store.set(bob, makeCredential())]) {
      const error = await rejection(call())
      expect(StorageError.isInstance(error)).toBe(true)
      expect(error.message).toBe(`@auth/store-encrypted: ${store.path} was tampered with or is corrupt: the key is right but the authentication tag does not match`)
    }
    expect((await readFile(store.path)).equals(before)).toBe(true)
    expect(await store.moveAsideCorrupt()).toBe(`${store.path}.corrupt-20250601T120000Z`)
    expect(logger.lines.join('\n')).toContain('moved the unreadable')
    await store.set(bob, makeCredential())
    expect(await store.list()).toEqual([bob])
  })

  it('an altered key check value or KDF salt reads as a wrong key (the header cannot prove which)', async () => {
    const store = await storeWith(rawKey(1))
    await store.set(alice, makeCredential())
    await flip(store.path, 'kcv')
    await expect(store.get(alice)).rejects.toThrow('wrong encryption key')
    const passphrase = await storeWith({ passphrase: 'correct horse battery staple' })
    await passphrase.set(alice, makeCredential())
    await flip(passphrase.path, 'kdf', 'salt')
    await expect(passphrase.get(alice)).rejects.toThrow('wrong encryption key')
  })

  it('removeMovedAside deletes the moved-aside copies, only those', async () => {
    const store = await storeWith(rawKey(1))
    await writeFile(store.path, 'not an encrypted file', { mode: 0o600 })
    const moved = await store.moveAsideCorrupt()
    expect(moved).toMatch(/\.corrupt-/)
    await store.set(alice, makeCredential())
    expect(await store.removeMovedAside()).toEqual([moved])
    expect(await readdir(dirname(store.path))).not.toContain(basename(moved as string))
    expect(await store.get(alice)).toEqual(makeCredential())
  })

  it('an unknown version or a broken header is corrupt; moveAsideCorrupt leaves good or missing files', async () => {
    const store = await storeWith(rawKey(1), { now })
    expect(await store.moveAsideCorrupt()).toBeUndefined()
    await store.set(alice, makeCredential())
    expect(await store.moveAsideCorrupt()).toBeUndefined()
    const doc = JSON.parse(await readFile(store.path, 'utf8'))
    await writeFile(store.path, JSON.stringify({ ...doc, version: 2 }))
    await expect(store.get(alice)).rejects.toThrow(`${store.path} has an unknown format version`)
    expect((await store.probe()).available).toBe(false)
    expect(await store.moveAsideCorrupt()).toMatch(/\.corrupt-20250601T120000Z$/)
    expect(await store.probe()).toMatchObject({ available: true, reason: 'key from the encryption key (32-byte key)' })
  })

  it.skipIf(isWindows)('refuses a file that group or others can read', async () => {
    const store = await storeWith()
    await store.set(alice, makeCredential())
    await chmod(store.path, 0o640)
    const error = await rejection(store.get(alice))
    expect(error['hint']).toBe(`chmod 600 ${store.path}`)
    await expect(store.moveAsideCorrupt()).rejects.toThrow(StorageError)
  })

  it('rotateKey re-encrypts under the new key (a new salt), keeping every credential', async () => {
    const dir = await dirs.make()
    const logger = recordingLogger()
    const store = createEncryptedStore({ dir, key: rawKey(1), logger })
    await store.set(alice, makeCredential({ accessToken: 'alice-token-1' }))
    await store.set(bob, makeCredential({ accessToken: 'bob-token-12' }))
    const next = { passphrase: 'the new passphrase', label: 'AUTHCLI_NEW_ENCRYPTION_KEY' }
    await store.rotateKey(next)
    expect(logger.lines.join('\n')).toContain('re-encrypted')
    expect(JSON.parse(await readFile(store.path, 'utf8')).kdf.name).toBe('scrypt')
    expect(await store.list()).toEqual([alice, bob])
    await expect(createEncryptedStore({ dir, key: rawKey(1) }).get(alice)).rejects.toThrow('wrong kind of encryption key')
    expect((await createEncryptedStore({ dir, key: { passphrase: 'the new passphrase' } }).get(bob))?.accessToken).toBe('bob-token-12')
    await store.rotateKey(rawKey(9))
    await expect(createEncryptedStore({ dir, key: rawKey(1) }).get(alice)).rejects.toThrow('wrong encryption key')
    expect((await createEncryptedStore({ dir, key: rawKey(9) }).get(alice))?.accessToken).toBe('alice-token-1')
    expect(await readdir(dir)).toEqual(['credentials.enc'])
  })

  it('rotateKey without a file only changes the key; with a bad new key changes nothing', async () => {
    const dir = await dirs.make()
    const store = createEncryptedStore({ dir, key: rawKey(1) })
    await store.rotateKey(rawKey(2))
    await store.set(alice, makeCredential())
    expect(await createEncryptedStore({ dir, key: rawKey(2) }).list()).toEqual([alice])
    await expect(store.rotateKey({ passphrase: 'short' })).rejects.toThrow(ConfigError)
    await expect(store.rotateKey({ provider: async () => new Uint8Array(16) })).rejects.toThrow('is not 32 bytes')
    expect(await createEncryptedStore({ dir, key: rawKey(2) }).list()).toEqual([alice])
  })

  it('a provider (keychain data key) is asked once, and again after a failure', async () => {
    let calls = 0
    let fail = true
    const provider = async () => {
      calls++
      if (fail) throw new Error('Secret Service unreachable: super-secret-detail')
      return new Uint8Array(32).fill(7)
    }
    const store = await storeWith({ provider })
    const error = await rejection(store.set(alice, makeCredential()))
    expect(error.message).toBe('@auth/store-encrypted: cannot get the encryption key from the keychain')
    fail = false
    await store.set(alice, makeCredential())
    await store.set(bob, makeCredential())
    expect(await store.list()).toEqual([alice, bob])
    expect(calls).toBe(2)
    expect(await createEncryptedStore({ dir: join(store.path, '..'), key: rawKey(7) }).list()).toEqual([alice, bob])
  })

  it('a provider error that is already an AuthError passes through', async () => {
    const store = await storeWith({
      provider: async () => {
        throw new StorageError('keychain locked', { hint: 'unlock it' })
      },
      label: 'the login keychain',
    })
    expect(await store.get(alice)).toBeUndefined() // no file: the key is not needed
    await createEncryptedStore({ dir: join(store.path, '..'), key: rawKey(7) }).set(alice, makeCredential())
    const error = await rejection(store.get(alice))
    expect(AuthError.isInstance(error) && error.message).toBe('keychain locked')
    await writeFile(store.path, '{}', { mode: 0o600 }) // probe does not call the provider
    expect((await store.probe()).available).toBe(false)
  })

  it('refuses missing options with a ConfigError', async () => {
    for (const options of [undefined, null, [], {}, { dir: await dirs.make() }, { key: rawKey(1) }]) {
      expect(() => createEncryptedStore(options as never)).toThrow(ConfigError)
    }
  })

  it.each([
    { dir: '' },
    { dir: 'a\0b' },
    { key: {} },
    { key: { passphrase: 'short' } },
    { key: { passphrase: 12345678 } },
    { key: { rawKey: new Uint8Array(31) } },
    { key: { rawKey: 'x'.repeat(32) } },
    { key: { provider: 'keychain' } },
    { key: { passphrase: 'long enough', rawKey: new Uint8Array(32) } },
    { key: { passphrase: 'long enough', label: '' } },
    { fileName: 'a/b' },
    { fileName: '..' },
    { lockTimeoutMs: -5 },
    { logger: {} },
    { now: 'x' },
  ])('refuses options %j with a ConfigError', async (options) => {
    const dir = await dirs.make()
    expect(() => createEncryptedStore({ dir, key: rawKey(1), ...options } as never)).toThrow(ConfigError)
  })

  it('never puts a passphrase in an error message', async () => {
    const dir = await dirs.make()
    await createEncryptedStore({ dir, key: { passphrase: 'first secret passphrase' } }).set(alice, makeCredential())
    const error = await rejection(createEncryptedStore({ dir, key: { passphrase: 'second secret passphrase' } }).get(alice))
    expect(`${error.message} ${String(error['hint'])}`).not.toMatch(/secret passphrase/)
  })
})
