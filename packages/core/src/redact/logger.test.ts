import { describe, expect, it } from 'vitest'
import { createLogger } from './logger.js'
import { ConfigError } from '../errors/classes.js'
import { silentLogger } from './logger.js'

function capture(options: Parameters<typeof createLogger>[0] extends infer O ? Omit<O & object, 'write'> : never) {
  const lines: string[] = []
  const logger = createLogger({ ...options, write: (line) => lines.push(line) })
  return { logger, lines }
}

describe('createLogger', () => {
  it('writes info and above by default, with the level', () => {
    const { logger, lines } = capture({})
    logger.debug('d')
    logger.info('i')
    logger.warn('w')
    logger.error('e')
    expect(lines).toEqual(['info: i', 'warn: w', 'error: e'])
  })

  it('honours the level and the prefix', () => {
    const { logger, lines } = capture({ level: 'debug', prefix: '[authcli]' })
    logger.debug('x')
    expect(lines).toEqual(['[authcli] debug: x'])
    const quiet = capture({ level: 'silent' })
    quiet.logger.error('nothing')
    expect(quiet.lines).toEqual([])
    const errorsOnly = capture({ level: 'error' })
    errorsOnly.logger.warn('w')
    errorsOnly.logger.error('e')
    expect(errorsOnly.lines).toEqual(['error: e'])
  })

  it('redacts every message', () => {
    const { logger, lines } = capture({ level: 'debug' })
    logger.debug('POST /token code=abc123 Authorization: Bearer xyz')
    logger.error('{"refresh_token":"r"}')
    expect(lines).toEqual(['debug: POST /token code=*** Authorization: Bearer ***', 'error: {"refresh_token":"***"}'])
  })

  it('writes a multi-line message line by line, redacting across lines first', () => {
    const { logger, lines } = capture({ prefix: 'p' })
    logger.info('{\n  "access_token": "abc"\n}\r\nerror: forged')
    expect(lines).toEqual(['p info: {', 'p info:   "access_token": "***"', 'p info: }', 'p info: error: forged'])
  })

  it('stringifies non-string messages', () => {
    const { logger, lines } = capture({})
    logger.info(42 as unknown as string)
    expect(lines).toEqual(['info: 42'])
  })

  it('rejects bad options', () => {
    expect(() => createLogger(undefined as never)).toThrow(ConfigError)
    expect(() => createLogger({} as never)).toThrow(/"write" must be a function/)
    expect(() => createLogger({ write: () => {}, level: 'loud' as never })).toThrow(/"level" must be one of/)
    expect(() => createLogger({ write: () => {}, level: 'toString' as never })).toThrow(ConfigError)
    expect(() => createLogger({ write: () => {}, prefix: 5 as never })).toThrow(/"prefix"/)
  })
})

describe('silentLogger', () => {
  it('does nothing and cannot be changed', () => {
    expect(silentLogger.error('x')).toBeUndefined()
    expect(Object.isFrozen(silentLogger)).toBe(true)
  })
})
