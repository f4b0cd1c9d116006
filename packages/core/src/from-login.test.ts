import { describe, expect, it, vi } from 'vitest'
import { makeCredential } from './_test-fixtures.js'
import { createMemoryStore } from './create-memory-store.js'
import { credentialKey } from './credential-key.js'
import { CancelledError, ConfigError, NotFoundError } from './errors.js'
import { fromLogin } from './from-login.js'

const key = credentialKey('example.com')

describe('fromLogin', () => {
  it('is NotFound when not interactive, without logging in', async () => {
    const login = vi.fn(async () => makeCredential())
    await expect(fromLogin({ interactive: false, login })()).rejects.toSatisfy((e) => NotFoundError.isInstance(e))
    await expect(fromLogin({ interactive: 'yes' as never, login })()).rejects.toSatisfy((e) => NotFoundError.isInstance(e))
    expect(login).not.toHaveBeenCalled()
  })

  it('logs in and stores the credential', async () => {
    const store = createMemoryStore()
    const out = await fromLogin({ interactive: true, login: async () => makeCredential({ source: 'junk' }), store, key })()
    expect(out).toEqual({ ...makeCredential(), source: 'memory' })
    expect(await store.get(key)).toEqual(makeCredential())
  })

  it('works without a store', async () => {
    await expect(fromLogin({ interactive: true, login: async () => makeCredential() })()).resolves.toMatchObject({ source: 'login' })
  })

  it('lets a failed login through', async () => {
    await expect(fromLogin({ interactive: true, login: async () => { throw new CancelledError() } })()).rejects.toThrow(CancelledError)
  })

  it('rejects bad options', () => {
    expect(() => fromLogin({ interactive: true } as never)).toThrow(/"login"/)
    expect(() => fromLogin({ interactive: true, login: async () => makeCredential(), store: createMemoryStore() })).toThrow(/together/)
    expect(() => fromLogin({ interactive: true, login: async () => makeCredential(), key })).toThrow(ConfigError)
  })
})
