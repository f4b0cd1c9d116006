import { describe, expect, it } from 'vitest'
import { isScopeToken, parseScope } from './parse-scope.js'

describe('parseScope', () => {
  it('splits on spaces, drops duplicates and empty tokens, keeps order', () => {
    expect(parseScope('openid profile  email openid')).toEqual(['openid', 'profile', 'email'])
    expect(parseScope('')).toEqual([])
    expect(parseScope('repo:read https://api.example.com/x!')).toEqual(['repo:read', 'https://api.example.com/x!'])
  })
  it('refuses characters RFC 6749 §3.3 does not allow, and non-strings', () => {
    for (const bad of ['a "b"', 'a\\b', 'a\tb', 'é', 'a\u202eb', 'x'.repeat(257)]) expect(() => parseScope(bad), bad).toThrow(/"scope" holds a character/)
    expect(() => parseScope(['a'], { field: 'scopes', operation: 'refresh' })).toThrow('refresh failed: unexpected response: "scopes" is not a string')
  })
  it('throws BAD_RESPONSE (exit 5)', () => {
    expect(() => parseScope('"')).toThrowError(expect.objectContaining({ code: 'BAD_RESPONSE', exitCode: 5 }))
  })
})

describe('isScopeToken', () => {
  it('checks one scope token', () => {
    expect(['openid', 'read:org', "!#$%&'()*+,-./:;<=>?@[]^_`{|}~"].every(isScopeToken)).toBe(true)
    expect(['', 'a b', '"', '\\', 'é', 1, null].some(isScopeToken)).toBe(false)
  })
})
