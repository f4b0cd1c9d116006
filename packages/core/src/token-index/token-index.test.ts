import { chmod, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { isWindows, tempDirs } from '@auth/testing'
import { freshAt } from '../model/fresh-at.js'
import { isFresh } from '../model/freshness.js'
import { fileSignature, signFiles, UNREADABLE } from './file-signature.js'
import { readTokenIndex, TOKEN_INDEX_FILE, type TokenIndexEntry } from './read-token-index.js'
import { writeTokenIndex } from './write-token-index.js'

const dirs = tempDirs()
afterEach(dirs.cleanup)

async function setup() {
  const dir = await dirs.make()
  const config = join(dir, 'config.toml')
  await writeFile(config, 'active_profile = "default"\n', { mode: 0o600 })
  const entry: TokenIndexEntry = {
    inputs: 'flags-a',
    files: signFiles([config, dir, join(dir, '.locks'), join(dir, 'credentials')]),
    token: { kind: 'store', store: 'file', file: join(dir, 'credentials'), key: 'https://h#a' },
  }
  return { dir, config, entry }
}

describe('the token index', () => {
  it('reads back the entry for the same inputs while every file is unchanged, and nothing else', async () => {
    const { dir, config, entry } = await setup()
    await writeTokenIndex(dir, entry)
    expect(readTokenIndex(dir, 'flags-a')).toEqual(entry)
    expect(readTokenIndex(dir, 'flags-b')).toBeUndefined()
    if (!isWindows) expect((await stat(join(dir, TOKEN_INDEX_FILE))).mode & 0o777).toBe(0o600)
    // Same size, same content, rewritten: another inode and change time.
    await writeFile(`${config}.new`, await readFile(config))
    await rm(config)
    await writeFile(config, 'active_profile = "default"\n', { mode: 0o600 })
    expect(readTokenIndex(dir, 'flags-a')).toBeUndefined()
  })

  it('signs folders by mode and owner only; a missing path as missing', async () => {
    const { dir, entry } = await setup()
    await writeTokenIndex(dir, entry)
    await writeFile(join(dir, 'other'), 'x')
    expect(readTokenIndex(dir, 'flags-a')).toEqual(entry)
    expect(fileSignature(join(dir, 'nothing'))).toBe('missing')
    if (isWindows) return
    await chmod(dir, 0o770)
    expect(readTokenIndex(dir, 'flags-a')).toBeUndefined()
    await chmod(dir, 0o700)
    expect(readTokenIndex(dir, 'flags-a')).toEqual(entry)
  })

  it('never throws on a path it cannot look at, and never records or matches one', async () => {
    const { dir, config, entry } = await setup()
    await symlink(join(dir, 'loop'), join(dir, 'loop'))
    expect(fileSignature(join(config, 'below-a-file'))).toBe(UNREADABLE)
    if (!isWindows) expect(fileSignature(join(dir, 'loop'))).toBe(UNREADABLE)
    const unreadable = { ...entry, files: { ...entry.files, [join(config, 'x')]: UNREADABLE } }
    await writeTokenIndex(dir, unreadable)
    expect(await stat(join(dir, TOKEN_INDEX_FILE)).catch(() => undefined)).toBeUndefined()
    await writeFile(join(dir, TOKEN_INDEX_FILE), JSON.stringify({ version: 1, entries: [unreadable] }), { mode: 0o600 })
    expect(readTokenIndex(dir, 'flags-a')).toBeUndefined()
  })

  it('keeps one entry per inputs, the 8 most recent, and never creates the folder', async () => {
    const { dir, entry } = await setup()
    for (let i = 0; i < 10; i++) await writeTokenIndex(dir, { ...entry, inputs: `in-${i}` })
    await writeTokenIndex(dir, { ...entry, inputs: 'in-9', token: { kind: 'env' } })
    const doc = JSON.parse(await readFile(join(dir, TOKEN_INDEX_FILE), 'utf8'))
    expect(doc.entries.map((e: TokenIndexEntry) => e.inputs)).toEqual(['in-9', 'in-8', 'in-7', 'in-6', 'in-5', 'in-4', 'in-3', 'in-2'])
    expect(readTokenIndex(dir, 'in-9')?.token).toEqual({ kind: 'env' })
    await writeTokenIndex(join(dir, 'missing'), entry)
    expect(fileSignature(join(dir, 'missing'))).toBe('missing')
  })

  it('reads nothing from an index that is malformed, another version, too large, or writable by others', async () => {
    const { dir, entry } = await setup()
    const path = join(dir, TOKEN_INDEX_FILE)
    const bad = [
      'not json',
      '[]',
      JSON.stringify({ version: 2, entries: [entry] }),
      JSON.stringify({ version: 1, entries: {} }),
      JSON.stringify({ version: 1, entries: [{ ...entry, files: { [dir]: 1 } }] }),
      JSON.stringify({ version: 1, entries: [{ ...entry, token: { kind: 'store', store: 'keychain', file: 'x', key: 'k' } }] }),
      JSON.stringify({ version: 1, entries: [{ ...entry, token: { kind: 'store', store: 'file', key: 'k' } }] }),
      // A store entry whose file has no signature: its credential would be read unchecked.
      JSON.stringify({ version: 1, entries: [{ ...entry, token: { kind: 'store', store: 'file', file: join(dir, 'other'), key: 'k' } }] }),
      JSON.stringify({ version: 1, entries: [entry], pad: 'x'.repeat(70_000) }),
    ]
    for (const text of bad) {
      await writeFile(path, text, { mode: 0o600 })
      expect(readTokenIndex(dir, 'flags-a'), text.slice(0, 60)).toBeUndefined()
    }
    if (isWindows) return
    await writeFile(path, JSON.stringify({ version: 1, entries: [entry] }), { mode: 0o600 })
    expect(readTokenIndex(dir, 'flags-a')).toEqual(entry)
    await chmod(path, 0o620)
    expect(readTokenIndex(dir, 'flags-a')).toBeUndefined()
  })

  it('carries forward only entries the reader would trust: none from an index others may write, no malformed one', async () => {
    const { dir, entry } = await setup()
    const path = join(dir, TOKEN_INDEX_FILE)
    const malformed = { ...entry, inputs: 'flags-m', token: { kind: 'store', store: 'keychain', file: 'x', key: 'k' } }
    await writeFile(path, JSON.stringify({ version: 1, entries: [entry, malformed] }), { mode: 0o600 })
    await writeTokenIndex(dir, { ...entry, inputs: 'flags-b' })
    const kept = JSON.parse(await readFile(path, 'utf8')).entries.map((e: TokenIndexEntry) => e.inputs)
    expect(kept).toEqual(['flags-b', 'flags-a'])
    if (isWindows) return
    // Written while group-writable (by anyone in the group): its entries must not become trusted in the new 0600 file.
    await chmod(path, 0o620)
    await writeTokenIndex(dir, { ...entry, inputs: 'flags-c' })
    expect(JSON.parse(await readFile(path, 'utf8')).entries.map((e: TokenIndexEntry) => e.inputs)).toEqual(['flags-c'])
    expect(readTokenIndex(dir, 'flags-a')).toBeUndefined()
  })
})

describe('freshAt', () => {
  it('is isFresh without its argument checks', () => {
    const now = 1_000_000
    const cases = [{}, { expiresAt: now + 61_000 }, { expiresAt: now + 60_000 }, { expiresAt: now - 1 }, { expiresAt: Number.NaN }, { expiresAt: 'soon' }, { needsLogin: true }]
    for (const c of cases) {
      const credential = { accessToken: 't', tokenType: 'Bearer', scopes: [], account: {}, flow: 'pat', obtainedAt: 0, ...c } as never
      expect(freshAt(c, now, 60_000), JSON.stringify(c)).toBe(isFresh(credential, { now: () => now, skewMs: 60_000 }))
    }
  })
})
