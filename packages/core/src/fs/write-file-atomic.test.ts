import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { ConfigError, StorageError } from '../errors/classes.js'
import { afterEach, describe, expect, it } from 'vitest'
import { isWindows, rejection, tempDirs } from '@auth/testing'
import { writeFileAtomic } from './write-file-atomic.js'

const dirs = tempDirs()
afterEach(dirs.cleanup)

describe('writeFileAtomic', () => {
  it('creates the folder 0700 and the file 0600, and leaves no temp file', async () => {
    const dir = join(await dirs.make(), 'a', 'b')
    const file = join(dir, 'credentials')
    await writeFileAtomic(file, '{"x":1}')
    expect(await readFile(file, 'utf8')).toBe('{"x":1}')
    if (!isWindows) {
      expect((await stat(file)).mode & 0o777).toBe(0o600)
      expect((await stat(dir)).mode & 0o777).toBe(0o700)
    }
    expect(await readdir(dir)).toEqual(['credentials'])
  })

  it('replaces an existing file, takes bytes, and sets the mode asked for exactly', async () => {
    const file = join(await dirs.make(), 'f')
    await writeFile(file, 'old', { mode: 0o644 })
    await writeFileAtomic(file, new TextEncoder().encode('new'), { mode: 0o640 })
    expect(await readFile(file, 'utf8')).toBe('new')
    if (!isWindows) expect((await stat(file)).mode & 0o777).toBe(0o640)
  })

  // Observed with strace on a real process (the built package): the calls made, not assumed.
  it.skipIf(isWindows || spawnSync('sh', ['-c', 'command -v strace']).status !== 0)(
    'sync: false (a cache file) renames into place without any fsync; the default fsyncs the file and the folder',
    async () => {
      const dir = await dirs.make()
      const kit = pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'kit.js')).href
      const write = (options: string) => {
        const script = `import { writeFileAtomic } from ${JSON.stringify(kit)}; await writeFileAtomic(${JSON.stringify(join(dir, 'f'))}, 'v', ${options})`
        const run = spawnSync('strace', ['-f', '-e', 'trace=fsync,fdatasync', process.execPath, '--input-type=module', '-e', script], { encoding: 'utf8' })
        expect(run.status, run.stderr).toBe(0)
        return run.stderr.split('\n').filter((line) => /\b(fsync|fdatasync)\(/.test(line)).length
      }
      expect(write('{ sync: false }')).toBe(0)
      expect(await readFile(join(dir, 'f'), 'utf8')).toBe('v')
      expect(await readdir(dir)).toEqual(['f'])
      expect(write('{}')).toBeGreaterThanOrEqual(2)
    },
  )

  it('fails with a StorageError naming the file, keeping the old file and no temp', async () => {
    const dir = await dirs.make()
    await writeFile(join(dir, 'blocker'), 'a file, not a folder')
    const error = await rejection(writeFileAtomic(join(dir, 'blocker', 'credentials'), 'x'))
    expect(StorageError.isInstance(error)).toBe(true)
    expect(error.message).toContain(join(dir, 'blocker', 'credentials'))
    expect(error['exitCode']).toBe(6)

    const target = join(dir, 'target')
    await mkdir(target) // renaming a file over a folder fails
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow(StorageError)
    expect((await readdir(dir)).sort()).toEqual(['blocker', 'target'])
  })

  it('rejects bad arguments with a ConfigError', async () => {
    const file = join(await dirs.make(), 'f')
    await expect(writeFileAtomic('', 'x')).rejects.toThrow(ConfigError)
    await expect(writeFileAtomic('a\0b', 'x')).rejects.toThrow(ConfigError)
    await expect(writeFileAtomic(file, 42 as never)).rejects.toThrow(ConfigError)
    await expect(writeFileAtomic(file, 'x', { mode: 0o1777 })).rejects.toThrow(ConfigError)
    await expect(writeFileAtomic(file, 'x', { mode: '600' as never })).rejects.toThrow(ConfigError)
    await expect(writeFileAtomic(file, 'x', null as never)).rejects.toThrow(ConfigError)
  })

  it('concurrent writers in one process each leave a whole file', async () => {
    const file = join(await dirs.make(), 'f')
    const bodies = Array.from({ length: 20 }, (_, i) => `body-${i}-${'x'.repeat(i * 1000)}`)
    await Promise.all(bodies.map((b) => writeFileAtomic(file, b)))
    expect(bodies).toContain(await readFile(file, 'utf8'))
  })
})
