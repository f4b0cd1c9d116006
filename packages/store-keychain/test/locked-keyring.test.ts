/**
 * A Secret Service that cannot store: gnome-keyring without any keyring yet, then a locked
 * login keyring (the daemon started without --unlock over a keyring that exists). Nobody can
 * answer the unlock prompt here, so it is dismissed: the store must say so, not report "not
 * found", and not hang. One bus for the whole file: libdbus reads DBUS_SESSION_BUS_ADDRESS once
 * per process.
 */
import { StorageError, credentialKey } from '@auth/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeychainStore } from '../src/index.js'
import { makeCredential } from '@auth/testing'
import { keyringSupport, startPrivateKeyring, type PrivateKeyring } from './_keyring.js'

const support = keyringSupport()
if (!support.run && process.env['CI']) it('has the tools for the keychain tests (CI)', () => expect.fail(support.why))

const alice = credentialKey('api.example.com', 'alice')
const LOCKED = 'the keyring is locked (the unlock prompt was dismissed)'

describe.runIf(support.run)('a Secret Service that cannot store', () => {
  let k: PrivateKeyring
  const service = 'kc-locked'
  beforeAll(async () => {
    k = await startPrivateKeyring({ unlock: false })
    process.env['DBUS_SESSION_BUS_ADDRESS'] = k.address
  })
  afterAll(async () => {
    await k?.close()
  })

  it('without any keyring: unavailable, there is no default keyring to write to', async () => {
    const store = createKeychainStore({ service, env: k.env })
    expect(await store.probe()).toEqual({ available: false, reason: 'the Secret Service has no default keyring', location: 'Secret Service' })
    expect(await store.get(alice)).toBeUndefined()
    await expect(store.set(alice, makeCredential())).rejects.toThrow(/no default keyring/)
  })

  it('locked: probes unavailable with the reason, fast', async () => {
    // An unlocked daemon creates the login keyring and stores a credential in it, then the
    // daemon comes back without the password: the keyring stays locked.
    await k.startDaemon(true)
    await createKeychainStore({ service, env: k.env }).set(alice, makeCredential())
    await k.startDaemon(false)
    const started = performance.now()
    expect(await createKeychainStore({ service, env: k.env }).probe()).toEqual({ available: false, reason: LOCKED, location: 'Secret Service' })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('locked: fails reads, writes and lists with the reason and an unlock hint', async () => {
    const store = createKeychainStore({ service, env: k.env })
    for (const attempt of [() => store.get(alice), () => store.set(credentialKey('api.example.com', 'bob'), makeCredential()), () => store.list()]) {
      const error = await attempt().catch((e: unknown) => e)
      expect(StorageError.isInstance(error), String(error)).toBe(true)
      expect((error as StorageError).message).toContain(LOCKED)
      expect((error as StorageError).hint).toMatch(/unlock the keyring/)
    }
  })

  it('locked: a missing entry still reads as missing (the search needs no unlock)', async () => {
    expect(await createKeychainStore({ service, env: k.env }).get(credentialKey('api.example.com', 'nobody'))).toBeUndefined()
  })

  it('locked and holding nothing of ours: the probe write finds out', async () => {
    expect(await createKeychainStore({ service: 'kc-locked-empty', env: k.env }).probe()).toEqual({ available: false, reason: LOCKED, location: 'Secret Service' })
  })

  it('works again once unlocked', async () => {
    await k.startDaemon(true)
    const store = createKeychainStore({ service, env: k.env })
    expect(await store.probe()).toEqual({ available: true, location: 'Secret Service' })
    expect(await store.get(alice)).toEqual(makeCredential())
    expect(await store.list()).toEqual([alice])
  })
})
