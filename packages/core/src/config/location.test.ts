import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/classes.js'
import { resolveConfigLocation } from './location.js'

const home = '/home/alice'

describe('resolveConfigLocation', () => {
  it('defaults to ~/.authcli/config.toml', () => {
    expect(resolveConfigLocation({ env: {}, homeDir: home })).toEqual({ dir: '/home/alice/.authcli', file: '/home/alice/.authcli/config.toml' })
  })

  it('uses the real home directory and process.env by default', () => {
    const saved = { ...process.env }
    delete process.env['AUTHCLI_CONFIG_DIR']
    delete process.env['AUTHCLI_CONFIG']
    try {
      expect(resolveConfigLocation().dir).toBe(join(homedir(), '.authcli'))
    } finally {
      Object.assign(process.env, saved)
    }
  })

  it('takes the dir from <PREFIX>_CONFIG_DIR', () => {
    expect(resolveConfigLocation({ env: { AUTHCLI_CONFIG_DIR: '/etc/authcli' }, homeDir: home })).toEqual({ dir: '/etc/authcli', file: '/etc/authcli/config.toml' })
  })

  it('takes the file from the flag, then <PREFIX>_CONFIG', () => {
    const env = { AUTHCLI_CONFIG: '/env/config.toml', AUTHCLI_CONFIG_DIR: '/d' }
    expect(resolveConfigLocation({ env, homeDir: home, configFlag: '/flag.toml' })).toEqual({ dir: '/d', file: '/flag.toml' })
    expect(resolveConfigLocation({ env, homeDir: home })).toEqual({ dir: '/d', file: '/env/config.toml' })
  })

  it('honours envPrefix and appDirName', () => {
    const env = { MYAPP_CONFIG_DIR: '/m', AUTHCLI_CONFIG_DIR: '/ignored' }
    expect(resolveConfigLocation({ env, envPrefix: 'MYAPP', homeDir: home }).dir).toBe('/m')
    expect(resolveConfigLocation({ env: {}, appDirName: '.myapp', homeDir: home }).dir).toBe('/home/alice/.myapp')
  })

  it('expands ~ and resolves relative paths; ignores empty values', () => {
    expect(resolveConfigLocation({ env: { AUTHCLI_CONFIG_DIR: '~/cfg' }, homeDir: home }).dir).toBe('/home/alice/cfg')
    expect(resolveConfigLocation({ env: {}, homeDir: home, configFlag: 'rel.toml' }).file).toBe(resolve('rel.toml'))
    expect(resolveConfigLocation({ env: { AUTHCLI_CONFIG_DIR: '  ', AUTHCLI_CONFIG: '' }, homeDir: home, configFlag: '' })).toEqual({
      dir: '/home/alice/.authcli',
      file: '/home/alice/.authcli/config.toml',
    })
  })

  it('rejects bad options', () => {
    expect(() => resolveConfigLocation({ envPrefix: 'BAD-X' })).toThrow(ConfigError)
    expect(() => resolveConfigLocation({ envPrefix: '9A' })).toThrow(/envPrefix/)
    expect(() => resolveConfigLocation({ appDirName: '../x' })).toThrow(/appDirName/)
    expect(() => resolveConfigLocation({ appDirName: '' })).toThrow(/appDirName/)
  })
})
