import { describe, expect, it } from 'vitest'
import { closedPort, errorText, expectNoLeak, rawLogger, rejection, startTinyServer } from './index.js'

describe('@auth/dev-server/testing', () => {
  it('expectNoLeak throws on a leak without repeating the secret, and ignores tiny inputs', () => {
    const leak = (() => {
      try {
        expectNoLeak('token=abcdef123456 here', 'abcdef123456')
      } catch (e) {
        return e as Error
      }
    })()
    expect(leak?.message).toContain('[LEAKED]')
    expect(leak?.message).not.toContain('abcdef123456')
    expect(expectNoLeak('abc', ' ab ')).toBeUndefined()
    expect(expectNoLeak('clean text', 'abcdef123456')).toBeUndefined()
  })

  it('errorText shows message, hint, JSON and causes', () => {
    const inner = new Error('inner cause')
    const outer = Object.assign(new Error('outer', { cause: inner }), { hint: 'do this', toJSON: () => ({ code: 'X' }) })
    const text = errorText(outer)
    for (const part of ['outer', 'do this', '"code":"X"', 'inner cause']) expect(text).toContain(part)
  })

  it('rejection returns what was thrown and fails when nothing was', async () => {
    expect(
      (
        await rejection(async () => {
          throw new Error('boom')
        })
      ).message,
    ).toBe('boom')
    await expect(rejection(async () => 1)).rejects.toThrow('expected a rejection')
  })

  it('rawLogger keeps lines unmasked', () => {
    const logger = rawLogger()
    logger.warn('Authorization: Bearer abc')
    expect(logger.lines).toEqual(['warn: Authorization: Bearer abc'])
  })

  it('startTinyServer answers and records requests; closedPort refuses connections', async () => {
    const server = await startTinyServer((_req, res) => res.end('hi'))
    try {
      expect(await (await fetch(`${server.url}/x`, { headers: { authorization: 'Bearer t' } })).text()).toBe('hi')
      expect(server.requests[0]).toMatchObject({ method: 'GET', path: '/x', authorization: 'Bearer t' })
    } finally {
      await server.close()
    }
    const port = await closedPort()
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow()
  })
})
