import { readFile, unlink, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { StorageError } from '../src/errors/classes.js'
import { deadPid, recordingLogger, rejection, tempDirs } from '@auth/testing'
import { withFileLock } from '../src/fs/with-file-lock.js'
import { bundleFixture, spawnChild, type Child } from '@auth/testing/children'

const dirs = tempDirs()
const children: Child[] = []
const script = await bundleFixture(new URL('./fixtures/lock-child.ts', import.meta.url), await dirs.make())
afterEach(() => {
  for (const c of children.splice(0)) {
    c.process.kill('SIGCONT')
    c.process.kill('SIGKILL')
  }
})
afterAll(dirs.cleanup)

function child(mode: string, file: string): Child {
  const c = spawnChild(script, [mode, file])
  children.push(c)
  return c
}

/** A lock file left by a killed process. */
async function plantDeadLock(file: string): Promise<number> {
  const pid = deadPid()
  await writeFile(`${file}.lock`, JSON.stringify({ pid, host: hostname(), thread: 0, start: 1, time: Date.now(), token: 'dead' }))
  return pid
}

/** Resolves once the process is stopped (state T in /proc/<pid>/stat). */
async function stopped(pid: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    if (stat.slice(stat.lastIndexOf(')') + 2).startsWith('T')) return
    await new Promise((r) => setTimeout(r, 10))
  }
  throw new Error(`process ${pid} did not stop`)
}

const linux = process.platform === 'linux'

describe('withFileLock across real processes', () => {
  it.runIf(linux)('a stalled (SIGSTOPped) holder keeps its lock, even when the wall clock jumps past staleMs', async () => {
    const file = join(await dirs.make(), 'credentials')
    const holder = child('hold', file)
    await holder.line('locked')
    holder.process.kill('SIGSTOP')
    await stopped(holder.process.pid!)
    const jumped = () => Date.now() + 3_600_000
    const error = await rejection(withFileLock(file, () => 'stolen', { timeoutMs: 1_500, staleMs: 1_000, now: jumped }))
    expect(StorageError.isInstance(error)).toBe(true)
    expect(error.message).toContain(`held by pid ${holder.process.pid}`)
    holder.process.kill('SIGKILL')
    await holder.exited
    expect(await withFileLock(file, () => 'mine', { timeoutMs: 2_000 })).toBe('mine')
  })

  it.runIf(linux)('a waiter stopped in the middle of a take-over keeps its ticket: nobody else takes the lock, and no two hold it', async () => {
    const file = join(await dirs.make(), 'credentials')
    await plantDeadLock(file)
    const staller = child('stall', file)
    await staller.line('stopping')
    await stopped(staller.process.pid!)
    // The old code judged its break lock stale after 2 s, removed it and took the lock; the staller
    // then resumed and removed *our* lock. Now we wait for the live (stopped) ticket holder.
    let entered = false
    const attempt = withFileLock(
      file,
      async () => {
        entered = true
        await writeFile(`${file}.inside`, 'parent', { flag: 'wx' })
        staller.process.kill('SIGCONT') // it would now remove our lock and enter too
        await new Promise((r) => setTimeout(r, 500))
        await unlink(`${file}.inside`)
      },
      { timeoutMs: 3_000 },
    )
    const error = await rejection(attempt)
    expect(entered).toBe(false)
    expect(StorageError.isInstance(error)).toBe(true)
    staller.process.kill('SIGCONT')
    await staller.line('done')
    expect(await staller.exited).toBe(0)
    expect(await withFileLock(file, () => 'after', { timeoutMs: 2_000 })).toBe('after')
    expect((await readFile(`${file}.log`, 'utf8')).trim()).toBe(String(staller.process.pid))
    await expect(readFile(`${file}.overlap`, 'utf8')).rejects.toThrow(/ENOENT/)
  })

  it('racing waiters take over a dead lock exactly once and never overlap', async () => {
    const file = join(await dirs.make(), 'credentials')
    const pid = await plantDeadLock(file)
    const racers = Array.from({ length: 8 }, () => child('race', file))
    await Promise.all(racers.map((r) => r.line('ready')))
    for (const r of racers) r.process.stdin!.write('go\n')
    await Promise.all(racers.map((r) => r.line('done')))
    for (const r of racers) expect(await r.exited).toBe(0)
    await expect(readFile(`${file}.overlap`, 'utf8')).rejects.toThrow(/ENOENT/)
    const takeovers = await Promise.all(
      racers.map((r) =>
        r.line('info @auth/core: took over').then(
          () => 1,
          () => 0,
        ),
      ),
    )
    expect(takeovers.reduce((a: number, b) => a + b, 0)).toBe(1)
    const log = (await readFile(`${file}.log`, 'utf8')).trim().split('\n')
    expect(new Set(log).size).toBe(8)
    expect(log).not.toContain(String(pid))
  })

  it.runIf(linux)('a lock whose pid now runs another process is taken over at once', async () => {
    const file = join(await dirs.make(), 'credentials')
    const other = child('race', join(await dirs.make(), 'unrelated')) // a live process that never takes our lock
    await other.line('ready')
    await writeFile(`${file}.lock`, JSON.stringify({ pid: other.process.pid, host: hostname(), thread: 0, start: 1, time: Date.now(), token: 'reused', proc: 'another-boot:12345' }))
    const logger = recordingLogger()
    const started = performance.now()
    expect(await withFileLock(file, () => 'mine', { timeoutMs: 5_000, logger })).toBe('mine')
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(logger.lines.join('\n')).toContain(`took over the stale lock ${file}.lock (held by pid ${other.process.pid}`)
  })

  // Issue 20: twenty `auth token` waiting for one refresh took turns at the lock after the
  // winner released it, each only to read what the winner wrote.
  it('waiters that find the result at the release take no turn at the lock (withFileLockUnless)', async () => {
    const file = join(await dirs.make(), 'credentials')
    const producer = child('produce', file)
    await producer.line('locked')
    const waiters = Array.from({ length: 6 }, () => child('consume', file))
    // Each has found the lock held and looked for news once (a re-check is due within 300 ms).
    await Promise.all(waiters.map((w) => w.line('asked')))
    producer.process.stdin!.write('write\n')
    await producer.line('released')
    for (const w of waiters) await w.line(`news ${producer.process.pid}`)
    for (const w of [producer, ...waiters]) expect(await w.exited).toBe(0)
    await expect(readFile(`${file}.log`, 'utf8')).rejects.toThrow(/ENOENT/) // no waiter ran the critical section
    await expect(readFile(`${file}.lock`, 'utf8')).rejects.toThrow(/ENOENT/)
  })

  it('without news at the release, the waiters take the lock one at a time', async () => {
    const file = join(await dirs.make(), 'credentials')
    const producer = child('produce', file)
    await producer.line('locked')
    const waiters = Array.from({ length: 4 }, () => child('consume', file))
    await Promise.all(waiters.map((w) => w.line('asked')))
    producer.process.stdin!.write('no result\n')
    await producer.line('released')
    for (const w of waiters) await w.line('held')
    for (const w of [producer, ...waiters]) expect(await w.exited).toBe(0)
    await expect(readFile(`${file}.overlap`, 'utf8')).rejects.toThrow(/ENOENT/)
    const log = (await readFile(`${file}.log`, 'utf8')).trim().split('\n')
    expect(log.sort()).toEqual(waiters.map((w) => String(w.process.pid)).sort())
  })
})
