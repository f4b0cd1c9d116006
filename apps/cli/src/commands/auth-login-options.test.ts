import { describe, expect, it } from 'vitest'
import { globalsOf } from '../_testing.js'
import { parseAuthLoginOptions } from './auth-login-options.js'

const parse = (opts: Record<string, unknown>) => parseAuthLoginOptions({ args: [], opts: { qr: true, scope: [], ...opts }, globals: globalsOf() })
const usageError = (message: RegExp, hint?: RegExp) =>
  expect.objectContaining({ code: 'USAGE_ERROR', exitCode: 2, message: expect.stringMatching(message), ...(hint && { hint: expect.stringMatching(hint) }) })

describe('parseAuthLoginOptions', () => {
  it('no flow flag leaves the choice to run time', () => {
    expect(parse({})).toEqual({ scopes: [], qr: true, insecure: false })
  })

  it.each([
    [{ withToken: 'dvp_abc' }, { flow: 'pat', token: 'dvp_abc' }],
    [{ withToken: true }, { flow: 'pat', tokenFrom: '--with-token' }],
    [{ tokenStdin: true }, { flow: 'pat', tokenFrom: '--token-stdin' }],
    [{ device: true }, { flow: 'device' }],
    [{ clientCredentials: true }, { flow: 'client-credentials' }],
  ])('%j chooses the flow', (opts, expected) => {
    expect(parse(opts)).toMatchObject(expected)
  })

  it('takes the other flags, trimmed; --scope is repeatable and splits on spaces and commas', () => {
    expect(
      parse({
        clientCredentials: true,
        issuer: ' https://login.example.com ',
        clientId: 'ci',
        clientSecretEnv: 'CI_SECRET',
        scope: ['api:read', 'openid profile', 'a,b'],
        tenant: 'acme',
        profileUrl: '/user',
        store: 'file',
        timeout: '1.5',
        qr: false,
        insecure: true,
      }),
    ).toEqual({
      flow: 'client-credentials',
      issuer: 'https://login.example.com',
      clientId: 'ci',
      clientSecretEnv: 'CI_SECRET',
      scopes: ['api:read', 'openid', 'profile', 'a', 'b'],
      tenant: 'acme',
      profileUrl: '/user',
      store: 'file',
      timeoutMs: 1500,
      qr: false,
      insecure: true,
    })
  })

  it('refuses two flows at once', () => {
    expect(() => parse({ device: true, tokenStdin: true })).toThrowError(usageError(/--token-stdin and --device cannot be used together/))
    expect(() => parse({ withToken: 'x', clientCredentials: true })).toThrowError(usageError(/cannot be used together/))
  })

  it('--web and --no-browser choose the browser flow, with its ports and resources', () => {
    expect(parse({ web: true })).toMatchObject({ flow: 'pkce', browser: true })
    expect(parse({ browser: false })).toMatchObject({ flow: 'pkce', browser: false })
    expect(parse({ web: true, port: '8765' })).toMatchObject({ flow: 'pkce', port: 8765 })
    expect(parse({ browser: false, portRange: '8765-8769' })).toMatchObject({ portRange: [8765, 8769] })
    expect(parse({ web: true, resource: ['https://api.example.com'] })).toMatchObject({ resources: ['https://api.example.com'] })
  })

  it("the browser flow's own flags refuse another flow and bad values", () => {
    expect(() => parse({ device: true, port: '8765' })).toThrowError(usageError(/^--port applies to the browser flow only/))
    expect(() => parse({ web: true, port: '8765', portRange: '8765-8769' })).toThrowError(usageError(/^--port and --port-range cannot be used together$/))
    expect(() => parse({ web: true, portRange: '9-2' })).toThrowError(usageError(/^--port-range must be FIRST-LAST/))
    expect(() => parse({ web: true, resource: ['not a uri'] })).toThrowError(usageError(/^--resource must be an absolute URI/))
  })

  it('refuses an empty --with-token value and other empty values', () => {
    expect(() => parse({ withToken: '  ' })).toThrowError(usageError(/--with-token needs a token/))
    expect(() => parse({ clientId: '' })).toThrowError(usageError(/^--client-id needs a non-empty value$/))
    expect(() => parse({ profileUrl: ' ' })).toThrowError(usageError(/^--profile-url needs/))
  })

  it.each(['0', '-1', 'abc', '1e3', '', '86401', 'Infinity'])('refuses --timeout %j', (timeout) => {
    expect(() => parse({ timeout })).toThrowError(usageError(/^--timeout must be a number of seconds/))
  })

  it('checks the client secret flags', () => {
    expect(() => parse({ clientSecretEnv: 'A', clientSecretFile: '/s' })).toThrowError(usageError(/cannot be used together/))
    expect(() => parse({ device: true, clientSecretFile: '/s' })).toThrowError(usageError(/^--client-secret-file applies to --client-credentials only$/))
    expect(() => parse({ clientSecretEnv: 's3cr3t-value with spaces' })).toThrowError(usageError(/must name an environment variable/, /give the variable name, not the secret/))
    expect(parse({ clientSecretFile: './secret' })).toMatchObject({ clientSecretFile: './secret' })
  })
})

describe('parseAuthLoginOptions: --begin / --resume / --no-wait', () => {
  const handle = 'AbCdEfGhIjKlMnOp'
  it('--begin is the device flow (with or without --device)', () => {
    expect(parse({ begin: true })).toMatchObject({ flow: 'device', begin: true })
    expect(parse({ begin: true, device: true })).toMatchObject({ flow: 'device', begin: true })
  })

  it('--resume HANDLE [--no-wait]', () => {
    expect(parse({ resume: handle, wait: true })).toEqual({ scopes: [], qr: true, insecure: false, flow: 'device', resume: handle })
    expect(parse({ resume: handle, wait: false })).toMatchObject({ flow: 'device', resume: handle, wait: false })
  })

  it.each([
    [{ begin: true, web: true }, /^--begin applies to the device flow only$/],
    [{ begin: true, withToken: true }, /^--begin applies to the device flow only$/],
    [{ begin: true, resume: handle }, /^--begin and --resume cannot be used together$/],
    [{ wait: false }, /^--no-wait applies to --resume only$/],
    [{ resume: 'short' }, /^--resume needs the "handle" printed by --begin$/],
    [{ resume: `${handle};rm` }, /^--resume needs the "handle"/],
    [{ resume: handle, clientCredentials: true }, /^--resume resumes a device login/],
  ])('%j is a usage error', (opts, message) => {
    expect(() => parse(opts)).toThrow(usageError(message))
  })
})
