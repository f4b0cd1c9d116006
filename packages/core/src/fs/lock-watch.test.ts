import { rename, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDirs } from '@auth/testing'
import { waitForChange } from './lock-watch.js'

const dirs = tempDirs()
afterEach(dirs.cleanup)

// Real files and the kernel's change events (inotify here): a wait that missed the change would
// end with 'timeout' after a minute, long after the test's own limit.
const MINUTE = 60_000

describe('waitForChange', () => {
  it('wakes when the file is removed (a holder releasing its lock)', async () => {
    const file = join(await dirs.make(), 'x.lock')
    await writeFile(file, 'held')
    const waiting = waitForChange(file, MINUTE)
    await unlink(file)
    expect(await waiting).toBe('changed')
  })

  it('wakes when the file is replaced or rewritten', async () => {
    const dir = await dirs.make()
    const file = join(dir, 'x.lock')
    await writeFile(file, 'one')
    const replaced = waitForChange(file, MINUTE)
    await writeFile(join(dir, 'other'), 'two')
    await rename(join(dir, 'other'), file)
    expect(await replaced).toBe('changed')
    const rewritten = waitForChange(file, MINUTE)
    await writeFile(file, 'three')
    expect(await rewritten).toBe('changed')
  })

  it('is "missing" at once for a file that is not there, "timeout" when nothing happens', async () => {
    const dir = await dirs.make()
    expect(await waitForChange(join(dir, 'none.lock'), MINUTE)).toBe('missing')
    const file = join(dir, 'x.lock')
    await writeFile(file, 'held')
    expect(await waitForChange(file, 20)).toBe('timeout')
  })

  it('ends at the abort of its signal (an abandoned waiter does not keep its process alive)', async () => {
    const file = join(await dirs.make(), 'x.lock')
    await writeFile(file, 'held')
    const controller = new AbortController()
    const waiting = waitForChange(file, MINUTE, controller.signal)
    controller.abort()
    expect(await waiting).toBe('aborted')
    expect(await waitForChange(file, MINUTE, controller.signal)).toBe('aborted')
  })
})
