import { credentialKey } from '@auth/core'
import { afterAll, describe, expect, it } from 'vitest'
import { createEncryptedStore, parseEncryptionKey } from '../src/index.js'
import { credentialFor, makeCredential, tempDirs } from '@auth/testing'
import { bundleFixture, spawnChild } from '@auth/testing/children'

const KILLS = 60
const SECRET = Buffer.alloc(32, 9).toString('base64url')
const dirs = tempDirs()
const writer = await bundleFixture(new URL('./fixtures/writer.ts', import.meta.url), await dirs.make())
afterAll(dirs.cleanup)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('an encrypted-store writer killed with SIGKILL mid-write', () => {
  it(`${KILLS} times: the file always opens and holds the old or the new credential`, { timeout: 90_000 }, async () => {
    const store = createEncryptedStore({ dir: await dirs.make(), key: parseEncryptionKey(SECRET) })
    const stable = credentialKey('stable.example.com')
    const writerKey = credentialKey('api.example.com', 'writer')
    await store.set(stable, makeCredential({ accessToken: 'stable-token-1' }))
    let last = 0
    const started = performance.now()
    for (let kill = 0; kill < KILLS; kill++) {
      const child = spawnChild(writer, [store.path.replace(/\/credentials\.enc$/, '')], { AUTHCLI_ENCRYPTION_KEY: SECRET })
      expect(Number((await child.line('ready')).split(' ')[1])).toBe(last + 1)
      if (kill % 2 === 1) await child.line('wrote')
      await sleep(Math.random() * (kill % 2 === 1 ? 10 : 20))
      child.process.kill('SIGKILL')
      expect(await child.exited).toBe('SIGKILL')

      expect((await store.get(stable))?.accessToken).toBe('stable-token-1') // opens: whole, authentic
      const n = (await store.get(writerKey))?.obtainedAt ?? 0
      expect(n).toBeGreaterThanOrEqual(last)
      if (n > 0) expect(await store.get(writerKey)).toEqual(credentialFor(n))
      last = n
    }
    console.info(`[figure] encrypted store: ${KILLS} SIGKILLs in ${((performance.now() - started) / 1000).toFixed(1)} s, ${last} writes completed`)
    expect(last).toBeGreaterThanOrEqual(KILLS / 2)
  })
})
