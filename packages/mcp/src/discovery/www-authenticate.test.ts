import { describe, expect, it } from 'vitest'
import { parseWwwAuthenticate } from './www-authenticate.js'

describe('parseWwwAuthenticate', () => {
  it('reads several challenges with quoted values holding commas, spaces and escapes', () => {
    const header =
      'Basic realm="a, b", Bearer error="insufficient_scope", scope="mcp:basic mcp:write", resource_metadata="https://x.example/.well-known/oauth-protected-resource/mcp", error_description="say \\"hi\\""'
    expect(parseWwwAuthenticate(header)).toEqual([
      { scheme: 'basic', params: { realm: 'a, b' } },
      {
        scheme: 'bearer',
        params: { error: 'insufficient_scope', scope: 'mcp:basic mcp:write', resource_metadata: 'https://x.example/.well-known/oauth-protected-resource/mcp', error_description: 'say "hi"' },
      },
    ])
  })
  it('lower-cases scheme and parameter names, keeps the first of a repeated parameter, reads token values', () => {
    expect(parseWwwAuthenticate('BEARER Scope=read, SCOPE="write", Error=invalid_token')).toEqual([{ scheme: 'bearer', params: { scope: 'read', error: 'invalid_token' } }])
  })
  it('reads a bare scheme and a token68', () => {
    expect(parseWwwAuthenticate('Negotiate abc123==, Bearer')).toEqual([
      { scheme: 'negotiate', params: { token68: 'abc123==' } },
      { scheme: 'bearer', params: {} },
    ])
  })
  it('stops at a malformed tail instead of throwing', () => {
    expect(parseWwwAuthenticate('Bearer scope="unterminated')).toEqual([{ scheme: 'bearer', params: {} }])
    expect(parseWwwAuthenticate(null)).toEqual([])
    expect(parseWwwAuthenticate('')).toEqual([])
    expect(parseWwwAuthenticate('Bearer a="1" junk "x"')[0]?.params.a).toBe('1')
  })
  it('reads at most 8 KiB of a hostile header, fast', () => {
    const start = Date.now()
    const challenges = parseWwwAuthenticate(`Bearer ${'a="b",'.repeat(200_000)}`)
    expect(Date.now() - start).toBeLessThan(1000)
    expect(challenges[0]).toEqual({ scheme: 'bearer', params: { a: 'b' } })
    expect(challenges.length).toBeLessThanOrEqual(2)
  })
})
