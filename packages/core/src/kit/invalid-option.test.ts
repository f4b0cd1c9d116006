import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/classes.js'
import { invalidOption } from './invalid-option.js'

describe('invalidOption', () => {
  it('throws a ConfigError naming the package, the function and the option, with the hint', () => {
    let caught: unknown
    try {
      invalidOption('@auth/flow-x', 'createXFlow', '"clientId" must be a string', 'pass the client id')
    } catch (e) {
      caught = e
    }
    expect(ConfigError.isInstance(caught)).toBe(true)
    expect(caught).toMatchObject({ code: 'CONFIG_ERROR', exitCode: 2, message: '@auth/flow-x: createXFlow: "clientId" must be a string', hint: 'pass the client id' })
  })
  it('leaves out an empty where, and has no hint unless given', () => {
    expect(() => invalidOption('@auth/store-x', '', '"dir" must be a path')).toThrow(/^@auth\/store-x: "dir" must be a path$/)
    try {
      invalidOption('@auth/store-x', 'f', 'bad')
    } catch (e) {
      expect((e as ConfigError).hint).toBeUndefined()
    }
  })
})
