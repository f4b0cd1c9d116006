import { StorageError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { chunkedBackend, WINDOWS_SECRET_LIMIT } from './chunked-backend.js'
import { fakeBackend } from './_test-fakes.js'

function setup() {
  const raw = fakeBackend({ limitBytes: WINDOWS_SECRET_LIMIT })
  return { raw, b: chunkedBackend(raw, WINDOWS_SECRET_LIMIT) }
}
const chunkKeys = (raw: ReturnType<typeof fakeBackend>): string[] => [...raw.entries.keys()].filter((k) => k.includes(' chunk '))

describe('chunkedBackend', () => {
  it('stores a secret that fits as it is', async () => {
    const { raw, b } = setup()
    await b.set('svc', 'acct', 'x'.repeat(1280))
    expect(raw.entries.get('svc\nacct')).toBe('x'.repeat(1280))
    expect(await b.get('svc', 'acct')).toBe('x'.repeat(1280))
  })

  it('splits on code points, within 2,560 bytes as UTF-16 and as UTF-8, and reassembles', async () => {
    const { raw, b } = setup()
    const secret = `${'a'.repeat(1279)}😀${'é'.repeat(2000)}${'€'.repeat(1000)}😀`
    await b.set('svc', 'acct', secret)
    for (const v of raw.entries.values()) {
      expect(Buffer.byteLength(v, 'utf16le')).toBeLessThanOrEqual(2560)
      expect(Buffer.byteLength(v, 'utf8')).toBeLessThanOrEqual(2560)
      expect(v).not.toMatch(/^[\udc00-\udfff]|[\ud800-\udbff]$/)
    }
    expect(raw.entries.get('svc\nacct')).toMatch(/^chunks:v1:[0-9a-f]{8}:\d+:\d+$/)
    expect(await b.get('svc', 'acct')).toBe(secret)
  })

  it('cleans the stale chunks when a smaller value is written, and all of them on delete', async () => {
    const { raw, b } = setup()
    await b.set('svc', 'acct', 'a'.repeat(3 * 1280))
    expect(chunkKeys(raw)).toHaveLength(3)
    await b.set('svc', 'acct', 'b'.repeat(2 * 1280))
    expect(chunkKeys(raw)).toHaveLength(2)
    expect(await b.get('svc', 'acct')).toBe('b'.repeat(2 * 1280))
    await b.set('svc', 'acct', 'small')
    expect([...raw.entries.keys()]).toEqual(['svc\nacct'])
    await b.set('svc', 'acct', 'c'.repeat(4000))
    expect(await b.delete('svc', 'acct')).toBe(true)
    expect(raw.entries.size).toBe(0)
    expect(await b.delete('svc', 'acct')).toBe(false)
  })

  it('stores a short value that looks like a header chunked, so it reads back as itself', async () => {
    const { raw, b } = setup()
    const tricky = 'chunks:v1:00000000:1:5'
    await b.set('svc', 'acct', tricky)
    expect(raw.entries.get('svc\nacct')).not.toBe(tricky)
    expect(await b.get('svc', 'acct')).toBe(tricky)
  })

  it('keeps the old value whole when writing a new one fails half-way', async () => {
    const { raw, b } = setup()
    await b.set('svc', 'acct', 'o'.repeat(3000))
    const failing = chunkedBackend(
      { ...raw, set: async (s, a, v) => (s.includes(' chunk ') && raw.calls.length > 12 ? Promise.reject(new Error('disk full')) : raw.set(s, a, v)) },
      WINDOWS_SECRET_LIMIT,
    )
    await expect(failing.set('svc', 'acct', 'n'.repeat(9000))).rejects.toThrow('disk full')
    expect(await b.get('svc', 'acct')).toBe('o'.repeat(3000))
  })

  it.each([
    ['a malformed header', 'chunks:v1:zz', undefined],
    ['a missing chunk', 'chunks:v1:0badcafe:2:10', ['svc chunk 0badcafe.0', '12345']],
    ['chunks that do not add up', 'chunks:v1:0badcafe:1:10', ['svc chunk 0badcafe.0', '12345']],
  ])('refuses %s with a StorageError', async (_what, header, chunk) => {
    const { raw, b } = setup()
    raw.entries.set('svc\nacct', header)
    if (chunk) raw.entries.set(`${chunk[0]}\nacct`, chunk[1] as string)
    const error = await b.get('svc', 'acct').catch((e: unknown) => e)
    expect(StorageError.isInstance(error)).toBe(true)
    expect((error as Error).message).toMatch(/"svc" \/ "acct": the keychain entry is incomplete/)
  })

  it('overwrites a malformed header on set', async () => {
    const { raw, b } = setup()
    raw.entries.set('svc\nacct', 'chunks:v1:zz')
    await b.set('svc', 'acct', 'fresh')
    expect(await b.get('svc', 'acct')).toBe('fresh')
  })
})
