// Fuzzing the logger (what `--debug` prints on stderr): whatever a message holds (server text, a
// config key, a file name), every line written is one terminal-safe line with secrets masked.
import { createLogger, registerSecret } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { assertNoSecret, assertTerminalSafe, fc, fuzzParams, hostileJsonValue, nastyString } from '@auth/testing/fuzz'

const SECRET = 'CANARYlogger-secret-value-0123'

describe('fuzz: the logger', () => {
  it('every line written is terminal-safe, one line, and masks registered secrets', () => {
    registerSecret(SECRET)
    const message = fc.oneof(
      nastyString(200),
      hostileJsonValue.map((v) => JSON.stringify(v) ?? ''),
      nastyString(40).map((s) => `${s}${SECRET}${s}`),
    )
    fc.assert(
      fc.property(message, fc.constantFrom('debug', 'info', 'warn', 'error') as fc.Arbitrary<'debug'>, (text, level) => {
        const lines: string[] = []
        const logger = createLogger({ level: 'debug', prefix: '[cli]', write: (l) => lines.push(l) })
        logger[level](text)
        expect(lines.length).toBeGreaterThan(0)
        for (const line of lines) {
          assertTerminalSafe(line, 'log line')
          assertNoSecret(line, [SECRET], 'log line')
          expect(line.startsWith(`[cli] ${level}: `)).toBe(true)
        }
      }),
      fuzzParams(500),
    )
  })

  it('shows an escape as \\u001B, so the line stays readable', () => {
    const lines: string[] = []
    createLogger({ level: 'debug', write: (l) => lines.push(l) }).debug('key "\u001b[2J\u202e" ignored')
    expect(lines).toEqual(['debug: key "\\u001B[2J\\u202E" ignored'])
  })
})
