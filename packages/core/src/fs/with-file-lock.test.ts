import { chmod, chown, mkdir, readFile, readdir, stat, utimes, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { ConfigError, StorageError } from '../errors/classes.js'
import { afterEach, describe, expect, it } from 'vitest'
import { parseLockInfo, processIdentity } from './lock-file.js'
import { deadPid, recordingLogger, rejection, tempDirs } from '@auth/testing'
import { withFileLock } from './with-file-lock.js'

const dirs = tempDirs()
afterEach(dirs.cleanup)

/** Writes a lock file as another owner would. */
async function plantLock(file: string, fields: Record<string, unknown>): Promise<void> {
  const info = { pid: process.pid, host: hostname(), thread: 0, start: Math.round(performance.timeOrigin), time: Date.now(), token: 'planted', ...fields }
  await writeFile(`${file}.lock`, JSON.stringify(info), { mode: 0o600 })
}

describe('withFileLock', () => {
  it('holds <path>.lock with pid, host and time while fn runs, and removes it after', async () => {
    const file = join(await dirs.make(), 'credentials')
    const seen = await withFileLock(file, async () => parseLockInfo(await readFile(`${file}.lock`, 'utf8')), { now: () => 42 })
    expect(seen).toMatchObject({ pid: process.pid, host: hostname(), time: 42 })
    await expect(stat(`${file}.lock`)).rejects.toThrow(/ENOENT/)
  })

  it('releases the lock when fn throws, and passes the error on', async () => {
    const file = join(await dirs.make(), 'credentials')
    await expect(
      withFileLock(file, () => {
        throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(await readdir(join(file, '..'))).toEqual([])
    expect(await withFileLock(file, () => 'again')).toBe('again')
  })

  it('serialises callers in one process (no lost update)', async () => {
    const file = join(await dirs.make(), 'counter')
    await writeFile(file, '0')
    const bump = () =>
      withFileLock(file, async () => {
        const n = Number(await readFile(file, 'utf8'))
        await new Promise((r) => setTimeout(r, 1))
        await writeFile(file, String(n + 1))
      })
    await Promise.all(Array.from({ length: 25 }, bump))
    expect(await readFile(file, 'utf8')).toBe('25')
  })

  it('a caller in the same process waits at most timeoutMs behind a holder that hangs', async () => {
    const file = join(await dirs.make(), 'credentials')
    let release!: () => void
    const holding = withFileLock(
      file,
      () =>
        new Promise<void>((resolve) => {
          release = resolve
        }),
    )
    await new Promise((r) => setTimeout(r, 20))
    const started = performance.now()
    await expect(withFileLock(file, () => 1, { timeoutMs: 150 })).rejects.toThrow(`timed out after 150 ms waiting for the lock ${file}.lock (held in this process)`)
    expect(performance.now() - started).toBeLessThan(1_000)
    release()
    await holding
    expect(await withFileLock(file, () => 2)).toBe(2)
  })

  it('takes over a lock whose process is gone, and says so', async () => {
    const file = join(await dirs.make(), 'credentials')
    const pid = deadPid()
    await plantLock(file, { pid, thread: 0, start: 1 })
    const logger = recordingLogger()
    const started = performance.now()
    expect(await withFileLock(file, () => 'mine', { logger, timeoutMs: 2_000 })).toBe('mine')
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(logger.lines.join('\n')).toMatch(new RegExp(`took over the stale lock .*pid ${pid}`))
  })

  it('times out on a live lock with a StorageError naming the lock and its pid', async () => {
    const file = join(await dirs.make(), 'credentials')
    await plantLock(file, { pid: process.ppid, time: Date.now() })
    const started = performance.now()
    const error = await rejection(withFileLock(file, () => 'never', { timeoutMs: 300 }))
    const elapsed = performance.now() - started
    expect(StorageError.isInstance(error)).toBe(true)
    expect(error['exitCode']).toBe(6)
    expect(error.message).toContain(`timed out after 300 ms waiting for the lock ${file}.lock`)
    expect(error.message).toContain(`pid ${process.ppid}`)
    expect(error['hint']).toContain(`delete ${file}.lock`)
    expect(elapsed).toBeGreaterThanOrEqual(290)
    expect(elapsed).toBeLessThan(1_500)
    expect(await readFile(`${file}.lock`, 'utf8')).toContain('planted') // untouched
  })

  it('with timeoutMs 0 tries once', async () => {
    const file = join(await dirs.make(), 'credentials')
    await plantLock(file, { pid: process.ppid })
    await expect(withFileLock(file, () => 1, { timeoutMs: 0 })).rejects.toThrow(/timed out after 0 ms/)
  })

  it('takes over our own pid from an earlier process (pid reuse), not from this one', async () => {
    const file = join(await dirs.make(), 'credentials')
    await plantLock(file, { pid: process.pid, start: Math.round(performance.timeOrigin) - 60_000 })
    expect(await withFileLock(file, () => 1, { timeoutMs: 500 })).toBe(1)
    await plantLock(file, { pid: process.pid }) // this very thread: another copy of the package holds it
    await expect(withFileLock(file, () => 1, { timeoutMs: 100 })).rejects.toThrow(StorageError)
  })

  it.runIf(process.platform === 'linux')('never takes over a live holder for its age; a live pid with another start time at once', async () => {
    const file = join(await dirs.make(), 'credentials')
    const proc = await processIdentity(process.ppid)
    expect(proc).toMatch(/^[0-9a-f-]+:\d+$/)
    await plantLock(file, { pid: process.ppid, proc, time: Date.now() - 3_600_000 })
    await expect(withFileLock(file, () => 1, { staleMs: 5_000, timeoutMs: 300 })).rejects.toThrow(`held by pid ${process.ppid}`)
    await plantLock(file, { pid: process.ppid, proc: `${proc}0`, time: Date.now() })
    const started = performance.now()
    expect(await withFileLock(file, () => 2, { timeoutMs: 5_000 })).toBe(2)
    expect(performance.now() - started).toBeLessThan(1_000)
  })

  it('judges a live pid it cannot check (no start time recorded) and another host by age only', async () => {
    const file = join(await dirs.make(), 'credentials')
    await plantLock(file, { pid: process.ppid, time: Date.now() - 10_000 })
    expect(await withFileLock(file, () => 1, { staleMs: 5_000, timeoutMs: 500 })).toBe(1)
    await plantLock(file, { pid: deadPid(), host: 'another-machine' })
    await expect(withFileLock(file, () => 1, { timeoutMs: 100 })).rejects.toThrow(/on "another-machine"/)
    await plantLock(file, { pid: deadPid(), host: 'another-machine', time: Date.now() - 120_000 })
    expect(await withFileLock(file, () => 2, { timeoutMs: 500 })).toBe(2)
  })

  it('an unreadable lock file is taken over once this waiter has seen it unchanged for 2 s (not by its mtime)', async () => {
    const file = join(await dirs.make(), 'credentials')
    await writeFile(`${file}.lock`, 'garbage{')
    const old = new Date(Date.now() - 3_600_000)
    await utimes(`${file}.lock`, old, old)
    await expect(withFileLock(file, () => 1, { timeoutMs: 300 })).rejects.toThrow(StorageError)
    const started = performance.now()
    expect(await withFileLock(file, () => 1, { timeoutMs: 4_000 })).toBe(1)
    expect(performance.now() - started).toBeGreaterThanOrEqual(1_900)
  })

  it('waits for a live process holding the take-over ticket of a dead lock', async () => {
    const file = join(await dirs.make(), 'credentials')
    await plantLock(file, { pid: deadPid(), start: 1, token: 'dead' })
    const ticket = { pid: process.ppid, host: hostname(), thread: 0, start: 1, time: Date.now() - 3_600_000, token: 'ticket', proc: await processIdentity(process.ppid) }
    await writeFile(`${file}.lock.break-tdead`, JSON.stringify(ticket))
    await expect(withFileLock(file, () => 1, { timeoutMs: 300 })).rejects.toThrow(StorageError)
    expect(await readFile(`${file}.lock`, 'utf8')).toContain('"dead"')
  })

  it('clears a take-over ticket left by a killed process, and sweeps such tickets', async () => {
    const file = join(await dirs.make(), 'credentials')
    await plantLock(file, { pid: deadPid(), start: 1, token: 'planted' })
    const info = { pid: deadPid(), host: hostname(), thread: 0, start: 1, time: Date.now(), token: 'b' }
    await writeFile(`${file}.lock.break-tplanted`, JSON.stringify(info))
    await writeFile(`${file}.lock.break-tolder`, JSON.stringify({ ...info, token: 'c' }))
    await writeFile(`${file}.lock.break`, JSON.stringify({ ...info, token: 'd' })) // an older version's break lock
    const logger = recordingLogger()
    expect(await withFileLock(file, () => 1, { timeoutMs: 1_000, logger })).toBe(1)
    expect(await readdir(join(file, '..'))).toEqual([])
    expect(logger.lines.filter((l) => l.includes('took over'))).toHaveLength(1)
  })

  it('sweeps old temp files of dead processes, keeps live or young ones', async () => {
    const dir = await dirs.make()
    const file = join(dir, 'credentials')
    const dead = deadPid()
    const old = new Date(Date.now() - 60_000)
    const names = [`.credentials.${dead}.abc.tmp`, `.credentials.lock.${dead}.abd.tmp`, `.credentials.${process.ppid}.abe.tmp`, `.credentials.${dead}.abf.tmp`, `.other.${dead}.abg.tmp`]
    for (const name of names) await writeFile(join(dir, name), 'x')
    for (const name of [names[0], names[1], names[2], names[4]]) await utimes(join(dir, name!), old, old)
    await withFileLock(file, () => 1)
    expect((await readdir(dir)).sort()).toEqual([names[2], names[3], names[4]].sort())
  })

  // Issue 15, finding 4a: a lock folder another user may write, or a lock file of theirs "held"
  // by a live pid with its real start time, made every refresh wait then fail.
  it.runIf(process.platform !== 'win32').each([0o777, 0o775, 0o757, 0o1777])(
    'refuses a lock folder with mode %o (another user could plant or remove locks; sticky too), with the chmod fix',
    async (mode) => {
      const dir = join(await dirs.make(), 'locks')
      await mkdir(dir)
      await chmod(dir, mode)
      const error = await rejection(withFileLock(join(dir, 'refresh-x'), () => 'ran'))
      expect(ConfigError.isInstance(error)).toBe(true)
      expect(error).toMatchObject({ code: 'CONFIG_ERROR', exitCode: 2, hint: `chmod go-w ${dir}` })
      expect(error.message).toContain(`the lock folder ${dir} is writable by`)
      await chmod(dir, 0o755)
      expect(await withFileLock(join(dir, 'refresh-x'), () => 'ran')).toBe('ran')
    },
  )

  it.runIf(process.getuid?.() === 0)("ignores and reports a lock file owned by another user, even one 'held' by live pid 1 with its real start time", async () => {
    // Only root can put another user's file in a folder of ours (a sticky shared folder is refused).
    const dir = await dirs.make()
    const file = join(dir, 'credentials')
    await plantLock(file, { pid: 1, proc: await processIdentity(1), time: Date.now(), token: 'mallory' })
    await chown(`${file}.lock`, 65534, 65534)
    const logger = recordingLogger()
    const started = performance.now()
    expect(await withFileLock(file, () => 'ran', { timeoutMs: 2_000, logger })).toBe('ran')
    expect(performance.now() - started).toBeLessThan(1_000)
    expect(logger.lines.join('\n')).toContain(`ignoring the lock ${file}.lock: it belongs to uid 65534, not to you`)
  })

  it('rejects bad arguments with a ConfigError', async () => {
    const file = join(await dirs.make(), 'credentials')
    await expect(withFileLock('', () => 1)).rejects.toThrow(ConfigError)
    await expect(withFileLock(file, 'x' as never)).rejects.toThrow(ConfigError)
    await expect(withFileLock(file, () => 1, { timeoutMs: -1 })).rejects.toThrow(ConfigError)
    await expect(withFileLock(file, () => 1, { timeoutMs: Number.NaN })).rejects.toThrow(ConfigError)
    await expect(withFileLock(file, () => 1, { now: 5 as never })).rejects.toThrow(ConfigError)
    await expect(withFileLock(file, () => 1, { logger: {} as never })).rejects.toThrow(ConfigError)
  })
})

describe('parseLockInfo (garbage)', () => {
  it.each([
    '',
    'null',
    '[]',
    '{}',
    '{"pid":"1"}',
    'not json',
    '{"pid":0,"host":"h","thread":0,"start":1,"time":1,"token":"t"}',
    '{"pid":-5,"host":"h","thread":0,"start":1,"time":1,"token":"t"}',
    '{"pid":1.5,"host":"h","thread":0,"start":1,"time":1,"token":"t"}',
    '{"pid":1,"host":2,"thread":0,"start":1,"time":1,"token":"t"}',
  ])('%j is undefined', (text) => {
    expect(parseLockInfo(text)).toBeUndefined()
  })

  it('parses a valid one and drops extra fields', () => {
    expect(parseLockInfo('{"pid":1,"host":"h","thread":0,"start":1,"time":2,"token":"t","x":1}')).toEqual({ pid: 1, host: 'h', thread: 0, start: 1, time: 2, token: 't' })
  })
})
