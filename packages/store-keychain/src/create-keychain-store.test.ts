import { mkdtempSync, rmSync, stat } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError, StorageError, credentialKey, type Logger } from '@auth/core'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { createKeychainStore } from './create-keychain-store.js'
import { makeCredential } from '@auth/testing'
import { failingBackend, fakeBackend, hangingBackend } from './_test-fakes.js'
import type { KeychainBackend } from './types.js'

const alice = credentialKey('api.example.com', 'alice')
const bob = credentialKey('api.example.com', 'bob')
const other = credentialKey('https://other.example.com/api', 'alice')
const linux = { platform: 'linux' as const, env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nowhere' } }

// The index lock of these stores: a private folder of this file's own.
const lockDir = mkdtempSync(join(tmpdir(), 'keychain-store-test-'))
afterAll(() => rmSync(lockDir, { recursive: true, force: true }))

function store(backend: KeychainBackend = fakeBackend(), extra: object = {}) {
  return createKeychainStore({ service: 'authcli', backend, ...linux, lockDir, ...extra })
}

/** Waits (on real I/O, whatever the fake timers) until the backend has been called: `set` takes the index lock first. */
async function untilCalled(backend: { calls: number }): Promise<void> {
  for (let i = 0; i < 10_000 && backend.calls === 0; i++) await new Promise((resolve) => stat('.', resolve))
}

async function storageError(promise: Promise<unknown>): Promise<StorageError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(StorageError.isInstance(error), String(error)).toBe(true)
  const e = error as StorageError
  expect(e.code).toBe('STORAGE_ERROR')
  expect(e.exitCode).toBe(6)
  return e
}

afterEach(() => {
  vi.useRealTimers()
})

describe('createKeychainStore: entries and index', () => {
  it('stores one entry per credential under <service>:<host> / <account>, without source', async () => {
    const backend = fakeBackend()
    const s = store(backend)
    await s.set(alice, makeCredential({ source: 'env:AUTHCLI_TOKEN' }))
    const stored = backend.entries.get('authcli:https://api.example.com\nalice')
    expect(JSON.parse(stored ?? 'null')).toEqual(makeCredential())
    expect(JSON.parse(backend.entries.get('authcli\nindex') ?? 'null')).toEqual(['https://api.example.com#alice'])
    expect(await s.get(credentialKey('https://API.example.com:443/', 'alice'))).toEqual(makeCredential())
    expect(s.kind).toBe('keychain')
    // locate names exactly that entry, for a product's status output.
    expect(s.locate?.(credentialKey('https://API.example.com:443/', 'alice'))).toBe('keychain service authcli:https://api.example.com, account alice (Secret Service)')
  })

  it('keeps several accounts per host and several hosts apart', async () => {
    const s = store()
    await s.set(alice, makeCredential({ accessToken: 'token-of-alice-1' }))
    await s.set(bob, makeCredential({ accessToken: 'token-of-bob-1', account: { login: 'bob' } }))
    await s.set(other, makeCredential({ accessToken: 'token-of-alice-on-other' }))
    expect((await s.get(alice))?.accessToken).toBe('token-of-alice-1')
    expect((await s.get(bob))?.accessToken).toBe('token-of-bob-1')
    expect((await s.get(other))?.accessToken).toBe('token-of-alice-on-other')
    expect(await s.list()).toEqual(expect.arrayContaining([alice, bob, other]))
    expect(await s.list()).toHaveLength(3)
    expect(await s.delete(bob)).toBe(true)
    expect(await s.delete(bob)).toBe(false)
    expect(await s.get(bob)).toBeUndefined()
    expect(await s.list()).toEqual(expect.arrayContaining([alice, other]))
    expect(await s.list()).toHaveLength(2)
  })

  it('replaces a credential in place and lists it once', async () => {
    const s = store()
    await s.set(alice, makeCredential())
    await s.set(alice, makeCredential({ accessToken: 'a-newer-token-value' }))
    expect((await s.get(alice))?.accessToken).toBe('a-newer-token-value')
    expect(await s.list()).toEqual([alice])
  })

  it('keeps the index whole when sets run concurrently', async () => {
    const s = store()
    const keys = ['a', 'b', 'c', 'd', 'e'].map((account) => credentialKey('api.example.com', account))
    await Promise.all(keys.map((key) => s.set(key, makeCredential())))
    expect(await s.list()).toHaveLength(5)
  })

  it('drops ids whose entry is gone, and ids that are not key ids, and repairs the index', async () => {
    const backend = fakeBackend()
    const s = store(backend)
    await s.set(alice, makeCredential())
    await s.set(bob, makeCredential())
    backend.entries.delete('authcli:https://api.example.com\nbob')
    const index = JSON.parse(backend.entries.get('authcli\nindex') ?? '[]') as unknown[]
    backend.entries.set('authcli\nindex', JSON.stringify([...index, 42, 'not a key id', null]))
    expect(await s.list()).toEqual([alice])
    expect(JSON.parse(backend.entries.get('authcli\nindex') ?? 'null')).toEqual(['https://api.example.com#alice'])
  })

  it('lists nothing when nothing was stored', async () => {
    expect(await store().list()).toEqual([])
  })

  it('resolves undefined and false for a missing credential', async () => {
    const s = store()
    expect(await s.get(alice)).toBeUndefined()
    expect(await s.delete(alice)).toBe(false)
  })
})

describe('createKeychainStore: garbage', () => {
  const garbage: Array<[string, string]> = [
    ['not JSON', '{"accessToken": "ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"'],
    ['JSON null', 'null'],
    ['an array', '[1,2]'],
    ['a missing accessToken', JSON.stringify({ tokenType: 'Bearer', scopes: [], flow: 'pat', obtainedAt: 1 })],
    ['a wrong type', JSON.stringify({ ...makeCredential(), expiresAt: 'tomorrow' })],
    ['empty', ''],
  ]
  it.each(garbage)('refuses an entry holding %s, without repeating it', async (_what, text) => {
    const backend = fakeBackend()
    backend.entries.set('authcli:https://api.example.com\nalice', text)
    const e = await storageError(store(backend).get(alice))
    expect(e.message).toContain('"authcli:https://api.example.com" / "alice"')
    expect(e.message).not.toContain('ghp_')
    expect(e.hint).toMatch(/log in again/)
  })

  it('refuses a corrupt index in list(), and rebuilds it on the next set with a warning', async () => {
    const backend = fakeBackend()
    const warn = vi.fn()
    const s = store(backend, { logger: { debug() {}, info() {}, warn, error() {} } satisfies Logger })
    await s.set(alice, makeCredential())
    backend.entries.set('authcli\nindex', '{"oops"')
    const e = await storageError(s.list())
    expect(e.message).toMatch(/index is corrupt/)
    await s.set(bob, makeCredential())
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/index .* was corrupt/))
    expect(await s.list()).toEqual([bob])
    expect(await s.get(alice)).toEqual(makeCredential())
  })

  it('refuses to store an invalid credential, and writes nothing', async () => {
    const backend = fakeBackend()
    const e = await storageError(store(backend).set(alice, { accessToken: '' } as never))
    expect(e.message).toMatch(/accessToken/)
    expect(backend.entries.size).toBe(0)
  })

  it('refuses a backend answering something other than a string', async () => {
    const backend = { ...fakeBackend(), get: async () => 42 as unknown as string }
    const e = await storageError(store(backend).get(alice))
    expect(e.message).toMatch(/other than a string/)
  })

  it.each([
    ['a host', { host: '', account: 'alice' }],
    ['an account', { host: 'example.com', account: ' ' }],
    ['an object', null],
  ])('refuses a key without %s (ConfigError)', async (_what, key) => {
    const error = await store()
      .get(key as never)
      .catch((e: unknown) => e)
    expect(ConfigError.isInstance(error)).toBe(true)
  })
})

describe('createKeychainStore: failures and timeouts', () => {
  it('fails within timeoutMs when the keychain never answers', async () => {
    const backend = hangingBackend()
    const started = performance.now()
    const e = await storageError(store(backend, { timeoutMs: 50 }).get(alice))
    expect(performance.now() - started).toBeLessThan(1000)
    expect(e.message).toMatch(/the keychain did not answer within 0\.05 s \(read "authcli:https:\/\/api\.example\.com" \/ "alice" in the Secret Service\)/)
    expect(e.hint).toMatch(/use another store \(the file or the encrypted store\)/)
    expect(backend.calls).toBe(1)
  })

  it('waits 3 s by default, as gh does', async () => {
    vi.useFakeTimers()
    const backend = hangingBackend()
    const s = store(backend)
    const settled = vi.fn()
    const pending = s.set(alice, makeCredential()).catch((e: unknown) => {
      settled()
      return e
    })
    await untilCalled(backend)
    await vi.advanceTimersByTimeAsync(2999)
    expect(settled).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(1)
    const e = (await pending) as StorageError
    expect(e.message).toMatch(/did not answer within 3 s/)
    expect(e.exitCode).toBe(6)
  })

  it.each([
    ["Couldn't access platform storage: Secret Service: unlock prompt was dismissed", /keyring is locked/, /unlock the keyring/],
    ['Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time, set your DBUS_SESSION_BUS_ADDRESS instead', /no D-Bus session bus/, /dbus-run-session/],
    ["Couldn't access platform storage: Secret Service: no result found", /no default keyring/, /Seahorse/],
    ['Platform failure: DBus error: Did not receive a reply.', /did not reply/, /another store/],
    ["Couldn't access platform storage: AccessDenied", /AccessDenied/, /another store/],
  ])('maps the native error %j to a StorageError with the reason', async (native, reason, hint) => {
    const e = await storageError(store(failingBackend(native)).get(alice))
    expect(e.message).toMatch(/^@auth\/store-keychain: cannot read "authcli:https:\/\/api\.example\.com" \/ "alice" in the Secret Service: /)
    expect(e.message).toMatch(reason)
    expect(e.hint).toMatch(hint)
  })

  it('never puts the secret into an error, even when the backend repeats it', async () => {
    const backend: KeychainBackend = {
      ...fakeBackend(),
      set: async (_s, _a, secret) => {
        throw new Error(`refused ${secret}`)
      },
    }
    const e = await storageError(store(backend).set(alice, makeCredential({ accessToken: 'very-secret-access-token' })))
    expect(e.message).not.toContain('very-secret-access-token')
    expect(JSON.stringify(e)).not.toContain('very-secret-access-token')
    expect(e.cause).toBeUndefined()
  })

  it('logs each call at debug level without the secret', async () => {
    const lines: string[] = []
    const logger: Logger = { debug: (l) => lines.push(l), info() {}, warn() {}, error() {} }
    const s = store(fakeBackend(), { logger })
    await s.set(alice, makeCredential({ accessToken: 'logged-token-must-not-show' }))
    await s.get(alice)
    expect(lines.join('\n')).toMatch(/keychain get "authcli:https:\/\/api\.example\.com" \/ "alice": found \(\d+ ms\)/)
    expect(lines.join('\n')).not.toContain('logged-token-must-not-show')
  })
})

describe('createKeychainStore: probe', () => {
  it('answers at once without D-Bus on Linux', async () => {
    const s = createKeychainStore({ service: 'authcli', env: {}, platform: 'linux' })
    const started = performance.now()
    expect(await s.probe()).toEqual({
      available: false,
      reason: 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)',
      location: 'Secret Service',
    })
    expect(performance.now() - started).toBeLessThan(50)
  })

  it('writes and deletes a probe entry on a Secret Service that holds nothing yet', async () => {
    const backend = fakeBackend()
    expect(await store(backend).probe()).toEqual({ available: true, location: 'Secret Service' })
    expect(backend.calls).toEqual(['get authcli / index', 'set authcli / probe', 'delete authcli / probe'])
    expect(backend.entries.size).toBe(0)
  })

  it('only reads the index once something is stored', async () => {
    const backend = fakeBackend()
    const s = store(backend)
    await s.set(alice, makeCredential())
    backend.calls.length = 0
    expect((await s.probe()).available).toBe(true)
    expect(backend.calls).toEqual(['get authcli / index'])
  })

  it.each([
    ['darwin', 'macOS Keychain'],
    ['win32', 'Windows Credential Manager'],
  ] as const)('on %s reads only, and names the %s', async (platform, location) => {
    const backend = fakeBackend()
    expect(await createKeychainStore({ service: 'authcli', backend, platform, env: {} }).probe()).toEqual({ available: true, location })
    expect(backend.calls).toEqual(['get authcli / index'])
  })

  it('says why the keychain is unavailable', async () => {
    const s = store(failingBackend("Couldn't access platform storage: Secret Service: unlock prompt was dismissed"))
    expect(await s.probe()).toEqual({ available: false, reason: 'the keyring is locked (the unlock prompt was dismissed)', location: 'Secret Service' })
  })

  it('answers unavailable within timeoutMs when the keychain hangs', async () => {
    const started = performance.now()
    expect(await store(hangingBackend(), { timeoutMs: 40 }).probe()).toEqual({
      available: false,
      reason: 'the keychain did not answer within 0.04 s',
      location: 'Secret Service',
    })
    expect(performance.now() - started).toBeLessThan(1000)
  })
})

describe('createKeychainStore: Windows chunking', () => {
  it('splits a credential over 2,560 bytes, reads it back whole, and cleans old chunks', async () => {
    const backend = fakeBackend({ limitBytes: 2560 })
    const s = createKeychainStore({ service: 'authcli', backend, platform: 'win32' })
    const big = makeCredential({ accessToken: `big-${'x'.repeat(6000)}`, idToken: `id-${'é'.repeat(900)}` })
    await s.set(alice, big)
    expect(await s.get(alice)).toEqual(big)
    const chunks = [...backend.entries.keys()].filter((k) => k.includes(' chunk '))
    expect(chunks.length).toBeGreaterThanOrEqual(6)
    for (const value of backend.entries.values()) expect(Buffer.byteLength(value, 'utf16le')).toBeLessThanOrEqual(2560)
    await s.set(alice, makeCredential({ accessToken: `mid-${'y'.repeat(2000)}` }))
    expect([...backend.entries.keys()].filter((k) => k.includes(' chunk '))).toHaveLength(2)
    await s.set(alice, makeCredential())
    expect([...backend.entries.keys()].sort()).toEqual(['authcli\nindex', 'authcli:https://api.example.com\nalice'])
    expect(await s.list()).toEqual([alice])
    expect(await s.delete(alice)).toBe(true)
    expect([...backend.entries.keys()]).toEqual(['authcli\nindex'])
  })

  it('shows why without chunking: the same backend refuses the big credential on other platforms', async () => {
    const backend = fakeBackend({ limitBytes: 2560 })
    const e = await storageError(createKeychainStore({ service: 'authcli', backend, platform: 'darwin' }).set(alice, makeCredential({ accessToken: 'x'.repeat(3000) })))
    expect(e.message).toMatch(/too long for this keychain/)
  })
})

describe('createKeychainStore: options', () => {
  it.each([
    ['no options', undefined],
    ['no service', {}],
    ['an empty service', { service: ' ' }],
    ['a service with a newline', { service: 'auth\ncli' }],
    ['a numeric service', { service: 42 }],
    ['a zero timeout', { service: 'a', timeoutMs: 0 }],
    ['a NaN timeout', { service: 'a', timeoutMs: Number.NaN }],
    ['a string timeout', { service: 'a', timeoutMs: '3000' }],
    ['a backend without delete', { service: 'a', backend: { get() {}, set() {} } }],
    ['a null env', { service: 'a', env: null }],
    ['a numeric platform', { service: 'a', platform: 32 }],
    ['a logger without debug', { service: 'a', logger: { warn() {} } }],
  ])('refuses %s with a ConfigError naming the option', (_what, options) => {
    let error: unknown
    try {
      createKeychainStore(options as never)
    } catch (e) {
      error = e
    }
    expect(ConfigError.isInstance(error)).toBe(true)
    expect((error as ConfigError).message).toMatch(/^@auth\/store-keychain: createKeychainStore\(\): "(options|service|timeoutMs|backend|env|platform|logger)"/)
    expect((error as ConfigError).exitCode).toBe(2)
  })
})
