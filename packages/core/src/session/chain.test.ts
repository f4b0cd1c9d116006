import { describe, expect, it, vi } from 'vitest'
import { chain } from './chain.js'
import { ConfigError, NetworkError, NotFoundError, StorageError } from '../errors/classes.js'

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
