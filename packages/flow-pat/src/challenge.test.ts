import { describe, expect, it } from 'vitest'
import { challengeParam } from './challenge.js'

describe('challengeParam', () => {
  const header = 'Bearer realm="dev-server", error="invalid_token", error_description="the \\"token\\" expired", scope=api:read'
  it.each([
    ['realm', 'dev-server'],
    ['error', 'invalid_token'],
    ['error_description', 'the "token" expired'],
    ['scope', 'api:read'],
    ['missing', undefined],
  ])('reads %s', (name, expected) => {
    expect(challengeParam(header, name)).toBe(expected)
  })

  it.each([null, '', 'Bearer', 'Bearer error=', 'Bearer error="unterminated', 'x'.repeat(5000)])('is lenient with %j', (value) => {
    expect(challengeParam(value, 'error')).toBeUndefined()
  })
})
