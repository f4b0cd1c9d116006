import { describe, expect, it } from 'vitest'
import { makeCredential } from '@auth/testing'
import { redactObject } from './redact-object.js'

describe('redactObject', () => {
  it('masks secret-ish fields and keeps the rest', () => {
    const credential = makeCredential({ refreshToken: 'rt', idToken: 'it' })
    expect(redactObject(credential)).toEqual({ ...credential, accessToken: '***', refreshToken: '***', idToken: '***' })
  })

  it('masks snake_case, header and password fields deeply, and redacts strings elsewhere', () => {
    const input = {
      access_token: 'a',
      token_type: 'Bearer',
      expires_in: 60,
      headers: { Authorization: 'Bearer x', 'content-type': 'json' },
      list: [{ password: 'p' }, 'https://h/cb?code=abc'],
      nested: { client_secret: 's', user_code: 'ABCD', code: 'c' },
    }
    expect(redactObject(input)).toEqual({
      access_token: '***',
      token_type: 'Bearer',
      expires_in: 60,
      headers: { Authorization: '***', 'content-type': 'json' },
      list: [{ password: '***' }, 'https://h/cb?code=***'],
      nested: { client_secret: '***', user_code: 'ABCD', code: '***' },
    })
  })

  it('does not modify its input', () => {
    const input = { token: 'abc', inner: { secret: 'x' } }
    redactObject(input)
    expect(input).toEqual({ token: 'abc', inner: { secret: 'x' } })
  })

  it('keeps null and undefined secret fields as they are', () => {
    expect(redactObject({ refreshToken: undefined, idToken: null })).toEqual({ refreshToken: undefined, idToken: null })
  })

  it('copies errors, maps, dates and URLs', () => {
    const error = new Error('failed code=1', { cause: { token: 'x' } })
    const out = redactObject({ error, map: new Map([['token', 'x']]), at: new Date(5), url: new URL('https://h/?code=1') })
    expect(out.error).toEqual({ name: 'Error', message: 'failed code=***', cause: { token: '***' } })
    expect(out.map).toEqual({ token: '***' })
    expect(out.at).toEqual(new Date(5))
    expect(out.url).toBe('https://h/?code=***')
  })

  it('survives cycles, depth, __proto__ keys and primitives', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic['self'] = cyclic
    expect(redactObject(cyclic)).toEqual({ a: 1, self: '[Circular]' })
    let deep: Record<string, unknown> = {}
    const root = deep
    for (let i = 0; i < 50; i++) deep = (deep['n'] = {}) as Record<string, unknown>
    expect(JSON.stringify(redactObject(root))).toContain('[Truncated]')
    const evil = JSON.parse('{"__proto__": {"token": "x"}}') as object
    const copy = redactObject(evil) as Record<string, unknown>
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ token: '***' })
    expect(redactObject(5)).toBe(5)
    expect(redactObject(null)).toBe(null)
    expect(redactObject('Bearer x Authorization: Bearer y')).toBe('Bearer x Authorization: Bearer ***')
  })

  it('copies a shared (non-cyclic) object twice instead of calling it circular', () => {
    const shared = { x: 1 }
    expect(redactObject({ a: shared, b: shared })).toEqual({ a: { x: 1 }, b: { x: 1 } })
  })
})
