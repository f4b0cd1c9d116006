import { describe, expect, it } from 'vitest'
import { parseHttpUrl } from './parse-http-url.js'

const where = '@auth/flow-x: createXFlow'
const parse = (value: unknown, extra: Record<string, unknown> = {}) => parseHttpUrl(value, { where, option: 'issuer', ...extra })

describe('parseHttpUrl', () => {
  it('takes https anywhere and http on loopback', () => {
    expect(parse('https://login.example.com/realm').href).toBe('https://login.example.com/realm')
    for (const u of ['http://localhost:8080', 'http://127.0.0.1:1/x', 'http://[::1]:3000']) expect(parse(u).protocol).toBe('http:')
  })
  it('refuses plain http elsewhere, and *.localhost, naming the option and the allowInsecure fix', () => {
    for (const u of ['http://example.com', 'http://evil.localhost:8080', 'http://10.0.0.1']) {
      expect(() => parse(u)).toThrow(`${where}: "issuer" uses plain http:// to a non-loopback host`)
    }
    try {
      parse('http://evil.localhost')
    } catch (e) {
      expect((e as { hint: string }).hint).toContain('allowInsecure')
      expect((e as { code: string }).code).toBe('CONFIG_ERROR')
    }
    expect(parse('http://example.com', { allowInsecure: true }).host).toBe('example.com')
  })
  it('refuses other schemes, user info, empty and garbage, never echoing the value', () => {
    expect(() => parse('ftp://x')).toThrow('"issuer" must be an http or https URL')
    expect(() => parse('https://user:hunter2@x')).toThrow(/must not contain a user name or password$/)
    expect(() => parse('https://user:hunter2@x')).not.toThrow(/hunter2/)
    expect(() => parse('')).toThrow('must be a non-empty URL')
    expect(() => parse(42)).toThrow('must be a non-empty URL')
    expect(() => parse('https://a b')).toThrow('spaces or control characters')
    expect(() => parse('not a url at all')).toThrow()
    expect(() => parse('nope')).toThrow('"issuer" is not a valid URL')
  })
  it('refuses a query or fragment when asked (an issuer), else drops the fragment', () => {
    expect(() => parse('https://x/?a=1', { noQuery: true })).toThrow('must not contain a query or fragment')
    expect(parse('https://x/p?a=1#frag').href).toBe('https://x/p?a=1')
  })
  it('resolves relative URLs against a base, and adds https:// when asked', () => {
    expect(parse('/user', { base: 'https://api.example.com/v1/' }).href).toBe('https://api.example.com/user')
    expect(parse('api.example.com', { defaultScheme: true }).href).toBe('https://api.example.com/')
    expect(parse(new URL('https://x/y')).href).toBe('https://x/y')
  })
  it('names a free-text subject without a where (core config)', () => {
    expect(() => parseHttpUrl('ftp://x', { what: 'AUTHCLI_HOST' })).toThrow(/^AUTHCLI_HOST must be an http or https URL/)
  })
})
