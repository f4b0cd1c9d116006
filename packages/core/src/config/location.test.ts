import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/classes.js'
import { resolveConfigLocation } from './location.js'

const home = '/home/alice'
const name = 'mycli'

describe('resolveConfigLocation', () => {
  it("defaults to ~/.<name>/config.toml, the product's name", () => {
    expect(resolveConfigLocation({ name, env: {}, homeDir: home })).toEqual({ dir: '/home/alice/.mycli', file: '/home/alice/.mycli/config.toml' })
  })

  it('uses the real home directory and process.env by default', () => {
    const saved = { ...process.env }
    delete process.env['MYCLI_CONFIG_DIR']
    delete process.env['MYCLI_CONFIG']
    try {
      expect(resolveConfigLocation({ name }).dir).toBe(join(homedir(), '.mycli'))
    } finally {
      Object.assign(process.env, saved)
    }
  })

  it('takes the dir from <PREFIX>_CONFIG_DIR, the prefix derived from the name', () => {
    expect(resolveConfigLocation({ name, env: { MYCLI_CONFIG_DIR: '/etc/mycli' }, homeDir: home })).toEqual({ dir: '/etc/mycli', file: '/etc/mycli/config.toml' })
    expect(resolveConfigLocation({ name: 'my-cli', env: { MY_CLI_CONFIG_DIR: '/etc/my-cli' }, homeDir: home }).dir).toBe('/etc/my-cli')
    expect(resolveConfigLocation({ name: 'my-cli', env: {}, homeDir: home }).dir).toBe('/home/alice/.my-cli')
  })

  it('takes the file from the flag, then <PREFIX>_CONFIG', () => {
    const env = { MYCLI_CONFIG: '/env/config.toml', MYCLI_CONFIG_DIR: '/d' }
    expect(resolveConfigLocation({ name, env, homeDir: home, configFlag: '/flag.toml' })).toEqual({ dir: '/d', file: '/flag.toml' })
    expect(resolveConfigLocation({ name, env, homeDir: home })).toEqual({ dir: '/d', file: '/env/config.toml' })
  })

  it('honours envPrefix and appDirName over the name, and needs no name with both', () => {
    const env = { MYAPP_CONFIG_DIR: '/m', MYCLI_CONFIG_DIR: '/ignored' }
    expect(resolveConfigLocation({ name, env, envPrefix: 'MYAPP', homeDir: home }).dir).toBe('/m')
    expect(resolveConfigLocation({ name, env: {}, appDirName: '.myapp', homeDir: home }).dir).toBe('/home/alice/.myapp')
    expect(resolveConfigLocation({ env: {}, envPrefix: 'MYAPP', appDirName: '.myapp', homeDir: home }).dir).toBe('/home/alice/.myapp')
  })

  it('expands ~ and resolves relative paths; ignores empty values', () => {
    expect(resolveConfigLocation({ name, env: { MYCLI_CONFIG_DIR: '~/cfg' }, homeDir: home }).dir).toBe('/home/alice/cfg')
    expect(resolveConfigLocation({ name, env: {}, homeDir: home, configFlag: 'rel.toml' }).file).toBe(resolve('rel.toml'))
    expect(resolveConfigLocation({ name, env: { MYCLI_CONFIG_DIR: '  ', MYCLI_CONFIG: '' }, homeDir: home, configFlag: '' })).toEqual({
      dir: '/home/alice/.mycli',
      file: '/home/alice/.mycli/config.toml',
    })
  })

  it('never falls back to the current folder: an empty or relative HOME, or a relative <PREFIX>_CONFIG_DIR, is a CONFIG_ERROR naming both', () => {
    for (const homeDir of ['', 'rel', './x']) {
      const error = catchError(() => resolveConfigLocation({ name, env: {}, homeDir }))
      expect(error).toBeInstanceOf(ConfigError)
      expect(error).toMatchObject({ code: 'CONFIG_ERROR', exitCode: 2 })
      expect(error.message).toMatch(/home directory is (empty|a relative path)/)
      expect(error.hint).toBe('set HOME to your home folder, or MYCLI_CONFIG_DIR to an absolute folder')
    }
    expect(catchError(() => resolveConfigLocation({ name, env: { MYCLI_CONFIG_DIR: 'cfg' }, homeDir: home })).message).toBe(
      'MYCLI_CONFIG_DIR is a relative path ("cfg"): the credentials would land in whatever folder the command runs in',
    )
    expect(() => resolveConfigLocation({ name, env: { MYCLI_CONFIG_DIR: '~/cfg' }, homeDir: 'rel' })).toThrow(/HOME="rel"/)
    // An absolute config dir needs no home at all.
    expect(resolveConfigLocation({ name, env: { MYCLI_CONFIG_DIR: '/srv/mycli' }, homeDir: '' }).dir).toBe('/srv/mycli')
  })

  it('has no default product: without a name it needs envPrefix and appDirName', () => {
    expect(() => resolveConfigLocation({ env: {}, homeDir: home })).toThrow('@auth/core: resolveConfigLocation: needs the product\'s "name" (or an "envPrefix")')
    expect(() => resolveConfigLocation({ env: {}, envPrefix: 'MYAPP', homeDir: home })).toThrow('@auth/core: resolveConfigLocation: needs the product\'s "name" (or an "appDirName")')
    expect(() => resolveConfigLocation()).toThrow(ConfigError)
  })

  it('rejects bad options', () => {
    expect(() => resolveConfigLocation({ name, envPrefix: 'BAD-X' })).toThrow(ConfigError)
    expect(() => resolveConfigLocation({ name, envPrefix: '9A' })).toThrow(/"envPrefix" must be letters/)
    expect(() => resolveConfigLocation({ name: '9cli' })).toThrow(/"name" must give an env prefix/)
    expect(() => resolveConfigLocation({ name: 'my cli' })).toThrow(/"name" must be a command name/)
    expect(() => resolveConfigLocation({ name: 'a/b', envPrefix: 'AB' })).toThrow(/"name" must give a folder name/)
    expect(() => resolveConfigLocation({ name, appDirName: '../x' })).toThrow(/appDirName/)
    expect(() => resolveConfigLocation({ name, appDirName: '' })).toThrow(/appDirName/)
  })
})

function catchError(run: () => unknown): ConfigError {
  try {
    run()
  } catch (error) {
    return error as ConfigError
  }
  throw new Error('expected an error')
}
