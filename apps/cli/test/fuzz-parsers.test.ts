// Fuzzing the CLI's own parsers: the flyte-style YAML config (parseYamlConfig, loadYamlConfig)
// and git's credential-helper input (parseGitCredentialInput, readGitCredentialInput,
// matchesHost). Only a documented AuthError comes out, in time, with a message safe on a terminal.
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { ErrorCode } from '@auth/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { assertTerminalSafe, fc, fuzzParams, fuzzTimeout, hugeString, nastyString, settle } from '@auth/testing/fuzz'
import { loadYamlConfig, parseYamlConfig } from '../src/config-yaml.js'
import { matchesHost, parseGitCredentialInput, readGitCredentialInput } from '../src/git-credential-input.js'

const yamlScalar = fc.oneof(
  nastyString(30).map((s) => JSON.stringify(s)),
  nastyString(20),
  fc.constantFrom(
    'dns:///flyte.example.com:443',
    'http://127.0.0.1:1',
    'Pkce',
    'DeviceFlow',
    'ClientSecret',
    'true',
    'no',
    '~',
    '1e300',
    '*a',
    '&a x',
    '!!binary aGk=',
    '[a, b]',
    '{a: 1}',
    '|\n  x',
    '>-',
  ),
  hugeString(3_000).map((s) => JSON.stringify(s)),
)
const yamlKey = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom('endpoint', 'insecure', 'authType', 'clientId', 'clientSecretLocation', 'clientSecretEnvVar', 'scopes', 'authorizationServerUrl', 'caCertFilePath', 'tokenUrl', '<<'),
  },
  { weight: 1, arbitrary: nastyString(12) },
)
const yamlDocument = fc
  .tuple(
    fc.constantFrom('admin:', 'admin: x', 'admin: []', 'other:', '', '---\nadmin:', 'admin: &a\n  endpoint: x\nb: *a'),
    fc.array(
      fc.tuple(fc.constantFrom('  ', '    ', '\t', ''), yamlKey, yamlScalar).map(([i, k, v]) => `${i}${k}: ${v}`),
      { maxLength: 8 },
    ),
    fc.option(nastyString(40), { nil: undefined }),
  )
  .map(([head, lines, tail]) => [head, ...lines, ...(tail === undefined ? [] : [tail])].join('\n'))
const anyYaml = fc.oneof({ weight: 4, arbitrary: yamlDocument }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) })

const gitValue = fc.oneof(
  nastyString(30),
  fc.constantFrom('https', 'example.com', '127.0.0.1:4555', '0x7f.0.0.1:4555', '127.0.0.1:4555\\evil.com', 'https://u:p@example.com/a%ZZ', 'https://example.com/%00'),
)
const gitLine = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('protocol', 'host', 'path', 'username', 'password', 'url', 'wwwauth[]', 'capability[]'), gitValue).map(([k, v]) => `${k}=${v}`) },
  { weight: 1, arbitrary: nastyString(40) },
  { weight: 1, arbitrary: fc.constantFrom('', '=', 'novalue', `host=${'a'.repeat(17_000)}`) },
)
const gitInput = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(fc.array(gitLine, { maxLength: 8 }), fc.constantFrom('\n', '\r\n')).map(([lines, eol]) => lines.join(eol)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
)

// Found by this fuzzing (issue 11): the YAML library's syntax error message quotes the offending
// source characters; config-yaml.ts now sanitises it (a NUL, ESC, U+202E no longer reach the terminal).

describe('fuzz: the YAML config', () => {
  it('a YAML syntax error message does not echo control characters from the file', () => {
    let message = ''
    try {
      parseYamlConfig('>\u0000\u001b[2J\u202e\n', 'config.yaml')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toMatch(/invalid YAML/)
    assertTerminalSafe(message, 'YAML syntax error')
  })

  it(
    'parseYamlConfig: a config or a documented CONFIG_ERROR with a terminal-safe message',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyYaml, async (text) => {
          const result = await settle(() => parseYamlConfig(text, 'config.yaml'), { timeoutMs: 2_000 })
          if (!result.ok) expect(result.error.code).toBe(ErrorCode.CONFIG_ERROR)
        }),
        fuzzParams(400),
      )
    },
    fuzzTimeout(400, 5),
  )

  describe('loadYamlConfig on files of random bytes', () => {
    let dir: string
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'fuzz-yaml-'))
    })
    afterAll(() => rm(dir, { recursive: true, force: true }))

    it(
      'a config or a documented CONFIG_ERROR',
      async () => {
        let n = 0
        const bytes = fc.oneof(
          fc.uint8Array({ maxLength: 300 }),
          yamlDocument.map((t) => new TextEncoder().encode(t)),
        )
        await fc.assert(
          fc.asyncProperty(bytes, async (content) => {
            const file = join(dir, `c${n++}.yaml`)
            await writeFile(file, content, { mode: 0o600 })
            const result = await settle(() => loadYamlConfig(file), { timeoutMs: 2_000 })
            if (!result.ok) expect(result.error.code).toBe(ErrorCode.CONFIG_ERROR)
          }),
          fuzzParams(150),
        )
      },
      fuzzTimeout(150, 5),
    )
  })
})

describe('fuzz: git credential helper input', () => {
  it(
    'parseGitCredentialInput: a request or a documented USAGE_ERROR; matchesHost never throws and never matches another host string',
    async () => {
      await fc.assert(
        fc.asyncProperty(gitInput, async (text) => {
          const result = await settle(() => parseGitCredentialInput(text), { timeoutMs: 2_000 })
          if (!result.ok) {
            expect(result.error.code).toBe(ErrorCode.USAGE_ERROR)
            return
          }
          const request = result.value
          for (const host of ['https://example.com', 'http://127.0.0.1:4555']) {
            const url = new URL(host)
            const matched = matchesHost(request, host)
            if (matched) {
              // Only git's exact strings match: the scheme, and host[:port] as the URL writes it (or with the default port).
              expect(request.protocol?.toLowerCase()).toBe(url.protocol.slice(0, -1))
              expect([url.host, `${url.host}:${url.protocol === 'https:' ? 443 : 80}`]).toContain(request.host?.toLowerCase())
            }
          }
        }),
        fuzzParams(500),
      )
    },
    fuzzTimeout(500, 5),
  )

  it(
    'readGitCredentialInput: random chunks, huge input: the text up to a blank line, or a documented USAGE_ERROR',
    async () => {
      const chunks = fc.oneof(
        fc.array(
          fc.oneof(
            gitInput,
            fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)),
          ),
          { maxLength: 6 },
        ),
        hugeString(200_000).map((s) => [s]),
      )
      await fc.assert(
        fc.asyncProperty(chunks, async (parts) => {
          const result = await settle(() => readGitCredentialInput(Readable.from(parts) as never), { timeoutMs: 2_000 })
          if (!result.ok) expect(result.error.code).toBe(ErrorCode.USAGE_ERROR)
          else expect(Buffer.byteLength(result.value)).toBeLessThanOrEqual(64 * 1024 + 64 * 1024)
        }),
        fuzzParams(200),
      )
    },
    fuzzTimeout(200, 5),
  )
})
