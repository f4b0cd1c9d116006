import { describe, expect, it } from 'vitest'
import { ConfigError } from '../errors/classes.js'
import { parseConfig } from './parse.js'

const FILE = '/home/alice/.authcli/config.toml'

function errorOf(text: string): ConfigError {
  try {
    parseConfig(text, FILE)
  } catch (error) {
    expect(ConfigError.isInstance(error)).toBe(true)
    const e = error as ConfigError
    expect(e.code).toBe('CONFIG_ERROR')
    expect(e.exitCode).toBe(2)
    expect(e.message).toContain(FILE)
    return e
  }
  throw new Error('expected a ConfigError')
}

describe('parseConfig', () => {
  it('parses every key, snake_case to camelCase, normalising the host', () => {
    const text = `
active_profile = "work"

[profiles.work]
host = "https://API.example.com:443/"
issuer = "https://auth.example.com/"
client_id = "cli-123"
flow = "device"
scopes = ["openid", "profile", "offline_access"]
tenant = "acme"
tenant_header = "X-Org"
store = "keychain"
profile_url = "https://api.example.com/user?fields=login"
client_secret_env = "WORK_SECRET"
client_secret_file = "~/secret.txt"
ca_file = "/etc/ssl/corp.pem"
account = "alice"

[profiles.default]
`
    expect(parseConfig(text, FILE)).toEqual({
      activeProfile: 'work',
      profiles: {
        work: {
          host: 'https://api.example.com',
          issuer: 'https://auth.example.com/',
          clientId: 'cli-123',
          flow: 'device',
          scopes: ['openid', 'profile', 'offline_access'],
          tenant: 'acme',
          tenantHeader: 'X-Org',
          store: 'keychain',
          profileUrl: 'https://api.example.com/user?fields=login',
          clientSecretEnv: 'WORK_SECRET',
          clientSecretFile: '~/secret.txt',
          caFile: '/etc/ssl/corp.pem',
          account: 'alice',
        },
        default: {},
      },
    })
  })

  it('parses an empty file, comments, a BOM and CRLF', () => {
    expect(parseConfig('', FILE)).toEqual({ profiles: {} })
    expect(parseConfig('\uFEFF# nothing\r\n[profiles.a]\r\nhost = "h"\r\n', FILE)).toEqual({ profiles: { a: { host: 'https://h' } } })
  })

  it('accepts quoted profile names with dots, dotted keys and inline tables', () => {
    expect(parseConfig('[profiles."eu.prod"]\nflow = "pat"\n', FILE).profiles).toEqual({ 'eu.prod': { flow: 'pat' } })
    expect(parseConfig('profiles.a.flow = "pkce"\nprofiles.b = { store = "file" }\n', FILE).profiles).toEqual({ a: { flow: 'pkce' }, b: { store: 'file' } })
  })

  it('accepts plain http hosts in the file (the check is at use)', () => {
    expect(parseConfig('[profiles.a]\nhost = "http://example.com"\n', FILE).profiles['a']?.host).toBe('http://example.com')
  })

  it('reports syntax errors with file, line, column and key, without the file content', () => {
    const e = errorOf('[profiles.x]\nhost = "a"\nflow = pkce\nclient_id = "secret-looking-id"\n')
    expect(e.message).toMatch(/config\.toml:3:\d+: invalid TOML \(key flow\)/)
    expect(e.message).not.toContain('secret-looking-id')
    expect(e.hint).toMatch(/double quotes/)
    expect(errorOf('a = "unterminated\n').message).toMatch(/:1:\d+: invalid TOML/)
    expect(errorOf('[profiles.x]\n[profiles.x]\n').message).toMatch(/:2:\d+: invalid TOML/)
    expect(errorOf('[profiles\n').message).toMatch(/:1:\d+: invalid TOML/)
  })

  it('reports an unknown key with its line and the valid keys', () => {
    const e = errorOf('[profiles.work]\nhost = "h"\n\nclientid = "x"\n')
    expect(e.message).toBe(`${FILE}:4: profiles.work.clientid: unknown key "clientid"`)
    expect(e.hint).toContain('client_id')
  })

  it('refuses secrets in the file without echoing them', () => {
    for (const key of ['client_secret', 'token', 'password', 'access_token']) {
      const e = errorOf(`[profiles.p]\n${key} = "hunter2-value"\n`)
      expect(e.message).toContain(`:2: profiles.p.${key}: unknown key`)
      expect(e.hint).toMatch(/client_secret_env or client_secret_file/)
      expect(`${e.message}${e.hint}`).not.toContain('hunter2-value')
    }
  })

  it('explains an unquoted dotted profile name', () => {
    const e = errorOf('[profiles.eu.prod]\nhost = "h"\n')
    expect(e.message).toBe(`${FILE}:1: profiles.eu.prod: unknown key "prod"`)
    expect(e.hint).toContain('[profiles."eu.prod"]')
  })

  it.each([
    ['unknown top-level key', 'hostname = "h"\n', /:1: hostname: unknown key/],
    ['active_profile not a string', 'active_profile = 1\n', /:1: active_profile: must be a string/],
    ['bad active_profile', 'active_profile = "a b"\n', /active_profile: a profile name/],
    ['profiles not a table', 'profiles = "x"\n', /:1: profiles: must be a table/],
    ['profile not a table', 'profiles.a = 1\n', /:1: profiles\.a: must be a table/],
    ['bad profile name', '[profiles."a b"]\n', /:1: profiles\.a b: a profile name/],
    ['__proto__ profile', '[profiles.__proto__]\nhost="h"\n', /invalid TOML/],
    ['host not a string', '[profiles.a]\nhost = 1\n', /:2: profiles\.a\.host: must be a string/],
    ['host bad URL', '[profiles.a]\nhost = "ftp://h"\n', /:2: profiles\.a\.host: must be an http or https URL/],
    ['host with user info', '[profiles.a]\nhost = "https://u:pw@h"\n', /:2: profiles\.a\.host: must not contain a user name or password/],
    ['issuer bad URL', '[profiles.a]\nissuer = "not a url"\n', /:2: profiles\.a\.issuer:/],
    ['profile_url bad', '[profiles.a]\nprofile_url = "https://"\n', /profiles\.a\.profile_url:/],
    ['empty client_id', '[profiles.a]\nclient_id = "  "\n', /client_id: must not be empty/],
    ['control character', '[profiles.a]\nclient_id = "a\\u0007b"\n', /client_id: must not contain control/],
    ['bad flow', '[profiles.a]\nflow = "pkc"\n', /:2: profiles\.a\.flow: must be one of pkce, device, client-credentials, pat \(got "pkc"\)/],
    ['flow wrong type', '[profiles.a]\nflow = ["pkce"]\n', /flow: must be a string/],
    ['bad store', '[profiles.a]\nstore = "vault"\n', /store: must be one of auto, keychain, file, encrypted, memory/],
    ['scopes as string', '[profiles.a]\nscopes = "openid profile"\n', /scopes: must be an array of strings/],
    ['scopes with numbers', '[profiles.a]\nscopes = ["openid", 1]\n', /scopes: must hold scope names/],
    ['scope with space', '[profiles.a]\nscopes = ["open id"]\n', /scopes: must hold scope names/],
    ['bad tenant_header', '[profiles.a]\ntenant_header = "X Tenant"\n', /tenant_header: must be an HTTP header name/],
    ['bad tenant', '[profiles.a]\ntenant = "a b"\n', /tenant: must be printable ASCII/],
    ['bad client_secret_env', '[profiles.a]\nclient_secret_env = "1BAD-NAME"\n', /client_secret_env: must be an environment variable name/],
    ['date value', '[profiles.a]\nca_file = 1979-05-27\n', /ca_file: must be a string/],
    ['account not a string', '[profiles.a]\naccount = 7\n', /:2: profiles\.a\.account: must be a string/],
    ['empty account', '[profiles.a]\naccount = ""\n', /account: must not be empty/],
    ['account with a control character', '[profiles.a]\naccount = "al\\u001bice"\n', /account: must not contain control/],
    ['nested table in profile', '[profiles.a.host]\nx = 1\n', /profiles\.a\.host: must be a string/],
  ])('rejects %s', (_what, text, expected) => {
    expect(errorOf(text).message).toMatch(expected)
  })

  it('finds the line in inline and dotted forms too', () => {
    expect(errorOf('# c\nprofiles.a.flow = "x"\n').message).toMatch(/:2: profiles\.a\.flow/)
    expect(errorOf('[profiles]\na.store = "x"\n').message).toMatch(/:2: profiles\.a\.store/)
    expect(errorOf('[profiles."q.r"]\nflow = "x"\n').message).toMatch(/:2: profiles\.q\.r\.flow/)
  })

  it('rejects garbage arguments', () => {
    expect(() => parseConfig(undefined as never, FILE)).toThrow(ConfigError)
    expect(() => parseConfig(42 as never, FILE)).toThrow(/must be text/)
    expect(() => parseConfig('x = ', undefined as never)).toThrow(/^config:1/)
  })

  it('survives binary noise', () => {
    const noise = Array.from({ length: 200 }, (_, i) => String.fromCharCode((i * 37) % 256)).join('')
    expect(() => parseConfig(noise, FILE)).toThrow(ConfigError)
  })
})
