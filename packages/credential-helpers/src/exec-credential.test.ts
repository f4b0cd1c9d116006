import { describe, expect, it } from 'vitest'
import { execCredential, parseExecInfo } from './exec-credential.js'

describe('ExecCredential', () => {
  it('reads KUBERNETES_EXEC_INFO as kubectl sets it', () => {
    expect(parseExecInfo('{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1","spec":{"interactive":false}}')).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      interactive: false,
    })
    expect(parseExecInfo('{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1beta1","spec":{"interactive":true}}')).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1beta1',
      interactive: true,
    })
    expect(parseExecInfo(undefined)).toEqual({ apiVersion: 'client.authentication.k8s.io/v1', interactive: false })
  })

  it('refuses what it does not speak, naming the variable, never the value', () => {
    for (const bad of ['secret-ish{', '[]', '{"kind":"Pod"}', '{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v2"}']) {
      expect(() => parseExecInfo(bad)).toThrow(expect.objectContaining({ code: 'USAGE_ERROR', exitCode: 2, message: expect.stringMatching(/^KUBERNETES_EXEC_INFO /) }))
    }
  })

  it('prints the token and an RFC 3339 expiry in whole seconds', () => {
    expect(execCredential('tok', Date.parse('2026-12-06T22:00:00.750Z'))).toEqual({
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      status: { token: 'tok', expirationTimestamp: '2026-12-06T22:00:00Z' },
    })
    expect(execCredential('tok', undefined).status).toEqual({ token: 'tok' })
  })
})
