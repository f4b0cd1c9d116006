import { readFile, readdir } from 'node:fs/promises'
import { credentialKey, credentialKeyId } from '@auth/core'
import { afterAll, describe, expect, it } from 'vitest'
import { createFileStore, parseCredentialsDocument } from '../src/index.js'
import { credentialFor, makeCredential, tempDirs } from '@auth/testing'
import { bundleFixture, spawnChild } from '@auth/testing/children'

const KILLS = 200
const dirs = tempDirs()
const writer = await bundleFixture(new URL('./fixtures/writer.ts', import.meta.url), await dirs.make())
afterAll(dirs.cleanup)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('a writer killed with SIGKILL mid-write', () => {
  it(`${KILLS} times: the file always parses and holds the old or the new credential`, { timeout: 90_000 }, async () => {
    const dir = await dirs.make()
    const store = createFileStore({ dir })
    const stable = credentialKey('stable.example.com')
    await store.set(stable, makeCredential({ accessToken: 'stable-token-1' }))
    const writerId = credentialKeyId(credentialKey('api.example.com', 'writer'))
    let last = 0
    let lockLeft = 0
    const started = performance.now()
    for (let kill = 0; kill < KILLS; kill++) {
      const child = spawnChild(writer, [dir])
      const start = Number((await child.line('ready')).split(' ')[1])
      expect(start).toBe(last + 1) // it read what the previous one left
      // Even rounds: kill in the first write (often while taking over the dead writer's lock);
      // odd rounds: kill in the warm write loop.
      if (kill % 2 === 1) await child.line('wrote')
      await sleep(Math.random() * (kill % 2 === 1 ? 10 : 20))
      child.process.kill('SIGKILL')
      expect(await child.exited).toBe('SIGKILL')

      const entries = parseCredentialsDocument(await readFile(store.path, 'utf8'), store.path) // always whole
      expect(entries.get(credentialKeyId(stable))?.accessToken).toBe('stable-token-1')
      const n = entries.get(writerId)?.obtainedAt ?? 0
      expect(n).toBeGreaterThanOrEqual(last) // old or new, never older
      if (n > 0) expect(entries.get(writerId)).toEqual(credentialFor(n)) // never a mix of two writes
      last = n
      if ((await readdir(dir)).includes('credentials.lock')) lockLeft++
    }
    const elapsed = performance.now() - started
    const temps = (await readdir(dir)).filter((n) => n.endsWith('.tmp')).length
    console.info(`[figure] ${KILLS} SIGKILLs in ${(elapsed / 1000).toFixed(1)} s: ${last} writes completed, killed holding the lock ${lockLeft} times, ${temps} stray temp files (swept once 10 s old)`)
    expect(last).toBeGreaterThanOrEqual(KILLS / 2) // the writers made progress through stale locks
    expect(lockLeft).toBeGreaterThan(KILLS / 4) // most kills landed inside a locked write
  })
})
