import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { globalsOf, memoryStream, testContext, testRuntime, type TestRuntime } from './_testing.js'
import { createCliLogger, createContext, createPrinter, locateConfig } from './context.js'

let runtime: TestRuntime
afterEach(() => runtime?.cleanup())

describe('locateConfig', () => {
  const home = '/home/u'
  it('--config wins over AUTHCLI_CONFIG, which wins over AUTHCLI_CONFIG_DIR, then ~/.authcli', () => {
    const env = { AUTHCLI_CONFIG: '/env/c.toml', AUTHCLI_CONFIG_DIR: '/dir' }
    expect(locateConfig(globalsOf({ config: '/flag/c.toml' }), { env, homeDir: home })).toMatchObject({ file: '/flag/c.toml', source: '--config' })
    expect(locateConfig(globalsOf(), { env, homeDir: home })).toMatchObject({ file: '/env/c.toml', source: 'AUTHCLI_CONFIG' })
    expect(locateConfig(globalsOf(), { env: { AUTHCLI_CONFIG_DIR: '/dir' }, homeDir: home })).toEqual({
      dir: '/dir',
      file: join('/dir', 'config.toml'),
      source: 'AUTHCLI_CONFIG_DIR',
      format: 'toml',
    })
    expect(locateConfig(globalsOf(), { env: {}, homeDir: home })).toEqual({
      dir: join(home, '.authcli'),
      file: join(home, '.authcli', 'config.toml'),
      source: 'default',
      format: 'toml',
    })
  })
})

describe('createContext', () => {
  it('loads the config file of AUTHCLI_CONFIG_DIR', async () => {
    runtime = await testRuntime()
    const dir = runtime.env.AUTHCLI_CONFIG_DIR as string
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'config.toml'), 'active_profile = "work"\n[profiles.work]\nhost = "https://h.example.com"\n')
    const ctx = await testContext(runtime, { json: true })
    expect(ctx.config.activeProfile).toBe('work')
    expect(ctx.config.profiles.work?.host).toBe('https://h.example.com')
    expect(ctx.configLocation.file).toBe(join(dir, 'config.toml'))
    expect(ctx.globals.json).toBe(true)
    expect(ctx.signal).toBe(runtime.signal)
  })

  it('gives an empty config when there is no file yet', async () => {
    runtime = await testRuntime()
    const ctx = await testContext(runtime)
    expect(ctx.config.profiles).toEqual({})
    expect(ctx.config.activeProfile).toBeUndefined()
  })

  it('rejects a malformed file with CONFIG_ERROR naming the file', async () => {
    runtime = await testRuntime()
    const dir = runtime.env.AUTHCLI_CONFIG_DIR as string
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'config.toml'), 'x = = 1\n')
    await expect(testContext(runtime)).rejects.toMatchObject({
      code: 'CONFIG_ERROR',
      exitCode: 2,
      message: expect.stringContaining(join(dir, 'config.toml')),
    })
  })

  it('resolves the profile from --profile and --host', async () => {
    runtime = await testRuntime()
    const ctx = await testContext(runtime, { profile: 'ci', host: 'https://api.example.com' })
    expect(ctx.resolveProfile()).toMatchObject({ name: 'ci', host: 'https://api.example.com' })
  })

  it('logs to stderr with --debug only', async () => {
    runtime = await testRuntime()
    await testContext(runtime)
    expect(runtime.stderr.text).toBe('')
    await testContext(runtime, { debug: true })
    expect(runtime.stderr.text).toMatch(/^\[authcli\] debug: authcli /)
    expect(runtime.stderr.text).toContain('(from AUTHCLI_CONFIG_DIR)')
    expect(runtime.stdout.text).toBe('')
  })
})

describe('createContext with a flyte-style YAML config', () => {
  const FLYTE = 'admin:\n  endpoint: dns:///flyte.example.com\n  authType: DeviceFlow\n  clientId: flytectl\nlogger:\n  level: 1\n'

  it.each(['flyte.yaml', 'config.YML'])('%s via --config or AUTHCLI_CONFIG is one active profile, default', async (name) => {
    runtime = await testRuntime()
    const file = join(runtime.dir, name)
    await writeFile(file, FLYTE)
    for (const [globals, env] of [
      [{ config: file }, {}],
      [{}, { AUTHCLI_CONFIG: file }],
    ] as const) {
      const ctx = await createContext(globalsOf(globals), { ...runtime, env: { ...runtime.env, ...env } })
      expect(ctx.configLocation).toMatchObject({ file, format: 'yaml' })
      expect(ctx.config).toEqual({ activeProfile: 'default', profiles: { default: { host: 'https://flyte.example.com', flow: 'device', clientId: 'flytectl' } } })
      expect(ctx.resolveProfile()).toMatchObject({ name: 'default', host: 'https://flyte.example.com', flow: 'device', clientId: 'flytectl' })
    }
  })

  it('is read-only: saving is a CONFIG_ERROR with a hint, the file untouched', async () => {
    runtime = await testRuntime()
    const file = join(runtime.dir, 'flyte.yaml')
    await writeFile(file, FLYTE)
    const ctx = await testContext(runtime, { config: file })
    await expect(ctx.saveConfig({ profiles: {} })).rejects.toMatchObject({
      code: 'CONFIG_ERROR',
      exitCode: 2,
      message: `${file} is a flyte-style YAML config, which authcli reads but never writes`,
      hint: expect.stringContaining('config.toml'),
    })
    expect(await readFile(file, 'utf8')).toBe(FLYTE)
  })

  it('logs the ignored keys with --debug; a bad file names its line', async () => {
    runtime = await testRuntime()
    const file = join(runtime.dir, 'flyte.yaml')
    await writeFile(file, FLYTE)
    await testContext(runtime, { config: file, debug: true })
    expect(runtime.stderr.text).toContain(`config file ${file} (from --config, flyte-style YAML, read-only)`)
    expect(runtime.stderr.text).toContain(`${file}: ignored keys logger`)
    await writeFile(file, 'admin:\n  endpoint: x.example.com\n  authType: Basic\n')
    await expect(testContext(runtime, { config: file })).rejects.toMatchObject({ code: 'CONFIG_ERROR', message: `${file}:3: admin.authType: unknown authType "Basic"` })
  })
})

describe('createContext without the config (completion)', () => {
  it('does not read a broken config file', async () => {
    runtime = await testRuntime()
    const dir = runtime.env.AUTHCLI_CONFIG_DIR as string
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'config.toml'), '[[[ broken\n')
    await expect(testContext(runtime)).rejects.toMatchObject({ code: 'CONFIG_ERROR' })
    const ctx = await createContext(globalsOf(), runtime, { loadConfig: false })
    expect(ctx.config).toEqual({ profiles: {} })
  })
})

describe('createCliLogger', () => {
  it('masks secrets and writes whole lines', () => {
    const stderr = memoryStream()
    const logger = createCliLogger({ debug: true }, { stderr })
    logger.debug('POST /token code=abc123&state=s')
    expect(stderr.text).toBe('[authcli] debug: POST /token code=***&state=s\n')
  })

  it('shows warnings but not debug lines without --debug', () => {
    const stderr = memoryStream()
    const logger = createCliLogger({ debug: false }, { stderr })
    logger.debug('hidden')
    logger.warn('shown')
    expect(stderr.text).toBe('[authcli] warn: shown\n')
  })
})

describe('createPrinter', () => {
  it('colours a terminal, not a pipe, never with NO_COLOR or --no-color', () => {
    expect(createPrinter(memoryStream(true), { color: true }, {}).colors.enabled).toBe(true)
    expect(createPrinter(memoryStream(false), { color: true }, {}).colors.enabled).toBe(false)
    expect(createPrinter(memoryStream(true), { color: true }, { NO_COLOR: '1' }).colors.enabled).toBe(false)
    expect(createPrinter(memoryStream(true), { color: false }, {}).colors.enabled).toBe(false)
  })

  it('writes lines', () => {
    const stream = memoryStream()
    const printer = createPrinter(stream, { color: true }, {})
    printer.line('a')
    printer.line()
    printer.write('b')
    expect(stream.text).toBe('a\n\nb')
    expect(printer.isTTY).toBe(false)
  })
})

describe('resolveProfile', () => {
  it("adds a command's own flags to --profile/--host, and the build-time client id", async () => {
    runtime = await testRuntime()
    const ctx = await testContext(runtime, { profile: 'ci' })
    expect(ctx.resolveProfile({ tenant: 'acme', scopes: ['openid'] })).toMatchObject({
      name: 'ci',
      tenant: 'acme',
      scopes: ['openid'],
      clientId: 'authcli',
      sources: { clientId: 'default', tenant: 'flag' },
    })
  })
})
