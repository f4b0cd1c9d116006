import { Command } from 'commander'
import { describe, expect, it } from 'vitest'
import { closest, commandPath, findCommand } from './command.js'

describe('closest', () => {
  it('suggests a name within two edits, or one the input starts', () => {
    expect(closest('confg', ['config', 'profiles'])).toBe('config')
    expect(closest('prof', ['config', 'profiles'])).toBe('profiles')
    expect(closest('lsit', ['list', 'use'])).toBe('list')
    expect(closest('whatever', ['config', 'profiles'])).toBeUndefined()
  })
})

describe('commandPath', () => {
  it('joins the names from the root', () => {
    const root = new Command('authcli')
    const get = root.command('config').command('get')
    expect(commandPath(get)).toBe('authcli config get')
    expect(commandPath(root)).toBe('authcli')
  })
})

describe('findCommand', () => {
  const root = new Command('authcli').option('--profile <name>').option('--json')
  const config = root.command('config')
  const get = config.command('get').argument('<key>')

  it('walks the command names, skipping options and their values', () => {
    expect(findCommand(root, ['config', 'get', 'k'])).toBe(get)
    expect(findCommand(root, ['--profile', 'config', 'config', '--json', 'get'])).toBe(get)
    expect(findCommand(root, ['--profile=x', 'config'])).toBe(config)
    expect(findCommand(root, ['confg', 'get'])).toBe(root)
    expect(findCommand(root, ['--', 'config'])).toBe(root)
  })
})
