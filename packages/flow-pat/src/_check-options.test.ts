import { ConfigError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { createPatFlow } from './create-pat-flow.js'
import type { PatFlowOptions } from './types.js'

const host = 'https://api.example.com'

describe('createPatFlow options', () => {
  it('builds a flow of kind pat without refresh or revoke', () => {
    const flow = createPatFlow({ host, token: 'x' })
    expect(flow.kind).toBe('pat')
    expect(flow.refresh).toBeUndefined()
    expect(flow.revoke).toBeUndefined()
  })

  it.each<[string, unknown, RegExp]>([
    ['no options', undefined, /"options" must be an object/],
    ['no token', { host }, /exactly one of "token" and "readToken"/],
    ['both', { host, token: 'x', readToken: async () => 'x' }, /exactly one of/],
    ['no host', { token: 'x' }, /host/],
    ['http host', { host: 'http://api.example.com', token: 'x' }, /plain http/],
    ['bad profileUrl', { host, token: 'x', profileUrl: 'http://evil.example/user' }, /"profileUrl" uses plain http/],
    ['ftp profileUrl', { host, token: 'x', profileUrl: 'ftp://x/user' }, /"profileUrl" must be an http or https URL/],
    ['userinfo in url', { host, token: 'x', profileUrl: 'https://u:p@x/user' }, /must not contain a user name or password/],
    ['bad issuer', { host, token: 'x', issuer: 42 }, /"issuer" must be a URL string/],
    ['bad readToken', { host, readToken: 'stdin' }, /"readToken" must be a function/],
    ['bad fetch', { host, token: 'x', fetch: {} }, /"fetch" must be a function/],
    ['bad now', { host, token: 'x', now: 5 }, /"now" must be a function/],
    ['bad source', { host, token: 'x', source: '' }, /"source" must be a non-empty string/],
    ['bad warnArgv', { host, token: 'x', warnArgv: 'yes' }, /"warnArgv" must be a boolean/],
    ['bad allowInsecure', { host, token: 'x', allowInsecure: 1 }, /"allowInsecure" must be a boolean/],
    ['bad tenantHeader', { host, token: 'x', tenant: 'acme', tenantHeader: 'X Tenant' }, /"tenantHeader" must be an HTTP header name/],
    ['bad tenant', { host, token: 'x', tenant: 'ac\nme' }, /"tenant" must be a string without control characters/],
  ])('refuses %s', (_name, options, message) => {
    let error: unknown
    try {
      createPatFlow(options as PatFlowOptions)
    } catch (e) {
      error = e
    }
    expect(ConfigError.isInstance(error)).toBe(true)
    expect((error as ConfigError).exitCode).toBe(2)
    expect((error as ConfigError).message).toMatch(message)
  })

  it('allows plain http to a non-loopback host with allowInsecure', () => {
    expect(() => createPatFlow({ host: 'http://api.example.com', token: 'x', allowInsecure: true, profileUrl: '/user' })).not.toThrow()
  })

  it('never echoes the URL it refuses (it may hold a password)', () => {
    expect(() => createPatFlow({ host, token: 'x', profileUrl: 'https://user:hunter2hunter2@x/' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }))
  })
})
