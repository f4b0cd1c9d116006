import { readFile, readdir } from 'node:fs/promises'
import { credentialKey } from '@auth/core'
import { afterAll, describe, expect, it } from 'vitest'
import { createFileStore, parseCredentialsDocument } from '../src/index.js'
import { savedCredential, tempDirs } from '@auth/testing'
import { bundleFixture, spawnChild } from '@auth/testing/children'

const PROCESSES = 8
const SAVES_EACH = 25
const dirs = tempDirs()
const saver = await bundleFixture(new URL('./fixtures/saver.ts', import.meta.url), await dirs.make())
afterAll(dirs.cleanup)

describe('8 processes saving at once', () => {
  it('lose no credential and leave a valid file', async () => {
    const dir = await dirs.make()
    const children = Array.from({ length: PROCESSES }, (_, i) => spawnChild(saver, [dir, String(i), String(SAVES_EACH)]))
    await Promise.all(children.map((c) => c.line('ready')))
    const started = performance.now()
    for (const c of children) c.process.stdin!.write('go\n')
    expect(await Promise.all(children.map((c) => c.exited))).toEqual(Array(PROCESSES).fill(0))
    const elapsed = performance.now() - started
    console.info(`[figure] ${PROCESSES} processes x ${SAVES_EACH} locked saves: ${elapsed.toFixed(0)} ms (${(elapsed / (PROCESSES * SAVES_EACH)).toFixed(2)} ms per save)`)

    const store = createFileStore({ dir })
    const entries = parseCredentialsDocument(await readFile(store.path, 'utf8'), store.path)
    expect(entries.size).toBe(PROCESSES * SAVES_EACH)
    for (let i = 0; i < PROCESSES; i++) {
      for (let j = 0; j < SAVES_EACH; j++) {
        expect(await store.get(credentialKey(`host-${i}.example.com`, `account-${j}`))).toEqual(savedCredential(i, j))
      }
    }
    expect(await readdir(dir)).toEqual(['credentials']) // no lock or temp file left behind
  })
})
