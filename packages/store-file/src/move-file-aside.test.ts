import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ConfigError } from '@auth/core'
import { afterEach, describe, expect, it } from 'vitest'
import { tempDirs } from '@auth/testing'
import { moveFileAside, removeMovedAside } from './move-file-aside.js'

const dirs = tempDirs()
afterEach(dirs.cleanup)
const now = () => Date.UTC(2025, 0, 2, 3, 4, 5, 678)

describe('moveFileAside', () => {
  it('renames to <file>.corrupt-<time>, numbering when taken; nothing is deleted', async () => {
    const dir = await dirs.make()
    const file = join(dir, 'credentials')
    await writeFile(file, 'one')
    expect(await moveFileAside(file, { now })).toBe(`${file}.corrupt-20250102T030405Z`)
    await writeFile(file, 'two')
    expect(await moveFileAside(file, { now })).toBe(`${file}.corrupt-20250102T030405Z-2`)
    expect((await readdir(dir)).sort()).toEqual(['credentials.corrupt-20250102T030405Z', 'credentials.corrupt-20250102T030405Z-2'])
    expect(await readFile(`${file}.corrupt-20250102T030405Z`, 'utf8')).toBe('one')
  })

  it('resolves undefined when there is no file; rejects bad arguments', async () => {
    const file = join(await dirs.make(), 'credentials')
    expect(await moveFileAside(file)).toBeUndefined()
    await expect(moveFileAside('')).rejects.toThrow(ConfigError)
    await expect(moveFileAside(file, { now: 'x' as never })).rejects.toThrow(ConfigError)
  })
})

describe('removeMovedAside', () => {
  it('deletes exactly the copies moveFileAside made; [] for none or a missing folder; rejects bad arguments', async () => {
    const dir = await dirs.make()
    const file = join(dir, 'credentials')
    for (const text of ['one', 'two']) {
      await writeFile(file, text)
      await moveFileAside(file, { now })
    }
    await writeFile(join(dir, 'credentials.corrupt-2025'), 'not a copy')
    await writeFile(join(dir, 'xcredentials.corrupt-20250102T030405Z'), 'another file')
    expect(await removeMovedAside(file)).toEqual([`${file}.corrupt-20250102T030405Z`, `${file}.corrupt-20250102T030405Z-2`])
    expect((await readdir(dir)).sort()).toEqual(['credentials.corrupt-2025', 'xcredentials.corrupt-20250102T030405Z'])
    expect(await removeMovedAside(file)).toEqual([])
    expect(await removeMovedAside(join(dir, 'missing', 'credentials'))).toEqual([])
    await expect(removeMovedAside('')).rejects.toThrow(ConfigError)
  })
})
