/**
 * No Secret Service: no D-Bus at all, or a bus where nothing provides one. The probe must say
 * so fast, calls must fail with the reason, and nothing may land in the kernel keyutils store
 * (the silent fallback of @napi-rs/keyring with default options).
 */
import { StorageError, credentialKey } from '@auth/core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createKeychainStore } from '../src/index.js'
import { makeCredential } from '@auth/testing'
import { kernelKeysMentioning, keyringSupport, startPrivateKeyring, type PrivateKeyring } from './_keyring.js'

const alice = credentialKey('api.example.com', 'alice')
const saved = process.env['DBUS_SESSION_BUS_ADDRESS']
afterEach(() => {
  if (saved === undefined) delete process.env['DBUS_SESSION_BUS_ADDRESS']
  else process.env['DBUS_SESSION_BUS_ADDRESS'] = saved
})

describe.runIf(process.platform === 'linux')('without any D-Bus', () => {
  it('probes unavailable in well under a second, with the reason', async () => {
    const store = createKeychainStore({ service: 'kc-nobus', env: {} })
    const started = performance.now()
    const answer = await store.probe()
    const ms = performance.now() - started
    expect(answer).toEqual({ available: false, reason: 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)', location: 'Secret Service' })
    expect(ms).toBeLessThan(100)
  })

  it('fails a write at once with the reason, and leaves no kernel key', async () => {
    delete process.env['DBUS_SESSION_BUS_ADDRESS']
    const service = `kc-nobus-${process.pid}`
    const store = createKeychainStore({ service })
    const started = performance.now()
    const error = await store.set(alice, makeCredential()).catch((e: unknown) => e)
    expect(performance.now() - started).toBeLessThan(500)
    expect(StorageError.isInstance(error)).toBe(true)
    expect((error as StorageError).message).toMatch(/no D-Bus session bus/)
    expect((error as StorageError).hint).toMatch(/dbus-run-session|another store/)
    expect(kernelKeysMentioning(service)).toEqual([])
  })

  it('fails fast on a bus address where nothing listens', async () => {
    const store = createKeychainStore({ service: 'kc-deadbus', env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus' } })
    const started = performance.now()
    expect(await store.probe()).toEqual({ available: false, reason: 'the D-Bus session bus is not reachable (ENOENT)', location: 'Secret Service' })
    expect(performance.now() - started).toBeLessThan(500)
  })
})

const support = keyringSupport()
if (!support.run && process.env['CI']) it('has the tools for the keychain tests (CI)', () => expect.fail(support.why))

describe.runIf(support.run)('a D-Bus session bus without a Secret Service', () => {
  let k: PrivateKeyring
  beforeAll(async () => {
    k = await startPrivateKeyring({ unlock: false, daemon: false })
  })
  afterAll(async () => {
    await k?.close()
  })

  it('is unavailable with the reason, and nothing falls back to the kernel keyring', async () => {
    process.env['DBUS_SESSION_BUS_ADDRESS'] = k.address
    const service = `kc-noss-${process.pid}`
    const store = createKeychainStore({ service, env: k.env })
    expect(await store.probe()).toEqual({ available: false, reason: 'no Secret Service on the D-Bus session bus', location: 'Secret Service' })
    await expect(store.set(alice, makeCredential({ accessToken: 'must-not-reach-the-kernel' }))).rejects.toThrow(/no Secret Service on the D-Bus session bus/)
    expect(kernelKeysMentioning(service)).toEqual([])
  })
})
