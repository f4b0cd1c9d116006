import { afterEach, describe, expect, it } from 'vitest'
import { clearSecrets } from '../redact/secrets.js'
import { ConfigError, NotFoundError } from '../errors/classes.js'
import { fromEnv } from './lookup.js'
import { redact } from '../redact/redact.js'

afterEach(() => clearSecrets())

describe('fromEnv', () => {
  it('builds a PAT credential from the variable, trimmed', async () => {
    const credential = await fromEnv({ variable: 'AUTHCLI_TOKEN', env: { AUTHCLI_TOKEN: '  tok-123456789 \n' }, now: () => 42 })()
    expect(credential).toEqual({
      accessToken: 'tok-123456789',
      tokenType: 'Bearer',
      scopes: [],
      account: {},
      flow: 'pat',
      obtainedAt: 42,
      source: 'env:AUTHCLI_TOKEN',
    })
  })

  it('registers the token so it is masked everywhere', async () => {
    await fromEnv({ variable: 'T', env: { T: 'opaque-token-value' } })()
    expect(redact('sent opaque-token-value')).toBe('sent ***')
  })

  it.each([undefined, '', '   ', '\n'])('is NotFound when the variable is %j', async (value) => {
    const env: NodeJS.ProcessEnv = value === undefined ? {} : { AUTHCLI_TOKEN: value }
    const error = await fromEnv({ variable: 'AUTHCLI_TOKEN', env, host: 'https://h' })().catch((e: unknown) => e)
    expect(NotFoundError.isInstance(error)).toBe(true)
    expect((error as Error).message).toContain('AUTHCLI_TOKEN')
    expect((error as Error).message).toContain('https://h')
  })

  it.each([
    ['two lines', 'line-one-secret\nline-two-secret'],
    ['a space', 'Tokenxx abcdefghijk'],
    ['a tab', 'abc\tdefghijk'],
    ['non-ASCII', 'tökenvalue-secret'],
    ['a control character', 'abc\u0007defghijk'],
  ])('rejects a value with %s, naming the variable and never the value', async (_what, value) => {
    const error = await fromEnv({ variable: 'MY_TOKEN', env: { MY_TOKEN: value } })().catch((e: unknown) => e)
    expect(ConfigError.isInstance(error)).toBe(true)
    const e = error as ConfigError
    expect(e.exitCode).toBe(2)
    expect(e.message).toContain('MY_TOKEN')
    for (const part of value.split(/\s+/)) expect(`${e.message} ${e.hint}`).not.toContain(part.length > 3 ? part : '\u0000')
  })

  it('reads process.env by default, at call time', async () => {
    const name = `AUTH_CORE_TEST_${process.pid}`
    const provider = fromEnv({ variable: name })
    await expect(provider()).rejects.toSatisfy((e) => NotFoundError.isInstance(e))
    process.env[name] = 'late-token-value'
    try {
      await expect(provider()).resolves.toMatchObject({ accessToken: 'late-token-value', source: `env:${name}` })
    } finally {
      delete process.env[name]
    }
  })

  it('rejects bad options', () => {
    expect(() => fromEnv(undefined as never)).toThrow(ConfigError)
    expect(() => fromEnv({ variable: '' })).toThrow(/"variable"/)
    expect(() => fromEnv({ variable: 'X', now: 'soon' as never })).toThrow(/"now"/)
  })
})
