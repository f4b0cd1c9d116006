import { describe, expect, it, vi } from 'vitest'
import { countingStore, makeCredential, manualClock } from './_test-fixtures.js'
import { createMemoryStore } from './create-memory-store.js'
import { credentialKey } from './credential-key.js'
import { ConfigError, NetworkError, NotFoundError, OAuthError } from './errors.js'
import { fromRefresh } from './from-refresh.js'
import type { Credential } from './types.js'

const key = credentialKey('example.com')
const clock = manualClock(1_000_000)
const expired = makeCredential({ expiresAt: 1_000_000, refreshToken: 'rt-1', account: { login: 'alice' } })

async function storeWith(credential: Credential) {
  const store = countingStore(createMemoryStore())
  await store.set(key, credential)
  store.calls.set = 0
  return store
}

describe('fromRefresh', () => {
  it('refreshes an expired credential and writes it back to the same store', async () => {
    const store = await storeWith(expired)
    const refresh = vi.fn(async (c: Credential) => makeCredential({ accessToken: `new-for-${c.refreshToken}`, refreshToken: 'rt-2', expiresAt: 5_000_000 }))
    const out = await fromRefresh({ store, key, refresh, now: clock.now })()
    expect(refresh).toHaveBeenCalledWith(expect.objectContaining({ refreshToken: 'rt-1' }))
    expect(out).toMatchObject({ accessToken: 'new-for-rt-1', refreshToken: 'rt-2', source: 'memory' })
    expect(store.calls.set).toBe(1)
    const saved = await store.get(key)
    expect(saved).toMatchObject({ accessToken: 'new-for-rt-1', refreshToken: 'rt-2' })
    expect(saved?.source).toBeUndefined()
  })

  it('keeps the old refresh token and account when the server sends none', async () => {
    const store = await storeWith(expired)
    const out = await fromRefresh({ store, key, now: clock.now, refresh: async () => makeCredential({ accessToken: 'n', account: {}, expiresAt: 9e9 }) })()
    expect(out.refreshToken).toBe('rt-1')
    expect(out.account).toEqual({ login: 'alice' })
  })

  it('returns a credential that is valid again without spending the refresh token (another process refreshed it)', async () => {
    const store = await storeWith(makeCredential({ expiresAt: 9e9, refreshToken: 'rt-9' }))
    const refresh = vi.fn(async () => makeCredential())
    await expect(fromRefresh({ store, key, refresh, now: clock.now })()).resolves.toMatchObject({ refreshToken: 'rt-9', source: 'memory' })
    expect(refresh).not.toHaveBeenCalled()
    expect(store.calls.set).toBe(0)
  })

  it('is NotFound when nothing is stored or there is no refresh path', async () => {
    const refresh = vi.fn(async () => makeCredential())
    await expect(fromRefresh({ store: createMemoryStore(), key, refresh })()).rejects.toSatisfy((e) => NotFoundError.isInstance(e))
    const store = await storeWith(makeCredential({ expiresAt: 1 }))
    await expect(fromRefresh({ store, key, refresh, now: clock.now })()).rejects.toThrow(/cannot be renewed/)
    expect(refresh).not.toHaveBeenCalled()
  })

  it('refreshes client-credentials credentials without a refresh token, and honours canRefresh', async () => {
    const store = await storeWith(makeCredential({ expiresAt: 1, flow: 'client-credentials' }))
    await expect(fromRefresh({ store, key, now: clock.now, refresh: async () => makeCredential({ accessToken: 'cc2' }) })()).resolves.toMatchObject({ accessToken: 'cc2' })
    const other = await storeWith(expired)
    await expect(fromRefresh({ store: other, key, now: clock.now, canRefresh: () => false, refresh: async () => makeCredential() })()).rejects.toSatisfy((e) => NotFoundError.isInstance(e))
  })

  it('turns a refused refresh token (invalid_grant) into NotFound so a login can follow', async () => {
    const store = await storeWith(expired)
    const refused = new OAuthError('invalid_grant', { error: 'invalid_grant', code: 'INVALID_GRANT' })
    const error = await fromRefresh({ store, key, now: clock.now, refresh: async () => { throw refused } })().catch((e: unknown) => e)
    expect(NotFoundError.isInstance(error)).toBe(true)
    expect((error as Error).cause).toBe(refused)
    expect(store.calls.set).toBe(0)
  })

  it('lets other refresh failures stop the chain, and writes nothing', async () => {
    const store = await storeWith(expired)
    await expect(fromRefresh({ store, key, now: clock.now, refresh: async () => { throw new NetworkError('down') } })()).rejects.toThrow(NetworkError)
    const denied = new OAuthError('nope', { error: 'invalid_client', code: 'INVALID_CLIENT' })
    await expect(fromRefresh({ store, key, now: clock.now, refresh: async () => { throw denied } })()).rejects.toBe(denied)
    expect(store.calls.set).toBe(0)
  })

  it('rejects bad options', () => {
    const store = createMemoryStore()
    expect(() => fromRefresh({ store, key } as never)).toThrow(/"refresh"/)
    expect(() => fromRefresh({ store, key, refresh: async () => expired, canRefresh: 1 as never })).toThrow(ConfigError)
    expect(() => fromRefresh(null as never)).toThrow(ConfigError)
  })
})
