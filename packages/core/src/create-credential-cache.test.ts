import { describe, expect, it, vi } from 'vitest'
import { deferred, makeCredential, manualClock } from './_test-fixtures.js'
import { createCredentialCache } from './create-credential-cache.js'
import { ConfigError, NetworkError } from './errors.js'
import type { Credential } from './types.js'

function setup(start = 0) {
  const clock = manualClock(start)
  const answers: Array<ReturnType<typeof deferred<Credential>>> = []
  const provider = vi.fn(() => {
    const d = deferred<Credential>()
    answers.push(d)
    return d.promise
  })
  const cache = createCredentialCache({ provider, now: clock.now })
  return { clock, provider, cache, answers }
}

describe('createCredentialCache', () => {
  it('makes exactly one provider call for N concurrent callers', async () => {
    const { provider, cache, answers } = setup()
    const calls = Array.from({ length: 25 }, () => cache.get())
    expect(provider).toHaveBeenCalledTimes(1)
    answers[0]?.resolve(makeCredential({ accessToken: 'one', expiresAt: 3_600_000 }))
    const results = await Promise.all(calls)
    expect(new Set(results.map((c) => c.accessToken))).toEqual(new Set(['one']))
    expect(provider).toHaveBeenCalledTimes(1)
  })

  it('serves the cached credential with no call while it is valid', async () => {
    const { clock, provider, cache, answers } = setup()
    const first = cache.get()
    answers[0]?.resolve(makeCredential({ expiresAt: 3_600_000 }))
    await first
    clock.set(3_600_000 - 60_001)
    await cache.get()
    await cache.get()
    expect(provider).toHaveBeenCalledTimes(1)
    expect(cache.peek()?.expiresAt).toBe(3_600_000)
  })

  it('caches a credential without expiry for good', async () => {
    const { clock, provider, cache, answers } = setup()
    const first = cache.get()
    answers[0]?.resolve(makeCredential())
    await first
    clock.advance(10 * 365 * 86_400_000)
    await cache.get()
    expect(provider).toHaveBeenCalledTimes(1)
  })

  it('refreshes proactively inside the skew, one call shared by concurrent callers', async () => {
    const { clock, provider, cache, answers } = setup()
    const first = cache.get()
    answers[0]?.resolve(makeCredential({ accessToken: 'old', expiresAt: 100_000 }))
    await first
    clock.set(100_000 - 60_000) // inside the 60 s skew, not yet expired
    const calls = [cache.get(), cache.get(), cache.get()]
    expect(provider).toHaveBeenCalledTimes(2)
    answers[1]?.resolve(makeCredential({ accessToken: 'new', expiresAt: 200_000 }))
    expect((await Promise.all(calls)).map((c) => c.accessToken)).toEqual(['new', 'new', 'new'])
    expect(cache.peek()?.accessToken).toBe('new')
  })

  it('keeps the still-valid credential when a proactive refresh fails, and does not cache the failure', async () => {
    const { clock, provider, cache, answers } = setup()
    const first = cache.get()
    answers[0]?.resolve(makeCredential({ accessToken: 'old', expiresAt: 100_000 }))
    await first
    clock.set(50_000)
    const during = cache.get()
    answers[1]?.reject(new NetworkError('down'))
    expect((await during).accessToken).toBe('old')
    const retry = cache.get()
    expect(provider).toHaveBeenCalledTimes(3)
    answers[2]?.resolve(makeCredential({ accessToken: 'new', expiresAt: 200_000 }))
    expect((await retry).accessToken).toBe('new')
  })

  it('rejects when the refresh fails after actual expiry, and tries again next time', async () => {
    const { clock, provider, cache, answers } = setup()
    const first = cache.get()
    answers[0]?.resolve(makeCredential({ expiresAt: 100_000 }))
    await first
    clock.set(100_000)
    const failing = [cache.get(), cache.get()]
    answers[1]?.reject(new NetworkError('down'))
    for (const call of failing) await expect(call).rejects.toThrow('down')
    const next = cache.get()
    expect(provider).toHaveBeenCalledTimes(3)
    answers[2]?.resolve(makeCredential({ accessToken: 'back', expiresAt: 900_000 }))
    expect((await next).accessToken).toBe('back')
  })

  it('does not cache a first failure', async () => {
    const { provider, cache, answers } = setup()
    const first = cache.get()
    answers[0]?.reject(new Error('nope'))
    await expect(first).rejects.toThrow('nope')
    expect(cache.peek()).toBeUndefined()
    const second = cache.get()
    answers[1]?.resolve(makeCredential())
    await expect(second).resolves.toMatchObject({ accessToken: 'access-token-value-1' })
    expect(provider).toHaveBeenCalledTimes(2)
  })

  it('forceRefresh and clear skip the cache', async () => {
    const { provider, cache, answers } = setup()
    const a = cache.get()
    answers[0]?.resolve(makeCredential({ accessToken: 'a' }))
    await a
    const b = cache.get({ forceRefresh: true })
    answers[1]?.resolve(makeCredential({ accessToken: 'b' }))
    expect((await b).accessToken).toBe('b')
    cache.clear()
    expect(cache.peek()).toBeUndefined()
    const c = cache.get()
    answers[2]?.resolve(makeCredential({ accessToken: 'c' }))
    expect((await c).accessToken).toBe('c')
    expect(provider).toHaveBeenCalledTimes(3)
  })

  it('honours a custom skew', async () => {
    const clock = manualClock(0)
    const provider = vi.fn(async () => makeCredential({ expiresAt: 10_000 }))
    const cache = createCredentialCache({ provider, skewMs: 1_000, now: clock.now })
    await cache.get()
    clock.set(8_999)
    await cache.get()
    expect(provider).toHaveBeenCalledTimes(1)
    clock.set(9_000)
    await cache.get()
    expect(provider).toHaveBeenCalledTimes(2)
  })

  it('rejects bad options', () => {
    expect(() => createCredentialCache(undefined as never)).toThrow(ConfigError)
    expect(() => createCredentialCache({} as never)).toThrow(/provider/)
    expect(() => createCredentialCache({ provider: async () => makeCredential(), skewMs: -1 })).toThrow(/skewMs/)
  })
})
