import { describe, expect, it } from 'vitest'
import { proxyUrl, proxyVariablesUsable } from './proxy-url.js'
import { tokenIndexInputs } from './token-index-inputs.js'

const inputs = (flags: object, env: Record<string, string>, cwd = '/work/a') => tokenIndexInputs(flags, env, '/home/me', () => cwd)
const gone = () => {
  throw new Error('ENOENT: uv_cwd')
}

describe('tokenIndexInputs', () => {
  it('records the working folder only where the config file is a relative path', () => {
    expect(inputs({ config: 'authcli.toml' }, {})).not.toBe(inputs({ config: 'authcli.toml' }, {}, '/work/b'))
    expect(inputs({}, { AUTHCLI_CONFIG: 'authcli.toml' })).not.toBe(inputs({}, { AUTHCLI_CONFIG: 'authcli.toml' }, '/work/b'))
    for (const config of ['/etc/authcli.toml', '~/authcli.toml', '~', ' ']) expect(inputs({ config }, {})).toBe(inputs({ config }, {}, '/work/b'))
    expect(inputs({}, {})).toBe(inputs({}, {}, '/work/b'))
    // A deleted working folder: asked only for a relative path, and then no index.
    expect(tokenIndexInputs({}, {}, '/home/me', gone)).toBe(inputs({}, {}))
    expect(tokenIndexInputs({ config: 'authcli.toml' }, {}, '/home/me', gone)).toBeUndefined()
  })

  it('records secrets as set or blank, and gives up on what it cannot record', () => {
    const text = inputs({}, { AUTHCLI_TOKEN: 'tok_secret', AUTHCLI_CLIENT_SECRET: 'cs_secret', AUTHCLI_HOST: 'https://h', OTHER: 'x' }) ?? ''
    expect(text).toContain('"AUTHCLI_HOST","https://h"')
    expect(text).not.toMatch(/tok_secret|cs_secret|OTHER/)
    expect(inputs({}, { AUTHCLI_TOKEN: ' ' })).not.toBe(inputs({}, { AUTHCLI_TOKEN: 't' }))
    // The encryption key is parsed by every lookup: only its absence ('' counts as absent) is recorded.
    expect(inputs({}, { AUTHCLI_ENCRYPTION_KEY: '' })).toBe(inputs({}, {}))
    for (const value of [' ', 'short', 'a-long-enough-passphrase']) expect(inputs({}, { AUTHCLI_ENCRYPTION_KEY: value })).toBeUndefined()
    // A variable it does not know may be a secret, or one a newer lookup reads.
    expect(inputs({}, { AUTHCLI_PAT: 'ghp_x' })).toBeUndefined()
    expect(inputs({}, { HTTPS_PROXY: 'ftp://p' })).toBeUndefined()
    expect(inputs({}, { HTTPS_PROXY: 'http://p:1' })).toBe(inputs({}, {}))
  })
})

describe('proxyVariablesUsable', () => {
  it('is false exactly where networkSettings refuses a variable: the first one set of each list', () => {
    expect(proxyVariablesUsable({})).toBe(true)
    expect(proxyVariablesUsable({ https_proxy: 'proxy:3128', HTTPS_PROXY: 'ftp://p' })).toBe(true)
    expect(proxyVariablesUsable({ https_proxy: ' ', HTTPS_PROXY: 'ftp://p' })).toBe(false)
    expect(proxyVariablesUsable({ ALL_PROXY: 'http://' })).toBe(false)
    expect(proxyUrl('socks5://s:1080')).toBe('socks5://s:1080')
  })
})
