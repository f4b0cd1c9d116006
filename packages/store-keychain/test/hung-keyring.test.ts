/**
 * A hung D-Bus must never hang a login. Two real hangs, made with SIGSTOP: the Secret Service
 * daemon (D-Bus still answers, the service does not) and the bus itself.
 */
import { StorageError, credentialKey } from '@auth/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeychainStore } from '../src/index.js'
import { makeCredential } from '@auth/testing'
import { keyringSupport, startPrivateKeyring, type PrivateKeyring } from './_keyring.js'

const support = keyringSupport()
if (!support.run && process.env['CI']) it('has the tools for the keychain tests (CI)', () => expect.fail(support.why))

const alice = credentialKey('api.example.com', 'alice')
const service = 'kc-hung'

describe.runIf(support.run)('a hung D-Bus', () => {
  let k: PrivateKeyring
  beforeAll(async () => {
    k = await startPrivateKeyring({ unlock: true })
    process.env['DBUS_SESSION_BUS_ADDRESS'] = k.address
    await createKeychainStore({ service, env: k.env }).set(alice, makeCredential())
  })
  afterAll(async () => {
    await k?.close()
  })

  async function failure(work: Promise<unknown>): Promise<{ error: StorageError; ms: number }> {
    const started = performance.now()
    const error = await work.then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(StorageError.isInstance(error), String(error)).toBe(true)
    return { error: error as StorageError, ms: performance.now() - started }
  }

  it('a stopped Secret Service: the call fails in about 2 s (the D-Bus reply timeout), under the 3 s deadline', async () => {
    k.daemon!.kill('SIGSTOP')
    try {
      const { error, ms } = await failure(createKeychainStore({ service, env: k.env }).get(alice))
      expect(error.message).toMatch(/the Secret Service did not reply|did not answer within 3 s/)
      expect(ms).toBeLessThan(3500)
    } finally {
      k.daemon!.kill('SIGCONT')
    }
    expect(await createKeychainStore({ service, env: k.env }).get(alice)).toEqual(makeCredential())
  })

  it('a stopped bus: calls and the probe fail within timeoutMs, and work again once it resumes', async () => {
    const store = createKeychainStore({ service, env: k.env, timeoutMs: 400 })
    k.bus.kill('SIGSTOP')
    try {
      const { error, ms } = await failure(store.get(alice))
      expect(error.message).toMatch(/the keychain did not answer within 0\.4 s \(read "kc-hung:https:\/\/api\.example\.com" \/ "alice"/)
      expect(error.hint).toMatch(/use another store \(the file or the encrypted store\)/)
      expect(ms).toBeLessThan(1500)
      const started = performance.now()
      expect(await store.probe()).toEqual({ available: false, reason: 'the keychain did not answer within 0.4 s', location: 'Secret Service' })
      expect(performance.now() - started).toBeLessThan(1500)
    } finally {
      k.bus.kill('SIGCONT')
    }
    expect(await store.get(alice)).toEqual(makeCredential())
  })
})
