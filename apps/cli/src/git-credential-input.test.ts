import { describe, expect, it } from 'vitest'
import { textStream } from './_testing.js'
import type { InputStream } from './context.js'
import { MAX_GIT_INPUT_BYTES, matchesHost, parseGitCredentialInput, readGitCredentialInput } from './git-credential-input.js'

const SECRET = 'hunter2-hunter2-hunter2'

function errorOf(text: string): { code: string; exitCode: number; message: string; hint?: string } {
  try {
    parseGitCredentialInput(text)
  } catch (error) {
    return error as { code: string; exitCode: number; message: string; hint?: string }
  }
  throw new Error('expected an error')
}

describe('parseGitCredentialInput', () => {
  it('reads the attributes it uses, up to the blank line', () => {
    const text = `protocol=https\nhost=git.example.com:8443\npath=org/repo.git\nusername=alice\npassword=${SECRET}\nwwwauth[]=Bearer realm="x"\ncapability[]=authtype\n\nhost=ignored\n`
    expect(parseGitCredentialInput(text)).toEqual({ protocol: 'https', host: 'git.example.com:8443', path: 'org/repo.git', username: 'alice' })
  })

  it('accepts the end of input without a blank line, CRLF, empty values and an empty input', () => {
    expect(parseGitCredentialInput('protocol=http\r\nhost=127.0.0.1:80')).toEqual({ protocol: 'http', host: '127.0.0.1:80' })
    expect(parseGitCredentialInput('username=\n')).toEqual({ username: '' })
    expect(parseGitCredentialInput('')).toEqual({})
    expect(parseGitCredentialInput('\nprotocol=http\n')).toEqual({})
  })

  it.each([
    ['host', 'url=https://github.com/a.git\nhost=evil.example.com\n\n'],
    ['protocol', 'protocol=http\nurl=https://github.com/a.git\n\n'],
    ['path', 'url=https://github.com/a.git\npath=other/repo.git\n\n'],
  ])('refuses a url= that disagrees with a %s= line, never echoing a value', (key, input) => {
    const error = errorOf(input)
    expect(error).toMatchObject({ code: 'USAGE_ERROR', exitCode: 2, message: `git-credential: url= and ${key}= disagree` })
    expect(error.message).not.toContain('evil')
    expect(parseGitCredentialInput('url=https://GitHub.com/a.git\nhost=github.com\nprotocol=HTTPS\n\n')).toMatchObject({ protocol: 'HTTPS', host: 'github.com', path: 'a.git' })
  })

  it.each(['protocol', 'host', 'path', 'url'])('refuses a repeated %s line (CVE-2020-5260: which one would git mean?), naming the key, never a value', (key) => {
    const values: Record<string, [string, string]> = {
      protocol: ['https', 'http'],
      host: ['github.com', 'evil.example.com'],
      path: ['org/repo.git', 'other/repo.git'],
      url: ['https://github.com/a.git', 'https://evil.example.com/a.git'],
    }
    const [first, second] = values[key] as [string, string]
    const other = key === 'host' ? 'protocol=https' : 'host=github.com'
    const error = errorOf(`${other}\n${key}=${first}\nusername=x\n${key}=${second}\n\n`)
    expect(error).toMatchObject({ code: 'USAGE_ERROR', exitCode: 2, message: `git-credential: ${key}= is given twice (lines 2 and 4)` })
    expect(error.hint).toContain('git help credential')
    expect(error.message).not.toContain(second)
  })

  it('fills in from url= what is not given', () => {
    expect(parseGitCredentialInput('url=https://bob@git.example.com/org/repo.git\n\n')).toEqual({ protocol: 'https', host: 'git.example.com', path: 'org/repo.git', username: 'bob' })
    expect(parseGitCredentialInput('url=https://git.example.com/\nusername=alice\n')).toEqual({ protocol: 'https', host: 'git.example.com', username: 'alice' })
  })

  it('keeps the host of url= as written (no URL parser rewriting it into another host)', () => {
    for (const host of ['0x7f.0.0.1:4555', '2130706433:4555', '127.0.0.1:04555', 'API.example.com']) {
      expect(parseGitCredentialInput(`url=http://${host}/repo.git\n`)).toMatchObject({ protocol: 'http', host })
      expect(matchesHost(parseGitCredentialInput(`url=http://${host}/repo.git\n`), 'http://127.0.0.1:4555')).toBe(false)
    }
    expect(parseGitCredentialInput('url=http://u%40x:pw@[::1]:4555/a%20b?q#f\n')).toEqual({ protocol: 'http', host: '[::1]:4555', path: 'a b', username: 'u@x' })
  })

  it.each([
    ['no "="', 'protocol https\n', /line 1 is not key=value/],
    ['an empty key', `=${SECRET}\n`, /line 1 is not key=value/],
    ['a key with spaces', `pass word=${SECRET}\n`, /line 1 is not key=value/],
    ['a NUL byte', `protocol=https\npassword=${SECRET}\0\n`, /NUL byte/],
    ['a huge line', `password=${SECRET}${'x'.repeat(20_000)}\n`, /line 1 is longer than 16384 characters/],
    ['a bad protocol', `protocol=ht tp${SECRET}\n`, /protocol= is not a URL scheme/],
    ['a bad host', `host=a b/${SECRET}\n`, /host= is not a host name/],
    ['a bad url', `url=::${SECRET}\n`, /url= is not a URL/],
    ['binary garbage', '\u00ff\u00fe\u0001\u0002\n', /line 1 is not key=value/],
  ])('rejects %s with exit 2, never echoing a value', (_what, text, message) => {
    const e = errorOf(text)
    expect(e).toMatchObject({ code: 'USAGE_ERROR', exitCode: 2 })
    expect(e.message).toMatch(message)
    expect(`${e.message} ${e.hint}`).not.toContain(SECRET)
    expect(e.hint).toContain('git help credential')
  })
})

describe('matchesHost', () => {
  it.each([
    [{ protocol: 'http', host: '127.0.0.1:8080' }, 'http://127.0.0.1:8080', true],
    [{ protocol: 'HTTPS', host: 'API.Example.com' }, 'https://api.example.com', true],
    [{ protocol: 'https', host: 'api.example.com:443' }, 'https://api.example.com', true],
    [{ protocol: 'https', host: 'api.example.com' }, 'https://api.example.com/base', true],
    [{ protocol: 'http', host: '127.0.0.1:8081' }, 'http://127.0.0.1:8080', false],
    [{ protocol: 'https', host: '127.0.0.1:8080' }, 'http://127.0.0.1:8080', false],
    [{ protocol: 'https', host: 'api.example.com.evil.example' }, 'https://api.example.com', false],
    [{ protocol: 'https' }, 'https://api.example.com', false],
    [{ host: 'api.example.com' }, 'https://api.example.com', false],
    [{ protocol: 'https', host: '' }, 'https://api.example.com', false],
    // Hosts a URL parser rewrites into the configured one: git's string is compared as is (issue 11 #7).
    [{ protocol: 'http', host: '127.0.0.1:4555\\evil.com' }, 'http://127.0.0.1:4555', false],
    [{ protocol: 'http', host: '127.0.0.1:4555\\@evil.com' }, 'http://127.0.0.1:4555', false],
    [{ protocol: 'http', host: '2130706433:4555' }, 'http://127.0.0.1:4555', false],
    [{ protocol: 'http', host: '0x7f.0.0.1:4555' }, 'http://127.0.0.1:4555', false],
    [{ protocol: 'http', host: '0177.0.0.1:4555' }, 'http://127.0.0.1:4555', false],
    [{ protocol: 'http', host: '127.1:4555' }, 'http://127.0.0.1:4555', false],
    [{ protocol: 'http', host: '127.0.0.1:04555' }, 'http://127.0.0.1:4555', false],
    [{ protocol: 'http', host: '127.0.0.1:4555.' }, 'http://127.0.0.1:4555', false],
    [{ protocol: 'https', host: 'api.example.com.' }, 'https://api.example.com', false],
    [{ protocol: 'https', host: 'api.example.com:0443' }, 'https://api.example.com', false],
    [{ protocol: 'https', host: 'api.example.com:443' }, 'https://api.example.com:8443', false],
    [{ protocol: 'https', host: 'api.example.com:80' }, 'https://api.example.com', false],
    [{ protocol: 'https', host: 'api.example.com\t' }, 'https://api.example.com', false],
    [{ protocol: 'https', host: 'api%2Eexample.com' }, 'https://api.example.com', false],
    [{ protocol: 'https', host: 'api.example.com:8443' }, 'https://api.example.com:8443', true],
    [{ protocol: 'http', host: '[::1]:4555' }, 'http://[::1]:4555', true],
    [{ protocol: 'http', host: '[0:0::1]:4555' }, 'http://[::1]:4555', false],
    [{ protocol: 'http', host: 'localhost:4555' }, 'http://localhost:4555', true],
    // A profile allowed plain http off loopback never hands its token to git (the docker helper's rule too).
    [{ protocol: 'http', host: 'api.example.com' }, 'http://api.example.com', false],
    [{ protocol: 'http', host: 'api.example.com:80' }, 'http://api.example.com', false],
    // Only a bare authority: a path, query, user or fragment in git's host string is another host.
    [{ protocol: 'https', host: 'api.example.com/evil' }, 'https://api.example.com', false],
    [{ protocol: 'https', host: 'api.example.com?x' }, 'https://api.example.com', false],
    [{ protocol: 'https', host: 'u@api.example.com' }, 'https://api.example.com', false],
    [{ protocol: 'https://api.example.com', host: 'api.example.com' }, 'https://api.example.com', false],
  ])('%j against %s -> %s', (request, host, expected) => {
    expect(matchesHost(request, host)).toBe(expected)
  })
})

describe('readGitCredentialInput', () => {
  it('reads to the first blank line, or the end; no stdin is an empty request', async () => {
    expect(await readGitCredentialInput(textStream('protocol=http\nhost=h\n\nmore'))).toBe('protocol=http\nhost=h\n\nmore')
    expect(await readGitCredentialInput(textStream('protocol=http\n'))).toBe('protocol=http\n')
    expect(await readGitCredentialInput(undefined)).toBe('')
  })

  it('stops reading at the blank line even when the writer keeps the pipe open', async () => {
    const stream: InputStream = {
      async *[Symbol.asyncIterator]() {
        yield 'protocol=http\n'
        yield Buffer.from('host=h\n\n')
        await new Promise(() => {}) // never ends
      },
    }
    expect(await readGitCredentialInput(stream)).toBe('protocol=http\nhost=h\n\n')
  })

  it(`refuses more than ${MAX_GIT_INPUT_BYTES} bytes (exit 2)`, async () => {
    const stream: InputStream = {
      async *[Symbol.asyncIterator]() {
        for (;;) yield `wwwauth[]=${'x'.repeat(1000)}\n`
      },
    }
    await expect(readGitCredentialInput(stream)).rejects.toMatchObject({ code: 'USAGE_ERROR', exitCode: 2, message: expect.stringContaining('larger than') })
  })
})
