import { describe, expect, it } from 'vitest'
import { accountFromProfile } from './account-from-profile.js'

describe('accountFromProfile', () => {
  it('maps OIDC claims: preferred_username, name, email, sub', () => {
    expect(accountFromProfile({ preferred_username: 'alice', name: 'Alice A', email: 'a@x.test', sub: 'u-1' })).toEqual({ login: 'alice', name: 'Alice A', email: 'a@x.test', id: 'u-1' })
  })
  it('maps GitHub-style profiles: login, integer id', () => {
    expect(accountFromProfile({ login: 'octocat', id: 583231, name: null })).toEqual({ login: 'octocat', id: '583231' })
  })
  it('prefers preferred_username over login, and sub over id, whatever the source order', () => {
    expect(accountFromProfile({ login: 'gh-name', preferred_username: 'oidc-name', id: 7, sub: 's' })).toEqual({ login: 'oidc-name', id: 's' })
    expect(accountFromProfile({ login: 'gh-name', id: 7 }, { preferred_username: 'oidc-name', sub: 's' })).toEqual({ login: 'oidc-name', id: 's' })
  })
  it('takes a field from the first source that has it', () => {
    expect(accountFromProfile({ email: 'profile@x.test' }, { email: 'claims@x.test', name: 'From Claims' })).toEqual({ email: 'profile@x.test', name: 'From Claims' })
  })
  it('ignores identity fields with controls, bidi or zero-width characters, wrong types and long strings', () => {
    expect(accountFromProfile({ preferred_username: 'ali\u202Ece', login: 'bob' })).toEqual({ login: 'bob' })
    expect(accountFromProfile({ preferred_username: 'a\u200Bdmin', email: 'x\u001b[2J@y', sub: 'x'.repeat(300) })).toEqual({})
    expect(accountFromProfile({ preferred_username: 42, login: ['a'], id: 1.5, email: '' })).toEqual({})
  })
  it('cleans the display name instead of dropping it', () => {
    expect(accountFromProfile({ name: ' Eve\u202E \u001b[31mRed ' })).toEqual({ name: 'Eve [31mRed' })
  })
  it('ignores what is not an object', () => {
    expect(accountFromProfile(undefined, null, 'x', ['login'])).toEqual({})
  })
})
