import { describe, expect, it } from 'vitest'
import { chooseScopes } from './scopes.js'

describe('chooseScopes', () => {
  it('prefers the challenge, then scopes_supported, then none', () => {
    expect(chooseScopes({ challenge: 'a b', scopesSupported: ['c'] })).toEqual(['a', 'b'])
    expect(chooseScopes({ scopesSupported: ['c', 'd'] })).toEqual(['c', 'd'])
    expect(chooseScopes({})).toEqual([])
  })
  it('adds offline_access only when the authorization server lists it', () => {
    expect(chooseScopes({ scopesSupported: ['mcp'], serverScopes: ['mcp', 'offline_access'] })).toEqual(['mcp', 'offline_access'])
    expect(chooseScopes({ scopesSupported: ['mcp'], serverScopes: ['mcp'] })).toEqual(['mcp'])
    expect(chooseScopes({ serverScopes: ['offline_access'] })).toEqual([])
  })
  it('drops what is not a scope name', () => {
    expect(chooseScopes({ challenge: 'a "b" c\\d e' })).toEqual(['a', 'e'])
  })
})
