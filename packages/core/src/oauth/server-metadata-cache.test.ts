import { describe, expect, it } from 'vitest'
import { createServerMetadataCache } from './server-metadata-cache.js'

const key = { issuer: 'https://as.test', clientId: 'cli' }

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
