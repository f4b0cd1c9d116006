import { CancelledError, ErrorCode } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { flowRuntime, whileNotAborted } from './call.js'
import { createServerMetadataCache } from './metadata-cache.js'

const cancelled = (cause: unknown) => new CancelledError('x login cancelled', { cause })
const key = { issuer: 'https://as.test', clientId: 'cli' }

describe('flowRuntime', () => {
  it('takes the context over the factory, and either signal aborts', () => {
    const factory = new AbortController()
    const context = new AbortController()
    const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
    const runtime = flowRuntime({ signal: context.signal, logger, now: () => 7 }, { signal: factory.signal, now: () => 1 })
    expect(runtime.logger).toBe(logger)
    expect(runtime.now()).toBe(7)
    expect(runtime.signal?.aborted).toBe(false)
    factory.abort()
    expect(runtime.signal?.aborted).toBe(true)
  })

  it('ignores a context field of the wrong type', () => {
    const runtime = flowRuntime({ fetch: 'no', logger: {}, signal: 'no' } as never, { now: () => 3 })
    expect(runtime).toMatchObject({ fetch: undefined, logger: undefined, signal: undefined })
    expect(runtime.now()).toBe(3)
  })
})

describe('whileNotAborted', () => {
  it('turns what is thrown after an abort into the flow\u2019s cancellation', async () => {
    const controller = new AbortController()
    const run = whileNotAborted(
      () =>
        new Promise((_, reject) => {
          controller.abort()
          reject(new Error('aborted by the library'))
        }),
      controller.signal,
      cancelled,
    )
    await expect(run).rejects.toMatchObject({ code: ErrorCode.CANCELLED, message: 'x login cancelled' })
    await expect(whileNotAborted(async () => 1, controller.signal, cancelled)).rejects.toBeInstanceOf(CancelledError)
  })

  it('passes other errors through', async () => {
    await expect(whileNotAborted(() => Promise.reject(new Error('boom')), undefined, cancelled)).rejects.toThrow('boom')
  })
})

describe('createServerMetadataCache', () => {
  it('joins concurrent callers onto one discovery per issuer and client', async () => {
    const cache = createServerMetadataCache<{ n: number }>()
    let calls = 0
    const discover = async () => {
      calls++
      await new Promise((r) => setTimeout(r, 10))
      return { n: calls }
    }
    const results = await Promise.all(Array.from({ length: 10 }, () => cache(key, discover)))
    expect(calls).toBe(1)
    expect(new Set(results).size).toBe(1)
    expect(await cache({ issuer: new URL('https://as.test/'), clientId: 'cli' }, discover)).toBe(results[0])
    await cache({ ...key, clientId: 'other' }, discover)
    await cache({ ...key, issuer: 'https://as2.test' }, discover)
    expect(calls).toBe(3)
  })

  it('does not keep a failure: the next caller tries again', async () => {
    const cache = createServerMetadataCache<string>()
    let calls = 0
    const discover = async () => {
      if (++calls === 1) throw new Error('down')
      return 'up'
    }
    await expect(cache(key, discover)).rejects.toThrow('down')
    expect(await cache(key, discover)).toBe('up')
    expect(calls).toBe(2)
  })

  it('forgets a document after maxAgeMs', async () => {
    let t = 0
    const cache = createServerMetadataCache<number>({ maxAgeMs: 1000, now: () => t })
    let calls = 0
    const discover = async () => ++calls
    await cache(key, discover)
    t = 999
    expect(await cache(key, discover)).toBe(1)
    t = 1000
    expect(await cache(key, discover)).toBe(2)
  })
})
