// Fuzzing the credentials file: parseCredentialsDocument on hostile documents, and the store's
// read, list and write paths (readPrivateFile, the lock) on a file of random content. Only a
// documented AuthError comes out, in time; no token from the file is echoed; a failed operation
// leaves the file byte for byte as it was, with no temp or lock file beside it.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { credentialKey, credentialKeyId, ErrorCode } from '@auth/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ENOUGH_RUNS, fc, fuzzParams, fuzzTimeout, hostileJsonValue, hostileNumber, hostileObject, nastyString, settle } from '@auth/testing/fuzz'
import { createFileStore, parseCredentialsDocument, serializeCredentialsDocument } from '../src/index.js'
import { makeCredential } from '@auth/testing'

const CANARY = 'CANARYfilestore'
const secret = fc.string({ maxLength: 12 }).map((s) => `${CANARY}${s}`)
const credentialShape = hostileObject({
  accessToken: secret,
  refreshToken: secret,
  idToken: secret,
  tokenType: fc.constantFrom('Bearer', 'bearer', 'DPoP'),
  scopes: fc.array(fc.constantFrom('openid', 'repo', 'a b'), { maxLength: 3 }),
  account: fc.record({ login: nastyString(12) }, { requiredKeys: [] }),
  flow: fc.constantFrom('device', 'pkce', 'pat', 'client-credentials'),
  obtainedAt: hostileNumber,
  expiresAt: hostileNumber,
  issuer: fc.constantFrom('https://issuer.example', 'http://127.0.0.1:1'),
})
const keyId = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(credentialKeyId(credentialKey('api.example.com', 'alice')), credentialKeyId(credentialKey('https://b.example:8443'))) },
  { weight: 1, arbitrary: nastyString(40) },
)
const documentShape = hostileObject({
  version: fc.constant(1),
  credentials: fc.dictionary(keyId, fc.oneof({ weight: 4, arbitrary: credentialShape }, { weight: 1, arbitrary: hostileJsonValue }), { maxKeys: 3 }),
})
const documentText = fc.oneof(
  { weight: 4, arbitrary: documentShape.map((d) => JSON.stringify(d)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: documentShape.map((d) => JSON.stringify(d)).chain((t) => fc.nat(t.length).map((n) => t.slice(0, n))) },
)

describe('fuzz: the credentials file', () => {
  it(
    'parseCredentialsDocument: entries or a documented STORAGE_ERROR that echoes no token',
    async () => {
      await fc.assert(
        fc.asyncProperty(documentText, async (text) => {
          const result = await settle(() => parseCredentialsDocument(text, '/home/u/.authcli/credentials'), { timeoutMs: 2_000, secrets: [CANARY] })
          if (!result.ok) {
            expect(result.error.code).toBe(ErrorCode.STORAGE_ERROR)
            return
          }
          // What parses writes back and parses again to the same entries.
          expect(parseCredentialsDocument(serializeCredentialsDocument(result.value), 'again')).toEqual(result.value)
        }),
        fuzzParams(400),
      )
    },
    fuzzTimeout(400, 5),
  )

  describe('the store on a file of random content', () => {
    let root: string
    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'fuzz-store-file-'))
    })
    afterAll(() => rm(root, { recursive: true, force: true }))

    const content = fc.oneof(
      documentText.map((t) => new TextEncoder().encode(t)),
      fc.uint8Array({ maxLength: 300 }),
    )
    const operation = fc.constantFrom('get', 'list', 'set', 'delete')
    let n = 0
    const outcomes = { ok: 0, error: 0 }

    it(
      'each operation: its result or a documented error; a failed one changes nothing',
      async () => {
        await fc.assert(
          fc.asyncProperty(content, operation, async (bytes, op) => {
            const dir = join(root, String(n++))
            const store = createFileStore({ dir, lockTimeoutMs: 1_000 })
            await mkdir(dir, { mode: 0o700 })
            await writeFile(store.path, bytes, { mode: 0o600 })
            const key = credentialKey('api.example.com', 'alice')
            const run: () => Promise<unknown> = {
              get: () => store.get(key),
              list: () => store.list(),
              set: () => store.set(key, makeCredential({ accessToken: `${CANARY}-new` })),
              delete: () => store.delete(key),
            }[op]
            const result = await settle(run, { timeoutMs: 5_000, secrets: [CANARY] })
            if (!result.ok) {
              expect(Buffer.compare(await readFile(store.path), Buffer.from(bytes))).toBe(0)
            }
            expect(await readdir(dir)).toEqual(['credentials'])
            outcomes[result.ok ? 'ok' : 'error']++
          }),
          fuzzParams(200),
        )
        // Both paths were taken (the generator is not all garbage).
        if (ENOUGH_RUNS) expect(outcomes.ok).toBeGreaterThan(0)
        if (ENOUGH_RUNS) expect(outcomes.error).toBeGreaterThan(0)
      },
      fuzzTimeout(200, 20),
    )
  })
})
