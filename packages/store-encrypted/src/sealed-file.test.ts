import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { StorageError, credentialKey } from '@auth/core'
import { afterEach, describe, expect, it } from 'vitest'
import { isCorrupt } from './errors.js'
import { readSealed } from './sealed-file.js'
import { toKeySource } from './key-source.js'
import { makeCredential, rejection, tempDirs } from '@auth/testing'
import { createEncryptedStore } from './create-encrypted-store.js'

const dirs = tempDirs()
afterEach(dirs.cleanup)
const PASSPHRASE = 'correct horse battery staple'

/** A file sealed with a passphrase (N=2^17, r=8, p=1), then its KDF header rewritten. */
async function tamperedKdf(change: Record<string, unknown>): Promise<string> {
  const dir = await dirs.make()
  const store = createEncryptedStore({ dir, key: { passphrase: PASSPHRASE } })
  await store.set(credentialKey('api.example.com', 'alice'), makeCredential())
  const doc = JSON.parse(await readFile(store.path, 'utf8'))
  doc.kdf = { ...doc.kdf, ...change }
  await writeFile(store.path, JSON.stringify(doc), { mode: 0o600 })
  return join(dir, 'credentials.enc')
}

describe('readSealed: the KDF cost in the header', () => {
  it.each([
    ['N=2^17 r=15 p=16 (the ~14 s header)', { r: 15, p: 16 }],
    ['r=9', { r: 9 }],
    ['p=2', { p: 2 }],
    ['N=2^18 r=4 (same memory, twice the work)', { N: 2 ** 18, r: 4 }],
  ])('refuses a header asking more than the default (%s) as tampered, before deriving', async (_, change) => {
    const path = await tamperedKdf(change)
    const started = performance.now()
    const error = await rejection(readSealed(path, toKeySource({ passphrase: PASSPHRASE }, 'test', 'key')))
    const elapsed = performance.now() - started
    console.info(`[figure] tampered KDF header ${JSON.stringify(change)} refused in ${elapsed.toFixed(0)} ms`)
    expect(StorageError.isInstance(error)).toBe(true)
    expect(error['exitCode']).toBe(6)
    expect(error.message).toContain(`${path} was tampered with: its key derivation asks for more work than this package ever writes`)
    expect(error.message).not.toMatch(/wrong encryption key/)
    expect(isCorrupt(error)).toBe(true) // moveAsideCorrupt moves it aside at the next login
    expect(elapsed).toBeLessThan(150)
  })

  it('still reads the default cost (N=2^17 r=8 p=1)', async () => {
    const path = await tamperedKdf({})
    const sealed = await readSealed(path, toKeySource({ passphrase: PASSPHRASE }, 'test', 'key'))
    expect([...(sealed?.entries.keys() ?? [])]).toHaveLength(1)
  })
})
