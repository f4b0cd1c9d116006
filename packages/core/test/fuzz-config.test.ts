// Fuzzing the TOML config parser and loader: random text, TOML-shaped documents with hostile
// keys and values, and random bytes on disk. Only a documented AuthError (CONFIG_ERROR) comes
// out, with a message safe on a terminal; a config that parses serializes and parses back the same.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CONFIG_KEYS, ErrorCode, loadConfig, parseConfig, serializeConfig } from '@auth/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fc, fuzzParams, fuzzTimeout, hugeString, nastyString, settle, assertTerminalSafe } from '@auth/testing/fuzz'

const KEYS = Object.keys(CONFIG_KEYS)
const tomlString = nastyString(30).map((s) => JSON.stringify(s))
const tomlValue = fc.oneof(
  tomlString,
  fc.constantFrom('"pkce"', '"device"', '"file"', '"https://example.com"', '"http://127.0.0.1:1"', 'true', '1e300', '-0', 'nan', '[]', '["openid", "x y"]', '{ a = 1 }', '1979-05-27T07:32:00Z'),
  fc.array(tomlString, { maxLength: 3 }).map((a) => `[${a.join(', ')}]`),
  hugeString(3_000).map((s) => JSON.stringify(s)),
)
const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...KEYS, 'client_secret', 'password', '__proto__', 'constructor') }, { weight: 1, arbitrary: nastyString(12) })
const line = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(key, tomlValue).map(([k, v]) => `${k} = ${v}`) },
  { weight: 2, arbitrary: fc.oneof(nastyString(12), fc.constantFrom('work', 'eu.prod', '__proto__', '')).map((n) => `[profiles.${JSON.stringify(n)}]`) },
  { weight: 1, arbitrary: fc.constantFrom('[profiles]', '[profiles.a.b]', '[[profiles]]', 'active_profile = "work"', 'active_profile = 1', '[other]') },
  { weight: 1, arbitrary: nastyString(40) },
)
const tomlDocument = fc.array(line, { maxLength: 12 }).map((lines) => lines.join(fc.sample(fc.constantFrom('\n', '\r\n'), 1)[0]))
const anyText = fc.oneof({ weight: 3, arbitrary: tomlDocument }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) }, { weight: 1, arbitrary: nastyString(200) })

describe('fuzz: the TOML config', () => {
  it(
    'parseConfig: a config or a documented CONFIG_ERROR; a parsed config round-trips',
    async () => {
      await fc.assert(
        fc.asyncProperty(anyText, async (text) => {
          const result = await settle(() => parseConfig(text, 'config.toml'), { timeoutMs: 2_000 })
          if (!result.ok) {
            expect(result.error.code).toBe(ErrorCode.CONFIG_ERROR)
            return
          }
          const again = parseConfig(serializeConfig(result.value), 'config.toml')
          expect(again).toEqual(result.value)
        }),
        fuzzParams(400),
      )
    },
    fuzzTimeout(400, 5),
  )

  it('parseConfig: a non-string is a documented CONFIG_ERROR', async () => {
    for (const value of [undefined, null, 42, {}, [], Buffer.from('host = "x"')]) {
      const result = await settle(() => parseConfig(value as never, 'config.toml'))
      expect(result.ok).toBe(false)
    }
  })

  describe('loadConfig on a file of random bytes', () => {
    let dir: string
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'fuzz-config-'))
    })
    afterAll(() => rm(dir, { recursive: true, force: true }))

    it(
      'a config or a documented CONFIG_ERROR, nothing written',
      async () => {
        const bytes = fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          tomlDocument.map((t) => new TextEncoder().encode(t)),
        )
        let n = 0
        await fc.assert(
          fc.asyncProperty(bytes, async (content) => {
            const file = join(dir, `config-${n++}.toml`)
            await writeFile(file, content, { mode: 0o600 })
            const result = await settle(() => loadConfig(file), { timeoutMs: 2_000 })
            if (!result.ok) {
              expect(result.error.code).toBe(ErrorCode.CONFIG_ERROR)
              assertTerminalSafe(result.error.message, 'loadConfig message')
            }
          }),
          fuzzParams(200),
        )
        // Nothing but the files written here: no temp file, no lock.
        expect((await readdir(dir)).every((name) => /^config-\d+\.toml$/.test(name))).toBe(true)
      },
      fuzzTimeout(200, 5),
    )
  })
})

describe('config messages show hostile keys escaped (found by the fuzzer)', () => {
  it.each([
    ['[profiles."\\u0000"]\n', 'profiles."\\u0000"'],
    ['[profiles.work]\n"\\u001b[2J\\u202e" = 1\n', 'profiles.work."\\u001B[2J\\u202E"'],
    ['"a\\u0007b" = "x" = 1\n', '"a\\u0007b"'],
  ])('%j', (text, shown) => {
    let message = ''
    try {
      parseConfig(text, 'config.toml')
    } catch (error) {
      message = (error as Error).message
    }
    expect(message).toContain(shown)
    assertTerminalSafe(message, 'message')
  })
})
