import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/classes.js'
import { normalizeHost } from './host.js'

describe('normalizeHost', () => {
  it.each([
    ['example.com', 'https://example.com'],
    ['Example.COM', 'https://example.com'],
    ['https://Example.COM:443/', 'https://example.com'],
    ['HTTPS://example.com:8443', 'https://example.com:8443'],
    ['https://example.com/API/v1/', 'https://example.com/API/v1'],
    ['https://example.com//', 'https://example.com'],
    ['https://example.com/api?x=1#frag', 'https://example.com/api'],
    ['example.com:8080/api/', 'https://example.com:8080/api'],
    ['  example.com  ', 'https://example.com'],
    ['http://127.0.0.1:8080/api/', 'http://127.0.0.1:8080/api'],
    ['http://localhost:3000', 'http://localhost:3000'],
    ['http://LOCALHOST:80/', 'http://localhost'],
    ['http://[::1]:9000/', 'http://[::1]:9000'],
    ['http://127.1.2.3', 'http://127.1.2.3'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeHost(input)).toBe(expected)
  })

  it('allows plain http to other hosts only with allowInsecure', () => {
    expect(() => normalizeHost('http://example.com')).toThrow(ConfigError)
    expect(normalizeHost('http://example.com/', { allowInsecure: true })).toBe('http://example.com')
  })

  it('gives the --insecure hint for plain http', () => {
    try {
      normalizeHost('http://example.com')
      expect.unreachable()
    } catch (error) {
      expect(ConfigError.isInstance(error)).toBe(true)
      const e = error as ConfigError
      expect(e.code).toBe('CONFIG_ERROR')
      expect(e.exitCode).toBe(2)
      expect(e.hint).toContain('--insecure')
    }
  })

  it('does not treat look-alike hosts as loopback', () => {
    for (const host of ['http://127.0.0.1.evil.com', 'http://localhost.evil.com', 'http://app.localhost:3000', 'http://128.0.0.1', 'http://0.0.0.0']) {
      expect(() => normalizeHost(host)).toThrow(/plain http/)
    }
  })

  it('refuses user info and never repeats it', () => {
    for (const input of ['https://alice:s3cretpw@example.com', 'https://alice@example.com', 'alice:s3cretpw@example.com']) {
      try {
        normalizeHost(input)
        expect.unreachable()
      } catch (error) {
        const e = error as ConfigError
        expect(e.message).toMatch(/user name or password/)
        expect(`${e.message} ${e.hint}`).not.toMatch(/alice|s3cretpw/)
      }
    }
  })

  it.each([
    ['', /non-empty/],
    ['   ', /non-empty/],
    ['ftp://example.com', /http or https/],
    ['file:///etc/passwd', /http or https/],
    ['javascript:alert(1)', /http or https|not a valid URL/],
    ['https://', /not a valid URL|no host/],
    ['https://exa mple.com', /spaces/],
    ['https://example.com\n', 'ok'],
    ['https://exa\u0000mple.com', /control/],
    ['http://[::1', /not a valid URL/],
    ['https://example.com:99999', /not a valid URL/],
  ])('rejects garbage %j', (input, expected) => {
    if (expected === 'ok') return expect(normalizeHost(input)).toBe('https://example.com')
    expect(() => normalizeHost(input)).toThrow(expected as RegExp)
  })

  it('rejects non-strings with a ConfigError', () => {
    for (const input of [undefined, null, 42, {}, ['https://h']]) {
      expect(() => normalizeHost(input as unknown as string)).toThrow(ConfigError)
    }
  })

  it('answers a host again from memory, but never a refusal, and keeps allowInsecure apart', () => {
    for (let i = 0; i < 3; i++) {
      expect(normalizeHost('Example.COM:443/api/')).toBe('https://example.com/api')
      expect(normalizeHost('http://example.com', { allowInsecure: true })).toBe('http://example.com')
      expect(() => normalizeHost('http://example.com')).toThrow(/plain http/)
      expect(() => normalizeHost('https://user:pw@example.com')).toThrow(ConfigError)
    }
    // Past the bound the memory starts over; answers stay the same.
    for (let i = 0; i < 600; i++) expect(normalizeHost(`h${i}.example.com`)).toBe(`https://h${i}.example.com`)
    expect(normalizeHost('Example.COM:443/api/')).toBe('https://example.com/api')
  })
})
