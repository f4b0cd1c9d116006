import { describe, expect, it, vi, afterEach } from 'vitest'
import { chain, fromEnv } from './chain.js'
import { ConfigError, NetworkError, NotFoundError, StorageError } from '../errors/classes.js'
import { clearSecrets } from '../redact/secrets.js'
import { redact } from '../redact/redact.js'

const BRAND = Symbol.for('@auth/core.AuthError')

describe('chain', () => {
  it('resolves with the first link that has a value, without calling the rest', async () => {
    const third = vi.fn(async () => 'c')
    const provider = chain(
      async () => {
        throw new NotFoundError('a')
      },
      async () => 'b',
      third,
    )
    await expect(provider()).resolves.toBe('b')
    expect(third).not.toHaveBeenCalled()
  })

  it('stops at any error that is not NotFound', async () => {
    const next = vi.fn(async () => 'x')
    await expect(
      chain(async () => {
        throw new StorageError('disk')
      }, next)(),
    ).rejects.toThrow(StorageError)
    await expect(
      chain(async () => {
        throw new Error('plain')
      }, next)(),
    ).rejects.toThrow('plain')
    await expect(
      chain(async () => {
        throw 'a string'
      }, next)(),
    ).rejects.toBe('a string')
    expect(next).not.toHaveBeenCalled()
  })

  it('rejects with the last NotFoundError when every link is empty', async () => {
    const last = new NotFoundError('last')
    const provider = chain<string>(
      async () => {
        throw new NotFoundError('first')
      },
      async () => {
        throw last
      },
    )
    await expect(provider()).rejects.toBe(last)
  })

  it('rejects NotFound when there are no links', async () => {
    await expect(chain()()).rejects.toSatisfy((e) => NotFoundError.isInstance(e))
  })

  it('recognises a NotFoundError from another copy of the package by its brand', async () => {
    const foreign = Object.assign(new Error('other copy'), { [BRAND]: ['NotFoundError', 'AuthError'] })
    await expect(
      chain(
        async () => {
          throw foreign
        },
        async () => 'next',
      )(),
    ).resolves.toBe('next')
  })

  it('does not move on for a look-alike without the brand', async () => {
    const lookAlike = Object.assign(new Error('x'), { name: 'NotFoundError', code: 'NOT_FOUND' })
    await expect(
      chain(
        async () => {
          throw lookAlike
        },
        async () => 'next',
      )(),
    ).rejects.toBe(lookAlike)
  })

  it('stops on a synchronous throw as well', async () => {
    const link = (() => {
      throw new NetworkError('sync')
    }) as unknown as () => Promise<string>
    await expect(chain(link, async () => 'x')()).rejects.toThrow(NetworkError)
  })

  it('is reusable: every call runs the links again', async () => {
    let n = 0
    const provider = chain(async () => ++n)
    expect(await provider()).toBe(1)
    expect(await provider()).toBe(2)
  })

  it('rejects links that are not functions', () => {
    expect(() => chain(async () => 1, 'nope' as never)).toThrow(ConfigError)
    expect(() => chain(undefined as never)).toThrow(/providers\[0\]/)
  })
})

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
