import { join } from 'node:path'
import { credentialKey, StorageError } from '@auth/core'
import { afterAll, describe, expect, it } from 'vitest'
import { createFileStore } from '../src/index.js'
import { makeCredential, recordingLogger, rejection, tempDirs } from '@auth/testing'
import { bundleFixture, spawnChild } from '@auth/testing/children'

const dirs = tempDirs()
const holder = await bundleFixture(new URL('./fixtures/holder.ts', import.meta.url), await dirs.make())
afterAll(dirs.cleanup)

describe('the lock across real processes', () => {
  it('a live holder makes a save time out with a clear StorageError; once it is killed, the lock is taken over', async () => {
    const logger = recordingLogger()
    const store = createFileStore({ dir: await dirs.make(), lockTimeoutMs: 400, logger })
    const child = spawnChild(holder, [store.path])
    await child.line('locked')

    const error = await rejection(store.set(credentialKey('example.com'), makeCredential()))
    expect(StorageError.isInstance(error)).toBe(true)
    expect(error.message).toContain(`timed out after 400 ms waiting for the lock ${store.path}.lock (held by pid ${child.process.pid}`)
    expect(error['hint']).toContain('another process is saving credentials')

    child.process.kill('SIGKILL')
    expect(await child.exited).toBe('SIGKILL')
    const patient = createFileStore({ dir: join(store.path, '..'), lockTimeoutMs: 5_000, logger })
    const started = performance.now()
    await patient.set(credentialKey('example.com'), makeCredential())
    expect(performance.now() - started).toBeLessThan(2_000) // taken over at once, not after the timeout
    expect(logger.lines.join('\n')).toContain(`took over the stale lock ${store.path}.lock (held by pid ${child.process.pid}`)
    expect(await store.list()).toEqual([credentialKey('example.com')])
  })
})
