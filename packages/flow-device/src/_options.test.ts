import { ErrorCode } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SCOPES, resolveOptions } from './_options.js'
import type { DeviceFlowOptions } from './types.js'

const base = { issuer: 'https://auth.example.com', clientId: 'my-cli' }

function failure(options: unknown) {
  try {
    resolveOptions(options as DeviceFlowOptions)
  } catch (error) {
    return error as { code: string; exitCode: number; message: string; hint?: string }
  }
  throw new Error('expected a failure')
}

describe('resolveOptions', () => {
  it('applies the defaults', () => {
    const s = resolveOptions(base)
    expect(s).toMatchObject({ clientId: 'my-cli', scopes: DEFAULT_SCOPES, intervalMs: undefined, maxNetworkRetries: 3, qr: true, name: undefined, loginCommand: undefined, allowInsecure: false })
    expect(s.issuer.href).toBe('https://auth.example.com/')
    expect(s.scopes).toEqual(['openid', 'profile', 'email', 'offline_access'])
    expect(typeof s.monotonicNow()).toBe('number')
  })

  it('takes intervalMs in milliseconds, and allows http on loopback or with allowInsecure', () => {
    expect(resolveOptions({ ...base, intervalMs: 50 }).intervalMs).toBe(50)
    expect(resolveOptions({ ...base, issuer: 'http://127.0.0.1:4000' }).issuer.host).toBe('127.0.0.1:4000')
    expect(resolveOptions({ ...base, issuer: 'http://localhost:4000' }).issuer.host).toBe('localhost:4000')
    expect(resolveOptions({ ...base, issuer: 'http://auth.test', allowInsecure: true }).issuer.host).toBe('auth.test')
    expect(resolveOptions({ ...base, scopes: ['a', 'a', 'b'] }).scopes).toEqual(['a', 'b'])
    expect(resolveOptions({ ...base, isTTY: true }).isTTY()).toBe(true)
  })

  it.each([
    ['options', null],
    ['issuer', { ...base, issuer: undefined }],
    ['issuer', { ...base, issuer: 'auth.example.com' }],
    ['issuer', { ...base, issuer: 'ftp://auth.example.com' }],
    ['issuer', { ...base, issuer: 'http://auth.example.com' }],
    ['issuer', { ...base, issuer: 'https://u:p@auth.example.com' }],
    ['issuer', { ...base, issuer: 'https://auth.example.com/?tenant=x' }],
    ['clientId', { ...base, clientId: '' }],
    ['clientId', { ...base, clientId: 'a\nb' }],
    ['scopes', { ...base, scopes: 'openid' }],
    ['scopes', { ...base, scopes: ['open id'] }],
    ['scopes', { ...base, scopes: [''] }],
    ['intervalMs', { ...base, intervalMs: 0 }],
    ['intervalMs', { ...base, intervalMs: '5' }],
    ['intervalMs', { ...base, intervalMs: Number.NaN }],
    ['maxNetworkRetries', { ...base, maxNetworkRetries: 1.5 }],
    ['maxNetworkRetries', { ...base, maxNetworkRetries: -1 }],
    ['qr', { ...base, qr: 'no' }],
    ['isTTY', { ...base, isTTY: 1 }],
    ['allowInsecure', { ...base, allowInsecure: 'yes' }],
    ['openBrowser', { ...base, openBrowser: 'firefox' }],
    ['profileUrl', { ...base, profileUrl: 'not a url' }],
    ['profileUrl', { ...base, profileUrl: 'http://api.example.com/me' }],
    ['name', { ...base, name: 'my cli' }],
    ['name', { ...base, name: '' }],
    ['loginCommand', { ...base, loginCommand: '' }],
    ['monotonicNow', { ...base, monotonicNow: 5 }],
    ['sleep', { ...base, sleep: {} }],
    ['write', { ...base, write: 'stderr' }],
    ['fetch', { ...base, fetch: true }],
    ['now', { ...base, now: 0 }],
    ['logger', { ...base, logger: { debug: () => {} } }],
  ])('refuses a bad %s with CONFIG_ERROR naming it', (name, options) => {
    const error = failure(options)
    expect(error).toMatchObject({ code: ErrorCode.CONFIG_ERROR, exitCode: 2 })
    expect(error.message).toContain(`@auth/flow-device: createDeviceFlow: "${name}"`)
  })

  it('hints at the allowInsecure option (never a CLI flag) for a plain http issuer, *.localhost included', () => {
    expect(failure({ ...base, issuer: 'http://auth.example.com' }).hint).toContain('"allowInsecure"')
    expect(failure({ ...base, issuer: 'http://evil.localhost:4000' }).message).toContain('plain http://')
  })
})
