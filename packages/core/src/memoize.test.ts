import { describe, expect, it, vi } from 'vitest'
import { deferred, manualClock } from './_test-fixtures.js'
import { ConfigError } from './errors.js'
import { memoize } from './memoize.js'

describe('memoize', () => {
  it('joins N concurrent callers onto one call', async () => {
    const d = deferred<string>()
    const provider = vi.fn(() => d.promise)
    const memo = memoize(provider)
    const calls = Array.from({ length: 10 }, () => memo())
    expect(provider).toHaveBeenCalledTimes(1)
    d.resolve('v')
    expect(await Promise.all(calls)).toEqual(Array(10).fill('v'))
    expect(provider).toHaveBeenCalledTimes(1)
  })

  it('caches for good without isExpired', async () => {
    let n = 0
    const memo = memoize(async () => ++n)
    expect(await memo()).toBe(1)
    expect(await memo()).toBe(1)
  })

  it('calls again, once and shared, when isExpired says so', async () => {
    const clock = manualClock(0)
    let n = 0
    let pending = deferred<{ n: number; until: number }>()
    const provider = vi.fn(() => { n++; return pending.promise })
    const memo = memoize(provider, { isExpired: (v, now) => now >= v.until, now: clock.now })
    const first = memo()
    pending.resolve({ n: 1, until: 100 })
    expect(await first).toEqual({ n: 1, until: 100 })
    clock.set(99)
    expect(await memo()).toEqual({ n: 1, until: 100 })
    clock.set(100)
    pending = deferred()
    const again = [memo(), memo(), memo()]
    expect(provider).toHaveBeenCalledTimes(2)
    pending.resolve({ n: 2, until: 200 })
    expect(await Promise.all(again)).toEqual(Array(3).fill({ n: 2, until: 200 }))
    expect(n).toBe(2)
  })

  it('does not cache a rejection: the next caller tries again', async () => {
    const provider = vi.fn().mockRejectedValueOnce(new Error('boom')).mockResolvedValueOnce('ok')
    const memo = memoize(provider as () => Promise<string>)
    const [a, b] = [memo(), memo()]
    await expect(a).rejects.toThrow('boom')
    await expect(b).rejects.toThrow('boom')
    expect(await memo()).toBe('ok')
    expect(provider).toHaveBeenCalledTimes(2)
  })

  it('keeps serving the cached value after a failed re-fetch is retried', async () => {
    let expired = false
    const provider = vi.fn().mockResolvedValueOnce('a').mockRejectedValueOnce(new Error('x')).mockResolvedValueOnce('b')
    const memo = memoize(provider as () => Promise<string>, { isExpired: () => expired })
    expect(await memo()).toBe('a')
    expired = true
    await expect(memo()).rejects.toThrow('x')
    expect(await memo()).toBe('b')
  })

  it('forceRefresh skips the cache, but joins a call in flight', async () => {
    let n = 0
    const memo = memoize(async () => ++n)
    expect(await memo()).toBe(1)
    expect(await memo({ forceRefresh: true })).toBe(2)
    const [x, y] = [memo({ forceRefresh: true }), memo({ forceRefresh: true })]
    expect(await x).toBe(3)
    expect(await y).toBe(3)
  })

  it('catches a synchronous throw of the provider as a rejection', async () => {
    const memo = memoize((() => { throw new Error('sync') }) as () => Promise<never>)
    await expect(memo()).rejects.toThrow('sync')
  })

  it('rejects bad arguments', () => {
    expect(() => memoize(undefined as never)).toThrow(ConfigError)
    expect(() => memoize(async () => 1, { isExpired: true as never })).toThrow(/isExpired/)
    expect(() => memoize(async () => 1, { now: 1 as never })).toThrow(/now/)
  })
})
