import { ErrorCode, NetworkError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { parseProfile } from './parse-profile.js'

const WHERE = 'https://api.example.com/user'
const none = new Headers()

function fails(body: unknown, headers = none): NetworkError {
  try {
    parseProfile(body, headers, WHERE)
  } catch (error) {
    expect(NetworkError.isInstance(error)).toBe(true)
    expect((error as NetworkError).code).toBe(ErrorCode.BAD_RESPONSE)
    expect((error as NetworkError).exitCode).toBe(5)
    return error as NetworkError
  }
  throw new Error('expected parseProfile to throw')
}

describe('parseProfile', () => {
  it('reads the dev server profile', () => {
    const body = { login: 'alice', name: 'Alice', email: 'alice@example.test', scopes: ['api:read'], tokenType: 'pat', clientId: null }
    expect(parseProfile(body, new Headers({ 'x-oauth-scopes': 'api:read' }), WHERE)).toEqual({
      login: 'alice',
      name: 'Alice',
      email: 'alice@example.test',
      scopes: ['api:read'],
    })
  })

  it('reads GitHub /user: numeric id, null name and email, scopes header', () => {
    const body = { login: 'octocat', id: 583231, name: null, email: null, type: 'User' }
    const headers = new Headers({ 'x-oauth-scopes': 'repo, read:org, repo', 'github-authentication-token-expiration': '2030-01-02 03:04:05 UTC' })
    expect(parseProfile(body, headers, WHERE)).toEqual({
      login: 'octocat',
      id: '583231',
      scopes: ['repo', 'read:org'],
      expiresAt: Date.UTC(2030, 0, 2, 3, 4, 5),
    })
  })

  it('reads OIDC userinfo: preferred_username and sub', () => {
    expect(parseProfile({ sub: 'u-1', preferred_username: 'bob', email: 'b@x.test' }, none, WHERE)).toEqual({ login: 'bob', id: 'u-1', email: 'b@x.test' })
  })

  it('maps like every flow (core accountFromProfile): preferred_username over login, sub over id', () => {
    expect(parseProfile({ login: 'a', preferred_username: 'b', id: 'i', sub: 's' }, none, WHERE)).toEqual({ login: 'b', id: 's' })
  })

  it('reads a body scope string and expires_at (ISO or epoch seconds)', () => {
    expect(parseProfile({ login: 'a', scope: 'read write', expires_at: '2030-01-01T00:00:00Z' }, none, WHERE)).toEqual({
      login: 'a',
      scopes: ['read', 'write'],
      expiresAt: Date.UTC(2030, 0, 1),
    })
    expect(parseProfile({ login: 'a', expires_at: 1_900_000_000 }, none, WHERE).expiresAt).toBe(1_900_000_000_000)
  })

  it('gives an empty scope list for an empty X-OAuth-Scopes header', () => {
    expect(parseProfile({ login: 'a' }, new Headers({ 'x-oauth-scopes': '' }), WHERE).scopes).toEqual([])
  })

  it('has no scopes and no expiry when the server says nothing', () => {
    const profile = parseProfile({ login: 'a' }, none, WHERE)
    expect(profile).toEqual({ login: 'a' })
  })

  it.each([
    [null, 'not a JSON object'],
    ['alice', 'not a JSON object'],
    [42, 'not a JSON object'],
    [[{ login: 'a' }], 'not a JSON object'],
    [{}, 'names no account'],
    [{ name: 'Alice', email: 'a@x' }, 'names no account'],
    [{ login: '' }, 'names no account'],
    [{ login: 42 }, '"login" must be a string'],
    [{ login: ['a'] }, '"login" must be a string'],
    [{ login: 'a', name: { first: 'A' } }, '"name" must be a string'],
    [{ login: 'a', email: true }, '"email" must be a string'],
    [{ login: 'a', preferred_username: 7 }, '"preferred_username" must be a string'],
    [{ login: 'a', sub: 7 }, '"sub" must be a string'],
    [{ login: 'a\u001b[2J' }, 'without control characters'],
    [{ login: 'a\nforged log line' }, 'without control characters'],
    [{ login: 'x'.repeat(513) }, 'must be a string'],
    [{ id: 1.5 }, '"id" must be a string or an integer'],
    [{ id: Number.MAX_SAFE_INTEGER + 10 }, '"id" must be a string or an integer'],
    [{ id: { v: 1 } }, '"id" must be a string'],
    [{ login: 'a', scopes: 'api:read' }, '"scopes" must be an array of strings'],
    [{ login: 'a', scopes: [1, 2] }, '"scopes" must be an array of strings'],
    [{ login: 'a', scopes: ['ok', 'bad"quote'] }, 'a scope has characters'],
    [{ login: 'a', scope: ['a'] }, '"scope" must be a string'],
    [{ login: 'a', expires_at: 'tomorrow-ish' }, 'the token expiry is not a date'],
    [{ login: 'a', expires_at: -5 }, 'the token expiry is not a date'],
    [{ login: 'a', expires_at: true }, 'the token expiry is not a date'],
  ])('refuses %j', (body, fragment) => {
    const error = fails(body)
    expect(error.message).toContain(WHERE)
    expect(error.message).toContain(fragment)
    expect(error.hint).toContain('"profileUrl" option')
  })

  it('refuses garbage headers', () => {
    expect(fails({ login: 'a' }, new Headers({ 'x-oauth-scopes': 'a, b\\c' })).message).toContain('a scope has characters')
    expect(fails({ login: 'a' }, new Headers({ 'github-authentication-token-expiration': 'never' })).message).toContain('not a date')
  })
})
