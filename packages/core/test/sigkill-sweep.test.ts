// Temp files left by SIGKILLed writers (`.config.toml.<pid>.*.tmp` from saveConfig,
// `.credentials.<pid>.*.tmp` from writeFileAtomic, `.credentials.lock.<pid>.*.tmp` from the lock)
// are swept by the next writer of that file (the next saveConfig, the next withFileLock) and by the
// next start that only reads (loadConfig; the file store's first read). Only
// those of dead processes older than 10 s go: a live writer's temp file, or a young one, stays.
import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config/load.js'
import { saveConfig } from '../src/config/save.js'
import { withFileLock } from '../src/fs/with-file-lock.js'
import { deadPid, tempDirs } from '@auth/testing'
import { bundleFixture, spawnChild } from '@auth/testing/children'

const dirs = tempDirs()
let script: string
beforeAll(async () => {
  script = await bundleFixture(new URL('./fixtures/temp-writer.ts', import.meta.url), await dirs.make())
}, 30_000)
afterAll(dirs.cleanup)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const temps = async (dir: string) => (await readdir(dir)).filter((n) => n.endsWith('.tmp')).sort()

/** SIGKILLs a looping writer `rounds` times at random instants. */
async function killLoop(mode: 'config' | 'store', file: string, rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const child = spawnChild(script, [mode, file])
    await child.line('ready')
    await sleep(Math.random() * 40)
    child.process.kill('SIGKILL')
    expect(await child.exited).toBe('SIGKILL')
  }
}

/** A writer SIGKILLed while it has its temp file for `file + suffix` open. */
async function killHolding(file: string, suffix: string): Promise<string> {
  const child = spawnChild(script, ['hold', file, suffix])
  const path = (await child.line('holding ')).slice('holding '.length)
  child.process.kill('SIGKILL')
  await child.exited
  return basename(path)
}

async function age(dir: string, names: string[], seconds: number): Promise<void> {
  const then = new Date(Date.now() - seconds * 1000)
  for (const name of names) await utimes(join(dir, name), then, then)
}

describe('temp files of SIGKILLed writers', () => {
  it('are swept by the next saveConfig and the next withFileLock; live and young ones stay', { timeout: 60_000 }, async () => {
    const dir = await dirs.make()
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const config = join(dir, 'config.toml')
    const credentials = join(dir, 'credentials')
    await killLoop('config', config, 10)
    await killLoop('store', credentials, 10)
    const left = [await killHolding(config, ''), await killHolding(credentials, ''), await killHolding(credentials, '.lock')]
    const strays = await temps(dir)
    for (const name of left) expect(strays).toContain(name)
    expect(strays.some((n) => n.startsWith('.config.toml.'))).toBe(true)
    expect(strays.some((n) => n.startsWith('.credentials.lock.'))).toBe(true)
    await age(dir, strays, 60)
    // Not to be swept: a young temp of a dead writer, and an old one of a live process (this one).
    const young = `.config.toml.${deadPid()}.young0.tmp`
    const live = `.credentials.${process.pid}.live0.tmp`
    await writeFile(join(dir, young), '')
    await writeFile(join(dir, live), '')
    await age(dir, [live], 60)

    // The next start that writes: a config save, a store write under the lock.
    await saveConfig(config, { activeProfile: 'work', profiles: { work: { host: 'https://example.com' } } })
    expect((await temps(dir)).filter((n) => n.startsWith('.config.toml.'))).toEqual([young])
    await withFileLock(credentials, () => undefined)
    expect(await temps(dir)).toEqual([young, live].sort())
    console.info(`[figure] ${strays.length} temp files left by 23 SIGKILLed writers, all swept by the next writer`)
  })
})

describe('temp files of SIGKILLed writers, at the next start that only reads', () => {
  it('loadConfig sweeps the config temps a killed saveConfig left (in the background); live and young ones stay', { timeout: 60_000 }, async () => {
    const dir = await dirs.make()
    await mkdir(dir, { recursive: true, mode: 0o700 })
    const config = join(dir, 'config.toml')
    await saveConfig(config, { profiles: { work: { host: 'https://example.com' } } })
    const left = await killHolding(config, '')
    await age(dir, [left], 60)
    const young = `.config.toml.${deadPid()}.young0.tmp`
    await writeFile(join(dir, young), '')
    expect(await temps(dir)).toContain(left)
    await loadConfig(config)
    for (let i = 0; i < 50 && (await temps(dir)).includes(left); i++) await sleep(10)
    expect(await temps(dir)).toEqual([young])
  })
})
