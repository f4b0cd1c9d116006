import { redact } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { patInput } from './pat-input.js'

describe('patInput: the PAT travels as login-time input', () => {
  it('--with-token TOKEN: the token, from an option (the flow warns about argv), registered as a secret', () => {
    const token = 'dvp_patInputTestToken0123456789'
    expect(patInput({ token })).toEqual({ input: { token, source: '--with-token' } })
    expect(redact(`token ${token}`)).not.toContain(token)
  })

  it('--with-token without a value and --token-stdin: no token, only the name of stdin for messages', () => {
    expect(patInput({})).toEqual({ input: { source: 'stdin (--with-token)' } })
    expect(patInput({ tokenFrom: '--with-token' })).toEqual({ input: { source: 'stdin (--with-token)' } })
    expect(patInput({ tokenFrom: '--token-stdin' })).toEqual({ input: { source: 'stdin (--token-stdin)' } })
  })
})
