import { readdir } from 'node:fs/promises'
import { credentialKey } from '@auth/core'
import { afterAll, describe, expect, it } from 'vitest'
import { createEncryptedStore, parseEncryptionKey } from '../src/index.js'
import { makeCredential, savedCredential, tempDirs } from '@auth/testing'
import { bundleFixture, spawnChild } from '@auth/testing/children'

const SAVES_EACH = 10
const dirs = tempDirs()
const saver = await bundleFixture(new URL('./fixtures/saver.ts', import.meta.url), await dirs.make())
afterAll(dirs.cleanup)

describe('processes saving into the encrypted store at once', () => {
  it.each([
    { what: 'a 32-byte key', secret: Buffer.alloc(32, 5).toString('base64'), PROCESSES: 8 },
    // Each process derives the key once, outside the lock; 4 not 8: scrypt takes 128 MiB and ~0.5 s each.
    { what: 'a passphrase', secret: 'a shared passphrase for all', PROCESSES: 4 },
  ])('with $what, $PROCESSES processes: no credential lost, the file opens', async ({ what, secret, PROCESSES }) => {
    const dir = await dirs.make()
    const store = createEncryptedStore({ dir, key: parseEncryptionKey(secret) })
    await store.set(credentialKey('seed.example.com'), makeCredential()) // the file exists, as after a first login
    const children = Array.from({ length: PROCESSES }, (_, i) => spawnChild(saver, [dir, String(i), String(SAVES_EACH)], { AUTHCLI_ENCRYPTION_KEY: secret }))
    await Promise.all(children.map((c) => c.line('ready')))
    const started = performance.now()
    for (const c of children) c.process.stdin!.write('go\n')
    expect(await Promise.all(children.map((c) => c.exited))).toEqual(Array(PROCESSES).fill(0))
    const elapsed = performance.now() - started
    console.info(`[figure] encrypted store, ${what}: ${PROCESSES} processes x ${SAVES_EACH} saves in ${elapsed.toFixed(0)} ms`)

    expect(await store.list()).toHaveLength(PROCESSES * SAVES_EACH + 1)
    for (let i = 0; i < PROCESSES; i++) {
      for (let j = 0; j < SAVES_EACH; j++) {
        expect(await store.get(credentialKey(`host-${i}.example.com`, `account-${j}`))).toEqual(savedCredential(i, j))
      }
    }
    expect(await readdir(dir)).toEqual(['credentials.enc'])
  })
})
