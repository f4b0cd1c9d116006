import { describe, expect, it } from 'vitest'
import { parseScopeFlags } from './scope-flags.js'

describe('parseScopeFlags', () => {
  it('splits on spaces and commas, drops empties and duplicates', () => {
    expect(parseScopeFlags(['openid profile', 'api:read,email', 'openid', ''])).toEqual(['openid', 'profile', 'api:read', 'email'])
    expect(parseScopeFlags(undefined)).toEqual([])
    expect(parseScopeFlags('one')).toEqual(['one'])
  })

  it.each([
    ['quote', 'a"b'],
    ['backslash', 'a\\b'],
    ['control character', 'a\u0007b'],
    ['non-ASCII', 'ünï'],
  ])('rejects a %s (exit 2)', (_what, scope) => {
    expect(() => parseScopeFlags([scope])).toThrow(expect.objectContaining({ code: 'USAGE_ERROR', exitCode: 2 }))
  })
})
