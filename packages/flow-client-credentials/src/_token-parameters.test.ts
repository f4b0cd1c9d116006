import { ConfigError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { checkTokenParameters, tokenRequestParameters } from './_token-parameters.js'

describe('token parameters', () => {
  it('builds scope, audience and repeated resource', () => {
    const params = checkTokenParameters(['api:read', 'api:write', 'api:read'], 'https://api.example.com', ['https://a.example/', 'urn:example:b'])
    expect(params.scopes).toEqual(['api:read', 'api:write'])
    expect(tokenRequestParameters(params, params.scopes).toString()).toBe(
      'scope=api%3Aread+api%3Awrite&audience=https%3A%2F%2Fapi.example.com&resource=https%3A%2F%2Fa.example%2F&resource=urn%3Aexample%3Ab',
    )
  })

  it('sends nothing extra by default, and no empty scope', () => {
    const params = checkTokenParameters(undefined, undefined, undefined)
    expect(tokenRequestParameters(params, undefined).toString()).toBe('')
    expect(tokenRequestParameters(params, []).toString()).toBe('')
    expect(tokenRequestParameters(checkTokenParameters(undefined, undefined, 'https://r.example'), ['x']).getAll('resource')).toEqual(['https://r.example'])
  })

  it.each<[unknown, unknown, unknown, RegExp]>([
    ['api:read', undefined, undefined, /"scopes" must be an array/],
    [['a b'], undefined, undefined, /"scopes" must be an array of scope names/],
    [['a"b'], undefined, undefined, /scope names/],
    [[''], undefined, undefined, /scope names/],
    [[1], undefined, undefined, /scope names/],
    [undefined, '', undefined, /"audience" must be a non-empty string/],
    [undefined, 42, undefined, /"audience"/],
    [undefined, undefined, 'relative/path', /"resource" must be absolute URIs/],
    [undefined, undefined, 'https://a.example/#frag', /without a fragment/],
    [undefined, undefined, [42], /"resource"/],
  ])('refuses scopes %j, audience %j, resource %j', (scopes, audience, resource, message) => {
    expect(() => checkTokenParameters(scopes, audience, resource)).toThrow(message)
    try {
      checkTokenParameters(scopes, audience, resource)
    } catch (error) {
      expect(ConfigError.isInstance(error)).toBe(true)
    }
  })
})
