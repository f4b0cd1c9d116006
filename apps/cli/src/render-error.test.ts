import { AuthError, CancelledError, ConfigError, NetworkError, StorageError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { createColors } from './color.js'
import { formatError, fromCommanderError, isCommanderError, logErrorDetails, normalizeError } from './render-error.js'

const plain = createColors(false)

describe('formatError', () => {
  it('prints error[CODE]: message and a hint line', () => {
    const error = new ConfigError('bad value', { hint: 'use a URL' })
    expect(formatError(error, { json: false, colors: plain })).toBe('error[CONFIG_ERROR]: bad value\nhint: use a URL\n')
  })

  it('has no hint line without a hint', () => {
    expect(formatError(new StorageError('disk full'), { json: false, colors: plain })).toBe('error[STORAGE_ERROR]: disk full\n')
  })

  it('prints one JSON line with --json', () => {
    const text = formatError(new ConfigError('bad', { hint: 'fix it' }), { json: true, colors: plain })
    expect(text.endsWith('\n')).toBe(true)
    expect(text.trim().split('\n')).toHaveLength(1)
    expect(JSON.parse(text)).toEqual({ error: { code: 'CONFIG_ERROR', message: 'bad', hint: 'fix it' } })
    expect(JSON.parse(formatError(new NetworkError('down'), { json: true, colors: plain }))).toEqual({
      error: { code: 'NETWORK_ERROR', message: 'down' },
    })
  })

  it('colours the label when colours are on', () => {
    const text = formatError(new ConfigError('bad', { hint: 'h' }), { json: false, colors: createColors(true) })
    expect(text).toBe('\x1b[1m\x1b[31merror[CONFIG_ERROR]:\x1b[39m\x1b[22m bad\n\x1b[33mhint:\x1b[39m h\n')
  })
})

describe('normalizeError', () => {
  it('keeps toolkit errors and their exit codes', () => {
    const error = new NetworkError('down')
    expect(normalizeError(error)).toBe(error)
    expect(normalizeError(error).exitCode).toBe(5)
  })

  it('maps an AbortError to CANCELLED, exit 130', () => {
    const abort = Object.assign(new Error('aborted'), { name: 'AbortError' })
    expect(normalizeError(abort)).toMatchObject({ code: 'CANCELLED', exitCode: 130 })
    expect(normalizeError(new CancelledError())).toMatchObject({ code: 'CANCELLED', exitCode: 130 })
  })

  it('calls anything else a bug: INTERNAL_ERROR, exit 1, secrets masked', () => {
    const error = normalizeError(new TypeError('x is not a function; access_token=abc123456789'))
    expect(error).toBeInstanceOf(AuthError)
    expect(error.code).toBe('INTERNAL_ERROR')
    expect(error.exitCode).toBe(1)
    expect(error.message).toContain('a bug in authcli')
    expect(error.message).toContain('TypeError: x is not a function')
    expect(error.message).not.toContain('abc123456789')
    expect(error.hint).toContain('--debug')
    expect(normalizeError('a string').message).toContain('a string')
    expect(normalizeError(new Error('x'), true).hint).toContain('stack trace above')
  })
})

describe('commander errors', () => {
  const commanderError = (code: string, message: string, exitCode = 1) => Object.assign(new Error(message), { code, exitCode })

  it('recognises them by their code', () => {
    expect(isCommanderError(commanderError('commander.unknownOption', 'x'))).toBe(true)
    expect(isCommanderError(new ConfigError('x'))).toBe(false)
    expect(isCommanderError(null)).toBe(false)
  })

  it('turns them into USAGE_ERROR, exit 2, with a help hint', () => {
    const error = fromCommanderError(commanderError('commander.missingArgument', "error: missing required argument 'key'"), 'authcli config get')
    expect(error).toMatchObject({ code: 'USAGE_ERROR', exitCode: 2, message: "missing required argument 'key'" })
    expect(error.hint).toBe("run 'authcli config get --help' for usage")
  })

  it('turns the did-you-mean line into the hint', () => {
    const error = fromCommanderError(commanderError('commander.unknownOption', "error: unknown option '--jsn'\n(Did you mean --json?)"), 'authcli')
    expect(error.message).toBe("unknown option '--jsn'")
    expect(error.hint).toBe("did you mean '--json'?")
  })
})

describe('logErrorDetails', () => {
  const capture = () => {
    const lines: string[] = []
    return { lines, logger: { debug: (m: string) => lines.push(m), info() {}, warn() {}, error() {} } }
  }

  it('logs one line per error of the chain for an ordinary refusal: no stack trace', () => {
    const { lines, logger } = capture()
    logErrorDetails(new ConfigError('outer', { cause: new Error('inner') }), logger)
    expect(lines).toEqual(['ConfigError: outer (CONFIG_ERROR)', 'caused by: Error: inner'])
  })

  it('logs the stack traces of a bug (not an AuthError, or INTERNAL_ERROR)', () => {
    const { lines, logger } = capture()
    const bug = new TypeError('x is undefined')
    logErrorDetails(normalizeError(bug), logger)
    expect(lines[0]).toMatch(/^AuthError: unexpected error .*\n\s+at /)
    expect(lines[1]).toMatch(/^caused by: TypeError: x is undefined\n\s+at /)
  })

  it('shows a cause that is not an Error as JSON, never [object Object]', () => {
    const { lines, logger } = capture()
    logErrorDetails(new ConfigError('discovery failed', { cause: { error: 'mismatch', expected: 'http://a', actual: 'http://b' } }), logger)
    expect(lines[1]).toBe('caused by: {"error":"mismatch","expected":"http://a","actual":"http://b"}')
    expect(lines.join('\n')).not.toContain('[object Object]')
  })
})
