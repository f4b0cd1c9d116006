// The config folder and file are trusted only as ssh trusts its files (issue 11 #8): not
// writable by group or others, owned by the user or root. Else a ConfigError (exit 2) with the fix.
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/classes.js'
import { loadConfig } from './load.js'
import { saveConfig } from './save.js'

const posix = process.platform !== 'win32'
const isRoot = process.getuid?.() === 0
let root: string
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'auth-core-trust-'))
})
afterEach(() => rm(root, { recursive: true, force: true }))

async function configIn(dirMode: number, fileMode = 0o600): Promise<{ dir: string; file: string }> {
  const dir = join(root, 'cfg')
  await mkdir(dir)
  const file = join(dir, 'config.toml')
  await writeFile(file, '[profiles.work]\nhost = "example.com"\n')
  await chmod(file, fileMode)
  await chmod(dir, dirMode)
  return { dir, file }
}

async function refusal(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(ConfigError.isInstance(error), String(error)).toBe(true)
  expect((error as ConfigError).exitCode).toBe(2)
  return error as ConfigError
}

describe.runIf(posix)('loadConfig: who may write the config', () => {
  it.each([0o777, 0o775, 0o757, 0o770])('refuses a config folder with mode %o, before reading, with the chmod fix', async (mode) => {
    const { dir, file } = await configIn(mode)
    const error = await refusal(loadConfig(file))
    expect(error.message).toBe(
      `the config folder ${dir} is writable by ${mode & 0o020 ? 'its group' : 'others'}${mode & 0o020 && mode & 0o002 ? ' and others' : ''} (mode ${mode.toString(8)}): refusing to trust it`,
    )
    expect(error.hint).toBe(`chmod go-w ${dir}`)
  })

  it('refuses a missing config file in a writable folder too (anyone could create it)', async () => {
    const dir = join(root, 'open')
    await mkdir(dir)
    await chmod(dir, 0o777)
    await refusal(loadConfig(join(dir, 'config.toml')))
  })

  it.each([0o666, 0o620, 0o602])('refuses a config file with mode %o', async (mode) => {
    const { file } = await configIn(0o700, mode)
    const error = await refusal(loadConfig(file))
    expect(error.message).toMatch(new RegExp(`^the config file ${file} is writable by .* \\(mode ${mode.toString(8)}\\): refusing to trust it$`))
    expect(error.hint).toBe(`chmod go-w ${file}`)
  })

  it('accepts 0700/0755 folders, 0600/0644 files, and a sticky shared folder', async () => {
    for (const [dirMode, fileMode] of [
      [0o700, 0o600],
      [0o755, 0o644],
      [0o750, 0o640],
    ] as const) {
      const { file } = await configIn(dirMode, fileMode)
      expect((await loadConfig(file)).profiles['work']?.host).toBe('https://example.com')
      await rm(join(root, 'cfg'), { recursive: true })
    }
    const shared = join(root, 'shared')
    await mkdir(shared)
    await chmod(shared, 0o1777) // like /tmp: others cannot replace our file
    await writeFile(join(shared, 'config.toml'), '', { mode: 0o600 })
    expect(await loadConfig(join(shared, 'config.toml'))).toEqual({ profiles: {} })
  })

  it.runIf(isRoot)('refuses a config file or folder owned by another user (not root), naming the owner', async () => {
    const { dir, file } = await configIn(0o700)
    await chown(file, 4321, 4321)
    const error = await refusal(loadConfig(file))
    expect(error.message).toBe(`the config file ${file} belongs to uid 4321, not to you (uid 0) or root: refusing to trust it`)
    expect(error.hint).toBe(`chown ${userInfo().username} ${file}`)
    await chown(file, 0, 0)
    await chown(dir, 4321, 4321)
    expect((await refusal(loadConfig(file))).message).toContain(`the config folder ${dir} belongs to uid 4321`)
  })

  it('saveConfig refuses to write into a folder others can write', async () => {
    const { dir, file } = await configIn(0o777)
    const error = await refusal(saveConfig(file, { profiles: {} }))
    expect(error.hint).toBe(`chmod go-w ${dir}`)
  })

  it('quotes a path with spaces or quotes in the hint', async () => {
    const dir = join(root, "it's here")
    await mkdir(dir)
    await chmod(dir, 0o777)
    expect((await refusal(loadConfig(join(dir, 'config.toml')))).hint).toBe(`chmod go-w '${root}/it'\\''s here'`)
  })
})
