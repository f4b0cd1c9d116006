import { describe, expect, it } from 'vitest'
import { accountFrom } from './_account.js'

describe('accountFrom', () => {
  it('takes login = preferred_username ?? login ?? sub, name, email, id = sub', () => {
    expect(accountFrom({ sub: '248289761001' }, { preferred_username: 'alice', login: 'al', name: 'Alice', email: 'a@x.test' }))
      .toEqual({ login: 'alice', name: 'Alice', email: 'a@x.test', id: '248289761001' })
    expect(accountFrom({ sub: 'u1' }, { login: 'al' })).toEqual({ login: 'al', id: 'u1' })
    expect(accountFrom({ sub: 'u1' }, {})).toEqual({ login: 'u1', id: 'u1' })
  })

  it('lets the profile win over the ID token claims', () => {
    expect(accountFrom({ sub: 'u1', name: 'Old', preferred_username: 'old' }, { name: 'New' })).toEqual({ login: 'old', name: 'New', id: 'u1' })
  })

  it('takes the id from the profile when there is no ID token (integers too)', () => {
    expect(accountFrom(undefined, { login: 'octocat', id: 583231 })).toEqual({ login: 'octocat', id: '583231' })
    expect(accountFrom(undefined, { sub: 's' })).toEqual({ login: 's', id: 's' })
  })

  it('ignores garbage field by field', () => {
    expect(accountFrom('claims', 42)).toEqual({})
    expect(accountFrom(null, [1, 2])).toEqual({})
    expect(accountFrom({ sub: 12.5 }, { login: ['a'], name: { x: 1 }, email: '' })).toEqual({})
    expect(accountFrom({}, { login: 'a\u001b[31mb', name: 'x'.repeat(300), email: '  e@x.test  ' })).toEqual({ email: 'e@x.test' })
    expect(accountFrom({}, { preferred_username: 'evil\u202e', login: 'good' })).toEqual({ login: 'good' })
  })
})
