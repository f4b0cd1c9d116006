// argv -> options for auth refresh|switch|whoami|git-credential and api (commands intercepted),
// and the parsers' garbage. The runs are tested in auth-accounts.test.ts and test/accounts.test.ts.
import { afterEach, describe, expect, it } from 'vitest'
import { globalsOf, intercepted, testContext, testRuntime, type TestRuntime } from '../_testing.js'
import { parseApiOptions, renderApi, type ApiResult } from './api.js'
import { parseAuthGitCredentialOptions } from './auth-git-credential.js'
import { parseAuthRefreshOptions } from './auth-refresh.js'
import { parseAuthSwitchOptions } from './auth-switch.js'

let runtime: TestRuntime
afterEach(() => runtime?.cleanup())

async function parse(argv: string[]) {
  runtime = await testRuntime()
  return intercepted(argv, runtime)
}

describe('parsing into options', () => {
  it.each([
    [['auth', 'refresh'], 'auth refresh', { scopes: [] }],
    [['auth', 'refresh', '--scope', 'openid api:read', '--scope', 'email,openid'], 'auth refresh', { scopes: ['openid', 'api:read', 'email'] }],
    [['auth', 'switch', '--host', 'https://h'], 'auth switch', { host: 'https://h' }],
    [['--profile', 'work', 'auth', 'switch'], 'auth switch', { profile: 'work' }],
    [['auth', 'switch', '--account', ' bob '], 'auth switch', { account: 'bob' }],
    // No flag: a choice at a terminal, else USAGE_ERROR when it runs (test/ux-status.test.ts).
    [['auth', 'switch'], 'auth switch', {}],
    [['auth', 'switch', '--host', 'https://h', '--account', 'bob'], 'auth switch', { host: 'https://h', account: 'bob' }],
    [['auth', 'whoami'], 'auth whoami', {}],
    [['auth', 'git-credential', 'get'], 'auth git-credential', { operation: 'get' }],
    [['--host', 'https://h', 'auth', 'git-credential', 'erase'], 'auth git-credential', { operation: 'erase' }],
    [['api', '/api/v1/profile'], 'api', { path: '/api/v1/profile', method: 'GET' }],
    [['api', '/api/v1/echo', '--data', '{"a":1}', '--tenant', 'acme'], 'api', { path: '/api/v1/echo', method: 'POST', data: '{"a":1}', tenant: 'acme' }],
    [['api', '/x', '-X', 'delete'], 'api', { path: '/x', method: 'DELETE' }],
    [['api', '/x', '--method', 'PUT', '--data', '[]'], 'api', { path: '/x', method: 'PUT', data: '[]' }],
  ])('%j -> %s %j', async (argv, id, options) => {
    const { code, call, stderr } = await parse(argv)
    expect(code, stderr).toBe(0)
    expect(call).toEqual({ id, options, globals: expect.any(Object) })
  })

  it.each([
    [['auth', 'switch', '--host', 'https://h', '--profile', 'p'], /--host and --profile cannot be used together/],
    [['auth', 'switch', '--account', '  '], /--account needs a non-empty value/],
    [['auth', 'refresh', '--scope', 'a"b'], /--scope must name scopes/],
    [['auth', 'git-credential'], /missing required argument 'operation'/],
    [['auth', 'git-credential', 'GET;rm'], /OPERATION must be get, store or erase/],
    [['auth', 'whoami', 'extra'], /too many arguments/],
    [['api'], /missing required argument 'path'/],
    [['api', '/x', '--data', '{not json'], /--data is not valid JSON/],
    [['api', '/x', '--method', 'GE T'], /--method must be an HTTP method/],
    [['api', '/x', '--tenant', ''], /--tenant needs a non-empty value/],
  ])('%j: exit 2', async (argv, message) => {
    const { code, call, stderr } = await parse(argv)
    expect(code).toBe(2)
    expect(call).toBeUndefined()
    expect(stderr).toMatch(message)
  })
})

const input = (opts: Record<string, unknown>, args: unknown[] = [], globals = globalsOf()) => ({ args, opts, globals })

describe('the parsers', () => {
  it('parseAuthRefreshOptions', () => {
    expect(parseAuthRefreshOptions(input({}))).toEqual({ scopes: [] })
    expect(parseAuthRefreshOptions(input({ scope: ['a b', 'a'] }))).toEqual({ scopes: ['a', 'b'] })
  })

  it('parseAuthSwitchOptions takes --host / --profile from the global flags', () => {
    expect(parseAuthSwitchOptions(input({}, [], globalsOf({ host: 'https://h' })))).toEqual({ host: 'https://h' })
    expect(() => parseAuthSwitchOptions(input({ account: 5 }))).toThrow(/--account/)
  })

  it('parseAuthGitCredentialOptions keeps unknown operations (ignored at run time, as git asks)', () => {
    expect(parseAuthGitCredentialOptions(input({}, ['approve-future-op']))).toEqual({ operation: 'approve-future-op' })
    for (const bad of [undefined, '', 'x'.repeat(40), '../get', 'get now']) expect(() => parseAuthGitCredentialOptions(input({}, [bad]))).toThrow(/OPERATION/)
  })

  it('parseApiOptions never echoes --data it cannot parse', () => {
    const secret = '{"password":"hunter2-hunter2"'
    try {
      parseApiOptions(input({ data: secret }, ['/x']))
      expect.unreachable()
    } catch (error) {
      expect(error).toMatchObject({ code: 'USAGE_ERROR', exitCode: 2 })
      expect(JSON.stringify(error) + String(error)).not.toContain('hunter2')
    }
    expect(() => parseApiOptions(input({}, ['  ']))).toThrow(/PATH must not be empty/)
    expect(parseApiOptions(input({ data: ' null ' }, [' /x ']))).toEqual({ path: '/x', method: 'POST', data: ' null ' })
  })
})

describe('renderApi', () => {
  const result = (over: Partial<ApiResult>): ApiResult => ({
    method: 'GET',
    url: 'https://h/x',
    status: 200,
    statusText: 'OK',
    contentType: 'application/json',
    body: '',
    challenge: null,
    acceptedScopes: null,
    retried: false,
    ...over,
  })
  async function render(r: ApiResult) {
    runtime = await testRuntime()
    const error = await (async () => renderApi(r, await testContext(runtime)))().then(
      () => undefined,
      (e: unknown) => e,
    )
    return { error, stdout: runtime.stdout.text }
  }

  it('prints JSON pretty, other text as is, nothing for an empty body', async () => {
    expect(await render(result({ body: '{"a":[1]}' }))).toEqual({ error: undefined, stdout: '{\n  "a": [\n    1\n  ]\n}\n' })
    expect(await render(result({ body: 'plain {', contentType: 'text/plain' }))).toEqual({ error: undefined, stdout: 'plain {\n' })
    expect(await render(result({ body: 'not json', contentType: 'application/problem+json' }))).toEqual({ error: undefined, stdout: 'not json\n' })
    expect(await render(result({ status: 204, statusText: 'No Content' }))).toEqual({ error: undefined, stdout: '' })
  })

  it.each([
    [401, 'INVALID_TOKEN', 4, ''],
    [403, 'ACCESS_DENIED', 4, ''],
    [403, 'INSUFFICIENT_SCOPE', 4, '{"error":"insufficient_scope"}'],
    [404, 'HTTP_ERROR', 2, ''],
    [422, 'HTTP_ERROR', 2, '{"message":"bad"}'],
    [500, 'HTTP_ERROR', 5, ''],
    [503, 'HTTP_ERROR', 5, 'down'],
  ])('status %i -> %s (exit %i), after printing the body', async (status, code, exitCode, body) => {
    const { error, stdout } = await render(result({ status, statusText: 'X', body, contentType: 'application/json' }))
    expect(error).toMatchObject({ code, exitCode, message: expect.stringContaining(`GET https://h/x: ${status} X`) })
    expect(stdout).toBe(body === '' ? '' : `${body.startsWith('{') ? JSON.stringify(JSON.parse(body), null, 2) : body}\n`)
  })
})
