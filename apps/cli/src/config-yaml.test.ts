import { randomBytes } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ConfigError } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { endpointUrl, loadYamlConfig, parseYamlConfig } from './config-yaml.js'

const FILE = '/home/me/.flyte/config.yaml'
const parse = (text: string) => parseYamlConfig(text, FILE)
const profile = (text: string) => parse(text).config.profiles.default

/** The ConfigError `parse(text)` throws. */
function failure(text: string): ConfigError {
  try {
    parse(text)
  } catch (error) {
    if (ConfigError.isInstance(error)) return error
    throw error
  }
  throw new Error('expected a ConfigError')
}

describe('parseYamlConfig: a flyte config becomes the default profile', () => {
  it('maps every admin key', () => {
    const { config, ignored } = parse(`# flytectl config
admin:
  endpoint: dns:///flyte.example.com
  authType: ClientSecret
  clientId: flytepropeller
  clientSecretLocation: /etc/secrets/client_secret
  clientSecretEnvVar: FLYTE_CLIENT_SECRET
  scopes: [all, offline_access]
  authorizationServerUrl: https://idp.example.com/oauth2/default
  caCertFilePath: /etc/ssl/ca.pem
  insecure: false
  maxRetries: 5
logger:
  show-source: true
  level: 0
storage:
  type: stow
`)
    expect(config).toEqual({
      activeProfile: 'default',
      profiles: {
        default: {
          host: 'https://flyte.example.com',
          flow: 'client-credentials',
          clientId: 'flytepropeller',
          clientSecretFile: '/etc/secrets/client_secret',
          clientSecretEnv: 'FLYTE_CLIENT_SECRET',
          scopes: ['all', 'offline_access'],
          issuer: 'https://idp.example.com/oauth2/default',
          caFile: '/etc/ssl/ca.pem',
        },
      },
    })
    expect(ignored).toEqual(['logger', 'storage', 'admin.maxRetries'])
  })

  it.each([
    ['Pkce', 'pkce'],
    ['DeviceFlow', 'device'],
    ['ClientSecret', 'client-credentials'],
    ['deviceflow', 'device'],
  ])('authType %s is flow %s', (authType, flow) => {
    expect(profile(`admin:\n  endpoint: flyte.example.com\n  authType: ${authType}\n`)?.flow).toBe(flow)
  })

  it('leaves the flow to authcli without authType, and reads flow-style YAML', () => {
    expect(profile('admin: { endpoint: "https://flyte.example.com/", clientId: cli }')).toEqual({ host: 'https://flyte.example.com', clientId: 'cli' })
  })

  it.each([
    ['dns:///flyte.example.com', false, 'https://flyte.example.com'],
    ['dns:///flyte.example.com:443', false, 'https://flyte.example.com'],
    ['dns://8.8.8.8/flyte.example.com:8443', false, 'https://flyte.example.com:8443'],
    ['dns:///localhost:30080', true, 'http://localhost:30080'],
    ['localhost:30080', true, 'http://localhost:30080'],
    ['flyte.example.com', false, 'https://flyte.example.com'],
    ['http://127.0.0.1:8088', false, 'http://127.0.0.1:8088'],
  ])('endpoint %s (insecure %s) is host %s', (endpoint, insecure, host) => {
    expect(profile(`admin:\n  endpoint: ${endpoint}\n  insecure: ${insecure}\n`)?.host).toBe(host)
  })

  it('takes empty and null values as unset', () => {
    expect(profile('admin:\n  endpoint: flyte.example.com\n  clientId: ""\n  clientSecretLocation:\n  scopes: []\n  insecure: null\n')).toEqual({ host: 'https://flyte.example.com' })
  })

  it('reads a byte-order mark and anchors', () => {
    expect(profile('\uFEFFbase: &id cli\nadmin:\n  endpoint: flyte.example.com\n  clientId: *id\n')?.clientId).toBe('cli')
  })
})

describe('parseYamlConfig: garbage is exit 2, naming the file, the line and the key', () => {
  it.each([
    ['a syntax error', 'admin:\n  endpoint: [flyte.example.com\n  authType: Pkce\n', /^\/home\/me\/\.flyte\/config\.yaml:\d+:\d+: invalid YAML \(near key (endpoint|authType)\): /],
    ['an unclosed list', 'admin: [unclosed\n', /^\/home\/me\/\.flyte\/config\.yaml:2:1: invalid YAML \(near key admin\): /],
    ['a tab for indentation', 'admin:\n\tendpoint: x\n', /config\.yaml:2:\d+: invalid YAML \(near key endpoint\): /],
    ['a duplicate key', 'admin:\n  endpoint: a.example.com\n  endpoint: b.example.com\n', /config\.yaml:3:\d+: invalid YAML \(near key endpoint\): .*unique/],
    ['two documents', 'admin:\n  endpoint: a.example.com\n---\nadmin: {}\n', /config\.yaml:\d+:\d+: invalid YAML( \(near key \w+\))?: /],
    ['a scalar document', 'just some text\n', /config\.yaml:1: the document must be a mapping/],
    ['a list document', '- admin\n- endpoint\n', /config\.yaml:1: the document must be a mapping/],
    ['an empty file', '', /config\.yaml: admin: missing$/],
    ['no admin section', 'logger:\n  level: 1\n', /config\.yaml:1: admin: missing$/],
    ['admin as a string', 'admin: flyte.example.com\n', /config\.yaml:1: admin: must be a mapping$/],
    ['admin as a list', 'admin:\n  - endpoint: x\n', /config\.yaml:1: admin: must be a mapping$/],
    ['no endpoint', 'admin:\n  authType: Pkce\n', /config\.yaml:1: admin\.endpoint: missing$/],
    ['a number endpoint', 'admin:\n  endpoint: 42\n', /config\.yaml:2: admin\.endpoint: must be a string \(got a number\)$/],
    ['a mapping endpoint', 'admin:\n  endpoint:\n    host: x\n', /config\.yaml:2: admin\.endpoint: must be a string \(got a mapping\)$/],
    ['an endpoint with a password', 'admin:\n  endpoint: https://u:p@flyte.example.com\n', /config\.yaml:2: admin\.endpoint: /],
    ['an endpoint of another scheme', 'admin:\n  endpoint: unix:///var/run/flyte.sock\n', /config\.yaml:2: admin\.endpoint: /],
    ['an unknown authType', 'admin:\n  endpoint: x.example.com\n  authType: ExternalCommand\n', /config\.yaml:3: admin\.authType: unknown authType "ExternalCommand"$/],
    ['a list authType', 'admin:\n  endpoint: x.example.com\n  authType: [Pkce]\n', /config\.yaml:3: admin\.authType: must be a string \(got a list\)$/],
    ['insecure as yes', 'admin:\n  endpoint: x.example.com\n  insecure: yes\n', /config\.yaml:3: admin\.insecure: must be true or false \(got string\)$/],
    ['a number clientId', 'admin:\n  endpoint: x.example.com\n  clientId: 12345\n', /config\.yaml:3: admin\.clientId: must be a string \(got a number\)$/],
    ['a bad env var name', 'admin:\n  endpoint: x.example.com\n  clientSecretEnvVar: "MY SECRET"\n', /config\.yaml:3: admin\.clientSecretEnvVar: must be an environment variable name$/],
    ['scopes with a space', 'admin:\n  endpoint: x.example.com\n  scopes: ["a b"]\n', /config\.yaml:3: admin\.scopes: must be a list of scope names/],
    ['scopes as a mapping', 'admin:\n  endpoint: x.example.com\n  scopes: { a: 1 }\n', /config\.yaml:3: admin\.scopes: /],
    ['a bad issuer', 'admin:\n  endpoint: x.example.com\n  authorizationServerUrl: not a url\n', /config\.yaml:3: admin\.authorizationServerUrl: /],
    ['a control character', 'admin:\n  endpoint: x.example.com\n  clientId: "a\\u0007b"\n', /config\.yaml:3: admin\.clientId: must not contain control characters$/],
  ])('%s', (_name, text, message) => {
    const error = failure(text)
    expect(error).toMatchObject({ code: 'CONFIG_ERROR', exitCode: 2 })
    expect(error.message).toMatch(message)
  })

  it('gives a hint for an unknown authType and never echoes a long or odd value in full', () => {
    const error = failure(`admin:\n  endpoint: x.example.com\n  authType: "${'A'.repeat(200)}\\u001b[31m"\n`)
    expect(error.hint).toBe('authcli supports Pkce, DeviceFlow, ClientSecret')
    expect(error.message.length).toBeLessThan(200)
    expect(error.message).not.toContain('\u001b')
  })

  it('never throws anything but a ConfigError on random bytes', () => {
    for (let i = 0; i < 200; i++) {
      const text = randomBytes(1 + (i % 64)).toString(i % 2 === 0 ? 'latin1' : 'utf8')
      try {
        parse(`${i % 3 === 0 ? 'admin:\n  ' : ''}${text}`)
      } catch (error) {
        expect(ConfigError.isInstance(error), String(error)).toBe(true)
      }
    }
  })

  it('refuses an alias bomb', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      ...Array.from(
        { length: 8 },
        (_, i) =>
          `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
            .fill(`*${String.fromCharCode(97 + i)}`)
            .join(', ')}]`,
      ),
      'admin:\n  endpoint: x.example.com',
    ].join('\n')
    expect(failure(bomb).message).toMatch(/^\/home\/me\/\.flyte\/config\.yaml:1: invalid YAML: Excessive alias count/)
    expect(failure('admin:\n  endpoint: *nowhere\n').message).toMatch(/config\.yaml:1: invalid YAML: Unresolved alias/)
  })
})

describe('endpointUrl', () => {
  it('keeps a URL, strips dns resolvers, adds a scheme', () => {
    expect(endpointUrl('https://a.example.com', true)).toBe('https://a.example.com')
    expect(endpointUrl('dns:///a.example.com:81', false)).toBe('https://a.example.com:81')
    expect(endpointUrl('a.example.com', true)).toBe('http://a.example.com')
  })
})

describe('loadYamlConfig', () => {
  it('reads a file; a missing one is a CONFIG_ERROR naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'authcli-yaml-'))
    try {
      const file = join(dir, 'config.yaml')
      await writeFile(file, 'admin:\n  endpoint: dns:///flyte.example.com\n  authType: DeviceFlow\n')
      expect((await loadYamlConfig(file)).config.profiles.default).toEqual({ host: 'https://flyte.example.com', flow: 'device' })
      await expect(loadYamlConfig(join(dir, 'missing.yaml'))).rejects.toMatchObject({ code: 'CONFIG_ERROR', message: `cannot read the config file ${join(dir, 'missing.yaml')} (ENOENT)` })
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
