// Fuzzing the encrypted file's loader: random bytes, random JSON, and real sealed files with one
// or more fields replaced by hostile values (wrong types, huge numbers, bad base64, KDF headers
// asking for any cost). Only a documented AuthError comes out, in time (a tampered KDF header
// must not buy seconds of scrypt); nothing in the message is a token; a failed read changes
// nothing on disk and leaves no temp or lock file.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { credentialKey, ErrorCode } from '@auth/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fc, fuzzParams, fuzzTimeout, hostileJsonValue, hostileNumber, nastyString, settle } from '@auth/testing/fuzz'
import { createEncryptedStore, type EncryptionKey } from '../src/index.js'
import { makeCredential } from '@auth/testing'

const CANARY = 'CANARYencrypted-access-token'
const RAW: EncryptionKey = { rawKey: new Uint8Array(32).fill(7), label: 'TEST_KEY' }
const PASSPHRASE: EncryptionKey = { passphrase: 'CANARY-passphrase-0123456789', label: 'TEST_KEY' }
const KEY = credentialKey('api.example.com', 'alice')
const FIELDS = ['version', 'kdf', 'kcv', 'nonce', 'ciphertext', 'tag']

let root: string
const sealed: Record<'raw' | 'passphrase', Record<string, unknown>> = { raw: {}, passphrase: {} }
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fuzz-store-encrypted-'))
  for (const [name, key] of [
    ['raw', RAW],
    ['passphrase', PASSPHRASE],
  ] as const) {
    const store = createEncryptedStore({ dir: join(root, `seed-${name}`), key })
    await store.set(KEY, makeCredential({ accessToken: CANARY, refreshToken: `${CANARY}-refresh` }))
    sealed[name] = JSON.parse(await readFile(store.path, 'utf8')) as Record<string, unknown>
  }
}, 30_000)
afterAll(() => rm(root, { recursive: true, force: true }))

const base64ish = fc.oneof(fc.base64String({ maxLength: 64 }), nastyString(30), fc.constantFrom('', '====', 'AA', 'A'.repeat(10_000)))
const hostileField = fc.oneof(hostileJsonValue, hostileNumber, base64ish)
const hostileKdf = fc.oneof(
  hostileJsonValue,
  fc.record(
    {
      name: fc.constantFrom('scrypt', 'none', 'argon2', 'SCRYPT'),
      N: fc.oneof(hostileNumber, fc.constantFrom(2 ** 10, 2 ** 17, 2 ** 18, 2 ** 20, 2 ** 30)),
      r: fc.oneof(hostileNumber, fc.integer({ min: 1, max: 40 })),
      p: fc.oneof(hostileNumber, fc.integer({ min: 1, max: 20 })),
      salt: base64ish,
    },
    { requiredKeys: [] },
  ),
)

/** A sealed file of `kind` with some fields replaced or removed, or something else entirely. */
function mutated(kind: 'raw' | 'passphrase', withKdf: boolean): fc.Arbitrary<Uint8Array> {
  const changes = fc.dictionary(fc.constantFrom(...FIELDS, 'extra'), fc.oneof(hostileField, fc.constant(undefined)), { minKeys: 1, maxKeys: 3 })
  const kdf = withKdf ? fc.option(hostileKdf, { nil: undefined }) : fc.constant(undefined)
  const doc = fc.tuple(changes, kdf).map(([c, k]) => {
    const d: Record<string, unknown> = { ...sealed[kind], ...c }
    if (k !== undefined) d['kdf'] = k
    return new TextEncoder().encode(JSON.stringify(d))
  })
  return fc.oneof(
    { weight: 5, arbitrary: doc },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }) },
    { weight: 1, arbitrary: hostileJsonValue.map((v) => new TextEncoder().encode(JSON.stringify(v) ?? '')) },
    { weight: 1, arbitrary: doc.chain((b) => fc.nat(b.length).map((n) => b.slice(0, n))) },
  )
}

let n = 0
async function readsSafely(bytes: Uint8Array, key: EncryptionKey, timeoutMs: number): Promise<void> {
  const dir = join(root, String(n++))
  await mkdir(dir, { mode: 0o700 })
  const store = createEncryptedStore({ dir, key, lockTimeoutMs: 1_000 })
  await writeFile(store.path, bytes, { mode: 0o600 })
  const result = await settle(() => store.get(KEY), { timeoutMs, secrets: [CANARY, 'CANARY-passphrase'] })
  if (!result.ok) expect(result.error.code).toBe(ErrorCode.STORAGE_ERROR)
  expect(Buffer.compare(await readFile(store.path), Buffer.from(bytes))).toBe(0)
  expect(await readdir(dir)).toEqual(['credentials.enc'])
}

describe('fuzz: the encrypted file', () => {
  it(
    'a raw key: any file reads as a credential or a documented STORAGE_ERROR, untouched',
    async () => {
      await fc.assert(
        fc.asyncProperty(mutated('raw', true), (bytes) => readsSafely(bytes, RAW, 3_000)),
        fuzzParams(300),
      )
    },
    fuzzTimeout(300, 20),
  )

  it(
    'a passphrase: a tampered KDF header answers within 1.5 s, never a long scrypt',
    async () => {
      // Few cases: a well-formed header costs one real scrypt (~0.2-0.5 s) by design.
      await fc.assert(
        fc.asyncProperty(mutated('passphrase', true), (bytes) => readsSafely(bytes, PASSPHRASE, 1_500)),
        fuzzParams(40),
      )
    },
    fuzzTimeout(40, 1_000),
  )
})
