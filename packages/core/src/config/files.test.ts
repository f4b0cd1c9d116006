import { chmod, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AuthConfig } from './types.js'
import { ConfigError } from '../errors/classes.js'
import { loadConfig } from './load.js'
import { saveConfig } from './save.js'

let dir: string
const isRoot = process.getuid?.() === 0
const posix = process.platform !== 'win32'

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'auth-core-config-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const config: AuthConfig = { activeProfile: 'work', profiles: { work: { host: 'https://example.com', scopes: ['openid'] } } }

describe('loadConfig', () => {
  it('returns an empty config for a missing file', async () => {
    await expect(loadConfig(join(dir, 'nope', 'config.toml'))).resolves.toEqual({ profiles: {} })
  })

  it('reads and parses a file', async () => {
    const file = join(dir, 'config.toml')
    await writeFile(file, 'active_profile = "work"\n[profiles.work]\nhost = "example.com"\nscopes = ["openid"]\n')
    await expect(loadConfig(file)).resolves.toEqual(config)
  })

  it('names the path when the file cannot be read', async () => {
    await expect(loadConfig(dir)).rejects.toThrow(new RegExp(`cannot read the config file ${dir}.*EISDIR`))
    const notDir = join(dir, 'file')
    await writeFile(notDir, '')
    await expect(loadConfig(join(notDir, 'config.toml'))).rejects.toThrow(ConfigError)
  })

  it.skipIf(isRoot || !posix)('names the path when the file is not readable', async () => {
    const file = join(dir, 'config.toml')
    await writeFile(file, '')
    await chmod(file, 0o000)
    await expect(loadConfig(file)).rejects.toThrow(/EACCES/)
  })

  it('passes parse errors through with the path', async () => {
    const file = join(dir, 'config.toml')
    await writeFile(file, '[profiles.a]\nflow = "x"\n')
    await expect(loadConfig(file)).rejects.toThrow(`${file}:2: profiles.a.flow`)
  })

  it('rejects a garbage path', async () => {
    await expect(loadConfig('')).rejects.toThrow(ConfigError)
    await expect(loadConfig(undefined as never)).rejects.toThrow(/"file"/)
  })
})

describe('saveConfig', () => {
  it('creates the directory 0700 and the file 0600, and round-trips', async () => {
    const file = join(dir, 'deep', 'app', 'config.toml')
    await saveConfig(file, config)
    await expect(loadConfig(file)).resolves.toEqual(config)
    if (posix) {
      expect((await stat(file)).mode & 0o777).toBe(0o600)
      expect((await stat(join(dir, 'deep', 'app'))).mode & 0o777).toBe(0o700)
    }
  })

  it('replaces an existing file, leaves no temp files, and tightens a loose mode', async () => {
    const file = join(dir, 'config.toml')
    await writeFile(file, 'old', { mode: 0o644 })
    await saveConfig(file, config)
    await saveConfig(file, { profiles: {} })
    expect(await readFile(file, 'utf8')).toBe('')
    expect(await readdir(dir)).toEqual(['config.toml'])
    if (posix) expect((await stat(file)).mode & 0o777).toBe(0o600)
  })

  it('writes nothing for an invalid config', async () => {
    const file = join(dir, 'config.toml')
    await expect(saveConfig(file, { profiles: { a: { flow: 'nope' as never } } })).rejects.toThrow(ConfigError)
    expect(await readdir(dir)).toEqual([])
  })

  it('names the path when it cannot write, and cleans up', async () => {
    const blocker = join(dir, 'blocker')
    await writeFile(blocker, '')
    await expect(saveConfig(join(blocker, 'config.toml'), config)).rejects.toThrow(/cannot write the config file .*blocker/)
    await mkdir(join(dir, 'target.toml'))
    await expect(saveConfig(join(dir, 'target.toml'), config)).rejects.toThrow(ConfigError)
    expect((await readdir(dir)).sort()).toEqual(['blocker', 'target.toml'])
  })

  it('survives concurrent saves: the file is always one whole config', async () => {
    const file = join(dir, 'config.toml')
    const configs = Array.from({ length: 10 }, (_, i): AuthConfig => ({ activeProfile: `p${i}`, profiles: {} }))
    await Promise.all(configs.map((c) => saveConfig(file, c)))
    const loaded = await loadConfig(file)
    expect(configs).toContainEqual(loaded)
    expect(await readdir(dir)).toEqual(['config.toml'])
  })
})
