import { ConfigError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { createPatFlow } from './create-pat-flow.js'
import type { PatFlowOptions } from './types.js'

const host = 'https://api.example.com'

describe('createPatFlow options', () => {
  it('builds a flow of kind pat without refresh or revoke, from configuration only (no token)', () => {
    const flow = createPatFlow({ host, profileUrl: '/user' })
    expect(flow.kind).toBe('pat')
    expect(flow.refresh).toBeUndefined()
    expect(flow.revoke).toBeUndefined()
  })

  it.each<[string, unknown, RegExp]>([
    ['no options', undefined, /^@auth\/flow-pat: createPatFlow: "options" must be an object$/],
    ['no host', {}, /host/],
    ['http host', { host: 'http://api.example.com' }, /plain http/],
    ['bad profileUrl', { host, profileUrl: 'http://evil.example/user' }, /"profileUrl" uses plain http/],
    ['ftp profileUrl', { host, profileUrl: 'ftp://x/user' }, /"profileUrl" must be an http or https URL/],
    ['userinfo in url', { host, profileUrl: 'https://u:p@x/user' }, /must not contain a user name or password/],
    ['bad issuer', { host, issuer: 42 }, /"issuer" must be an http\(s\) URL/],
    ['bad fetch', { host, fetch: {} }, /"fetch" must be a function/],
    ['bad now', { host, now: 5 }, /"now" must be a function/],
    ['bad logger', { host, logger: { debug() {} } }, /"logger" must have debug, info, warn and error functions/],
    ['bad name', { host, name: 'my cli' }, /"name" must be a command name/],
    ['bad allowInsecure', { host, allowInsecure: 1 }, /"allowInsecure" must be a boolean/],
    ['bad tenantHeader', { host, tenant: 'acme', tenantHeader: 'X Tenant' }, /"tenantHeader" must be an HTTP header name/],
    ['bad tenant', { host, tenant: 'ac\nme' }, /"tenant" must be a non-empty string without control characters/],
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
    expect(createPatFlow({ host: 'http://api.example.com', allowInsecure: true, profileUrl: '/user' }).kind).toBe('pat')
  })

  it('never echoes the URL it refuses (it may hold a password)', () => {
    expect(() => createPatFlow({ host, profileUrl: 'https://user:hunter2hunter2@x/' })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('hunter2') }))
  })
})
