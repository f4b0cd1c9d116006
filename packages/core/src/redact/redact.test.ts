import { afterEach, describe, expect, it } from 'vitest'
import { clearSecrets } from './secrets.js'
import { redact } from './redact.js'
import { registerSecret } from './secrets.js'

afterEach(() => clearSecrets())

describe('redact: secret parameters', () => {
  it.each([
    ['GET https://h/cb?code=abc123&state=xyz', 'GET https://h/cb?code=***&state=xyz'],
    ['grant_type=refresh_token&refresh_token=r1r1&client_id=cli', 'grant_type=refresh_token&refresh_token=***&client_id=cli'],
    ['code_verifier=abcdef&client_secret=s3cr3t', 'code_verifier=***&client_secret=***'],
    ['client_assertion=xyz&client_assertion_type=urn:x', 'client_assertion=***&client_assertion_type=urn:x'],
    ['device_code=dc1&user_code=ABCD-EFGH', 'device_code=***&user_code=ABCD-EFGH'],
    ['username=alice&password=hunter2', 'username=alice&password=***'],
    ['https://h/x?token=abc#frag', 'https://h/x?token=***#frag'],
    ['https://h/cb#access_token=abc&token_type=bearer', 'https://h/cb#access_token=***&token_type=bearer'],
    ['id_token=abc;x=1', 'id_token=***'],
    ['AUTHCLI_TOKEN=abc GH_TOKEN=def', 'AUTHCLI_TOKEN=*** GH_TOKEN=***'],
    ['CODE=abc', 'CODE=***'],
  ])('masks %s', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it.each([
    ['{"access_token":"at","token_type":"Bearer","expires_in":3600}', '{"access_token":"***","token_type":"Bearer","expires_in":3600}'],
    ['{ "refresh_token" : "rt", "id_token": "it" }', '{ "refresh_token" : "***", "id_token": "***" }'],
    ['{"code":"c","state":"s"}', '{"code":"***","state":"s"}'],
    ['{"client_secret":"a\\"b","x":1}', '{"client_secret":"***","x":1}'],
    ["{ accessToken: 'abc', tokenType: 'Bearer', refreshToken: 'r' }", "{ accessToken: '***', tokenType: 'Bearer', refreshToken: '***' }"],
    ['password = "hunter2"', 'password = "***"'],
    ['{"deviceCode":"d","codeVerifier":"v","idToken":"i"}', '{"deviceCode":"***","codeVerifier":"***","idToken":"***"}'],
    ['{"body":"{\\"access_token\\":\\"nested\\",\\"x\\":1}"}', '{"body":"{\\"access_token\\":\\"***\\",\\"x\\":1}"}'],
  ])('masks JSON-ish %s', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })
})

describe('redact: headers, JWTs, token formats', () => {
  it.each([
    ['Authorization: Bearer abc.def', 'Authorization: Bearer ***'],
    ['authorization: basic dXNlcjpwYXNz', 'authorization: basic ***'],
    ['{"authorization":"token ghp_x"}', '{"authorization":"token ***"}'],
    ["headers: { authorization: 'Bearer zzz' }", "headers: { authorization: 'Bearer ***' }"],
    ['Proxy-Authorization: Basic abc', 'Proxy-Authorization: Basic ***'],
    ['Authorization: opaque', 'Authorization: ***'],
    ['Cookie: session=abc; other=1', 'Cookie: ***'],
    ['set-cookie: sid=1; Path=/', 'set-cookie: ***'],
  ])('masks %s', (input, expected) => {
    expect(redact(input)).toBe(expected)
  })

  it('masks JWTs and JWEs anywhere', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl'
    expect(redact(`token ${jwt} end`)).toBe('token *** end')
    expect(redact(`id_token_hint=${jwt}&x=1`)).toBe('id_token_hint=***&x=1')
    expect(redact('eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.')).toBe('***')
    expect(redact('eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d')).toBe('***')
  })

  it('masks GitHub and GitLab tokens', () => {
    expect(redact('using ghp_16C7e42F292c6912E7710c838347Ae178B4a now')).toBe('using *** now')
    expect(redact('github_pat_11ABCDEFG0123456789_abcdefghijkl')).toBe('***')
    expect(redact('glpat-abcdefghij0123456789')).toBe('***')
  })
})

describe('redact: registered and passed secrets', () => {
  it('masks registered secrets, also URL-encoded', () => {
    registerSecret('my secret/value+1')
    expect(redact('a my secret/value+1 b')).toBe('a *** b')
    expect(redact(`q=${encodeURIComponent('my secret/value+1')}`)).toBe('q=***')
  })

  it('ignores registered values shorter than 8 characters, and non-strings', () => {
    registerSecret('short')
    registerSecret(undefined as unknown as string)
    registerSecret(12345678 as unknown as string)
    expect(redact('short words 12345678')).toBe('short words 12345678')
  })

  it('trims what it registers', () => {
    registerSecret('  padded-secret-1  \n')
    expect(redact('x padded-secret-1 y')).toBe('x *** y')
  })

  it('masks secrets passed in, longest first, and ignores garbage in the list', () => {
    const secrets = ['abcdefgh', 'abcdefgh-longer', 42 as unknown as string, '']
    expect(redact('abcdefgh-longer and abcdefgh', secrets)).toBe('*** and ***')
    expect(redact('abcdefgh', new Set(['abcdefgh']))).toBe('***')
    expect(redact('abcdefgh', 'abcdefgh' as unknown as Iterable<string>)).toBe('***')
    expect(redact('abc', 7 as unknown as Iterable<string>)).toBe('abc')
  })
})

describe('redact: ordinary text stays as it is', () => {
  it.each([
    'https://example.com/path?state=1&page=2#frag',
    'decode the codec; tokens are counted; the token expired',
    'token_type=Bearer&expires_in=3600&scope=openid',
    'error_code=E1 zipcode=12345 statuscode=200 encode=utf8',
    'max_tokens=100 tokens=5 my.code=1',
    'Open https://example.com/device and enter ABCD-EFGH',
    'authorization_pending: keep polling',
    'user_code=WDJB-MJHT',
    'error[LOGIN_REQUIRED]: not logged in',
    '',
  ])('%s', (input) => {
    expect(redact(input)).toBe(input)
  })
})

describe('redact: garbage input', () => {
  it('converts non-strings instead of throwing', () => {
    expect(redact(undefined as unknown as string)).toBe('undefined')
    expect(redact(42 as unknown as string)).toBe('42')
    expect(redact({ toString: () => 'code=1' } as unknown as string)).toBe('code=***')
  })

  it('is linear enough on long input', () => {
    const long = `${'a'.repeat(200_000)} ${'x_'.repeat(50_000)} "${'b'.repeat(100_000)}`
    const start = performance.now()
    redact(long)
    expect(performance.now() - start).toBeLessThan(1_000)
  })

  it('does not run a JSON value across lines', () => {
    expect(redact('"token": "abc\nnext": "line"')).toBe('"token": "abc\nnext": "line"')
  })
})
