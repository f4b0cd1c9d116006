/**
 * The store against a real Secret Service: gnome-keyring, unlocked, on a D-Bus session bus
 * (the one scripts/with-keyring.sh provides, else a private one started here), with
 * secret-tool confirming where every secret landed and /proc/keys that none went to the
 * kernel keyutils store.
 */
import { StorageError, credentialKey } from '@auth/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeychainSecret, createKeychainStore, keychainDataKey } from '../src/index.js'
import { makeCredential } from '@auth/testing'
import { insideWithKeyring, kernelKeysMentioning, keyringSupport, secretToolSearch, secretToolStore, startPrivateKeyring, type PrivateKeyring } from './_keyring.js'

const support = keyringSupport()
if (!support.run && process.env['CI']) it('has the tools for the keychain tests (CI)', () => expect.fail(support.why))

describe.runIf(support.run)('keychain store on a real Secret Service', () => {
  let k: PrivateKeyring | undefined
  let n = 0
  /** A fresh app name per test: the with-keyring bus is shared by every test file. */
  const app = (): string => `kc-test-${process.pid}-${++n}`
  const env = (): NodeJS.ProcessEnv => k?.env ?? process.env
  const alice = credentialKey('api.example.com', 'alice')
  const bob = credentialKey('api.example.com', 'bob')
  const elsewhere = credentialKey('https://other.example.com/v2', 'alice')

  beforeAll(async () => {
    if (insideWithKeyring()) return
    k = await startPrivateKeyring({ unlock: true })
    // The native module reads the process environment.
    process.env['DBUS_SESSION_BUS_ADDRESS'] = k.address
  })
  afterAll(async () => {
    await k?.close()
  })

  it('stores, reads, lists and deletes, one Secret Service item per credential', async () => {
    const service = app()
    const store = createKeychainStore({ service, env: env() })
    const credential = makeCredential({ accessToken: 'real-keyring-token-1', refreshToken: 'real-keyring-refresh-1', expiresAt: 5_000, source: 'device' })
    await store.set(alice, credential)

    const items = secretToolSearch(`${service}:https://api.example.com`, env())
    expect(items).toHaveLength(1)
    expect(items[0]?.['attribute.username']).toBe('alice')
    const { source: _dropped, ...stored } = credential
    expect(JSON.parse(items[0]?.['secret'] ?? 'null')).toEqual(stored)
    const index = secretToolSearch(service, env())
    expect(index.map((i) => i['attribute.username'])).toEqual(['index'])
    expect(JSON.parse(index[0]?.['secret'] ?? 'null')).toEqual(['https://api.example.com#alice'])

    expect(await store.get(credentialKey('https://API.example.com/', 'alice'))).toEqual(stored)
    expect(await store.list()).toEqual([alice])
    expect(await store.delete(alice)).toBe(true)
    expect(await store.delete(alice)).toBe(false)
    expect(await store.get(alice)).toBeUndefined()
    expect(await store.list()).toEqual([])
    expect(secretToolSearch(`${service}:https://api.example.com`, env())).toEqual([])
    expect(kernelKeysMentioning(service)).toEqual([])
  })

  it('keeps two accounts on one host, and two hosts, apart', async () => {
    const service = app()
    const store = createKeychainStore({ service, env: env() })
    await store.set(alice, makeCredential({ accessToken: 'alice-token-on-api' }))
    await store.set(bob, makeCredential({ accessToken: 'bob-token-on-api', account: { login: 'bob' } }))
    await store.set(elsewhere, makeCredential({ accessToken: 'alice-token-on-other' }))

    const api = secretToolSearch(`${service}:https://api.example.com`, env())
    expect(api.map((i) => i['attribute.username']).sort()).toEqual(['alice', 'bob'])
    expect(secretToolSearch(`${service}:https://other.example.com/v2`, env()).map((i) => i['attribute.username'])).toEqual(['alice'])
    expect((await store.get(alice))?.accessToken).toBe('alice-token-on-api')
    expect((await store.get(bob))?.accessToken).toBe('bob-token-on-api')
    expect((await store.get(elsewhere))?.accessToken).toBe('alice-token-on-other')
    expect(await store.list()).toHaveLength(3)

    await store.delete(alice)
    expect((await store.get(elsewhere))?.accessToken).toBe('alice-token-on-other')
    expect(await store.list()).toEqual(expect.arrayContaining([bob, elsewhere]))
    for (const key of [bob, elsewhere]) await store.delete(key)
    expect(kernelKeysMentioning(service)).toEqual([])
  })

  it('refuses garbage another program put in an entry, and drops vanished entries from the list', async () => {
    const service = app()
    const store = createKeychainStore({ service, env: env() })
    await store.set(alice, makeCredential())
    await store.set(bob, makeCredential())
    secretToolStore(`${service}:https://api.example.com`, 'alice', 'not json {"accessToken":"ghp_leakleakleakleakleakleakleakleak"', env())
    const error = await store.get(alice).catch((e: unknown) => e)
    expect(StorageError.isInstance(error)).toBe(true)
    expect((error as StorageError).message).toMatch(/invalid credential in keychain entry .* not valid JSON/)
    expect((error as StorageError).message).not.toContain('ghp_')
    secretToolStore(`${service}:https://api.example.com`, 'alice', JSON.stringify({ accessToken: 42 }), env())
    await expect(store.get(alice)).rejects.toThrow(/"accessToken" is missing or of the wrong type/)

    await new (await import('@napi-rs/keyring')).AsyncEntry(`${service}:https://api.example.com`, 'bob', { linux: { store: 'secret-service' } }).deletePassword()
    expect(await store.list()).toEqual([alice])
    expect(JSON.parse(secretToolSearch(service, env())[0]?.['secret'] ?? 'null')).toEqual(['https://api.example.com#alice'])
    await store.delete(alice)
  })

  it('holds a 100 KB credential in one item', async () => {
    const service = app()
    const store = createKeychainStore({ service, env: env() })
    const big = makeCredential({ accessToken: `big-${'t'.repeat(100_000)}` })
    await store.set(alice, big)
    expect(await store.get(alice)).toEqual(big)
    expect(secretToolSearch(`${service}:https://api.example.com`, env())).toHaveLength(1)
    await store.delete(alice)
  })

  it('says the Secret Service is available, and leaves no probe entry behind', async () => {
    const service = app()
    const store = createKeychainStore({ service, env: env() })
    expect(await store.probe()).toEqual({ available: true, location: 'Secret Service' })
    expect(secretToolSearch(service, env())).toEqual([])
    await store.set(alice, makeCredential())
    expect(await store.probe()).toEqual({ available: true, location: 'Secret Service' })
    await store.delete(alice)
  })

  it('keeps single secrets and the data key of the encrypted store', async () => {
    const service = app()
    const secret = createKeychainSecret({ service, account: 'client-secret', env: env() })
    await secret.set('a-client-secret-value')
    expect(await secret.get()).toBe('a-client-secret-value')
    const key = await keychainDataKey({ service, env: env() })()
    expect(key).toHaveLength(32)
    expect(await keychainDataKey({ service, env: env() })()).toEqual(key)
    const items = secretToolSearch(service, env())
    expect(items.map((i) => i['attribute.username']).sort()).toEqual(['client-secret', 'data-key'])
    expect(Buffer.from(items.find((i) => i['attribute.username'] === 'data-key')?.['secret'] ?? '', 'base64')).toEqual(Buffer.from(key))
    expect(await secret.delete()).toBe(true)
    expect(await createKeychainSecret({ service, account: 'data-key', env: env() }).delete()).toBe(true)
    expect(kernelKeysMentioning(service)).toEqual([])
  })
})
