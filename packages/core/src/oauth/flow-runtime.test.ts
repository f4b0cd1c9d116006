import { describe, expect, it } from 'vitest'
import { assertSameServer } from './assert-same-server.js'
import { ErrorCode } from '../errors/codes.js'
import { CancelledError } from '../errors/classes.js'
import { flowRuntime, whileNotAborted } from './flow-runtime.js'

const cancelled = (cause: unknown) => new CancelledError('x login cancelled', { cause })

describe('flowRuntime', () => {
  it('takes the context over the factory, and either signal aborts', () => {
    const factory = new AbortController()
    const context = new AbortController()
    const logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} }
    const runtime = flowRuntime({ signal: context.signal, logger, now: () => 7 }, { signal: factory.signal, now: () => 1 })
    expect(runtime.logger).toBe(logger)
    expect(runtime.now()).toBe(7)
    expect(runtime.signal?.aborted).toBe(false)
    factory.abort()
    expect(runtime.signal?.aborted).toBe(true)
  })

  it('ignores a context field of the wrong type', () => {
    const runtime = flowRuntime({ fetch: 'no', logger: {}, signal: 'no' } as never, { now: () => 3 })
    expect(runtime).toMatchObject({ fetch: undefined, logger: undefined, signal: undefined })
    expect(runtime.now()).toBe(3)
  })
})

describe('whileNotAborted', () => {
  it('turns what is thrown after an abort into the flow\u2019s cancellation', async () => {
    const controller = new AbortController()
    const run = whileNotAborted(
      () =>
        new Promise((_, reject) => {
          controller.abort()
          reject(new Error('aborted by the library'))
        }),
      controller.signal,
      cancelled,
    )
    await expect(run).rejects.toMatchObject({ code: ErrorCode.CANCELLED, message: 'x login cancelled' })
    await expect(whileNotAborted(async () => 1, controller.signal, cancelled)).rejects.toBeInstanceOf(CancelledError)
  })

  it('passes other errors through', async () => {
    await expect(whileNotAborted(() => Promise.reject(new Error('boom')), undefined, cancelled)).rejects.toThrow('boom')
  })
})

describe('assertSameServer', () => {
  const config = { serverMetadata: () => ({ issuer: 'https://as.example.com' }), clientMetadata: () => ({ client_id: 'cli' }) }

  it('refuses another issuer or client with the caller\u2019s hint', () => {
    expect(() => assertSameServer({ issuer: 'https://other.example.com', clientId: 'cli' } as never, config, 'log in again')).toThrow(
      expect.objectContaining({ code: ErrorCode.LOGIN_REQUIRED, hint: 'log in again', message: expect.stringContaining('issued by https://other.example.com') }),
    )
    expect(() => assertSameServer({ issuer: 'https://as.example.com/', clientId: 'other' } as never, config, 'h')).toThrow(/issued to client other/)
    expect(() => assertSameServer({ issuer: 'https://as.example.com/' } as never, config, 'h')).not.toThrow()
  })
})
