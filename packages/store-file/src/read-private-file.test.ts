import { readFileSync } from 'node:fs'
import { chmod, mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ConfigError, StorageError } from '@auth/core'
import { afterEach, describe, expect, it } from 'vitest'
import { isWindows, rejection, tempDirs } from '@auth/testing'
import { readPrivateFile } from './read-private-file.js'

const dirs = tempDirs()
afterEach(dirs.cleanup)

describe('readPrivateFile', () => {
  it('reads a 0600 file; a missing one is undefined', async () => {
    const file = join(await dirs.make(), 'credentials')
    expect(await readPrivateFile(file)).toBeUndefined()
    await writeFile(file, 'héllo', { mode: 0o600 })
    expect(await readPrivateFile(file)).toBe('héllo')
  })

  it.skipIf(isWindows).each([0o644, 0o640, 0o620, 0o604, 0o602, 0o660, 0o666])('refuses mode %o like ssh, with the chmod hint', async (mode) => {
    const file = join(await dirs.make(), 'credentials')
    await writeFile(file, 'secret-content-here')
    await chmod(file, mode)
    const error = await rejection(readPrivateFile(file))
    expect(StorageError.isInstance(error)).toBe(true)
    expect(error['code']).toBe('STORAGE_ERROR')
    expect(error['exitCode']).toBe(6)
    expect(error.message).toContain(file)
    expect(error.message).toContain(`mode 0${mode.toString(8)}`)
    expect(error.message).not.toContain('secret-content-here')
    expect(error['hint']).toBe(`chmod 600 ${file}`)
  })

  it('reads an empty file, and a large one whole (multi-byte characters across any chunk)', async () => {
    const file = join(await dirs.make(), 'credentials')
    await writeFile(file, '', { mode: 0o600 })
    expect(await readPrivateFile(file)).toBe('')
    const big = `{"a":"${'é€😀x'.repeat(60_000)}"}`
    await writeFile(file, big, { mode: 0o600 })
    expect(await readPrivateFile(file)).toBe(big)
  })

  // A file with more bytes than its stat says (the first read asks for size + 1): /proc files
  // report size 0; /proc/self/environ is mode 0400 and ours, so it passes the mode check.
  it.skipIf(process.platform !== 'linux')('reads a file to its end when it holds more than its stat says', async () => {
    const expected = readFileSync('/proc/self/environ', 'utf8')
    expect(expected.length).toBeGreaterThan(0)
    expect(await readPrivateFile('/proc/self/environ')).toBe(expected)
  })

  it('accepts 0400 and 0700', async () => {
    const file = join(await dirs.make(), 'credentials')
    await writeFile(file, 'x')
    for (const mode of [0o400, 0o700]) {
      await chmod(file, mode)
      expect(await readPrivateFile(file)).toBe('x')
    }
  })

  it('refuses a folder, and bad arguments', async () => {
    const dir = await dirs.make()
    await mkdir(join(dir, 'credentials'), { mode: 0o700 })
    await expect(readPrivateFile(join(dir, 'credentials'))).rejects.toThrow(StorageError)
    await expect(readPrivateFile('')).rejects.toThrow(ConfigError)
    await expect(readPrivateFile(undefined as never)).rejects.toThrow(ConfigError)
  })

  it('a parent that is a file is a StorageError, not "missing"', async () => {
    const dir = await dirs.make()
    await writeFile(join(dir, 'plain'), 'x', { mode: 0o600 })
    await expect(readPrivateFile(join(dir, 'plain', 'credentials'))).rejects.toThrow(/a parent is not a folder/)
  })
})
