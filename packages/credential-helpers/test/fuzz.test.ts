// Fuzzing the protocol parsers: what docker sends a helper (a server URL, a store request) and
// what kubectl sets in KUBERNETES_EXEC_INFO. Only a documented AuthError or a protocol answer
// comes out; matchesServer never matches a server string other than the host's own spellings.
import { ErrorCode } from '@auth/core'
import { fc, fuzzParams, fuzzTimeout, nastyString, settle } from '@auth/testing/fuzz'
import { describe, expect, it } from 'vitest'
import { matchesServer, parseDockerStore, parseExecInfo } from '../src/index.js'

const server = fc.oneof(
  nastyString(40),
  fc.constantFrom('registry.example.com', 'https://registry.example.com/v2/', '127.0.0.1:4555', 'http://127.0.0.1:4555', '0x7f.0.0.1:4555', 'REGISTRY.example.com:443'),
  fc.tuple(fc.constantFrom('', 'https://', 'http://', 'HTTPS://', 'ftp://'), nastyString(20), fc.constantFrom('', ':443', ':4555', ':80', '/v1/', '@x', '\\x')).map((p) => p.join('')),
)

describe('fuzz: docker and kubectl input', () => {
  it(
    'matchesServer never throws and matches only the host as written (scheme, host[:port], default port)',
    () => {
      fc.assert(
        fc.property(server, (text) => {
          for (const host of ['https://registry.example.com', 'http://127.0.0.1:4555']) {
            if (!matchesServer(text, host)) continue
            const url = new URL(host)
            const named = text
              .trim()
              .replace(/^[a-z]+:\/\//i, '')
              .split(/[/?#]/)[0]
              ?.toLowerCase()
            expect([url.host, `${url.host}:${url.protocol === 'https:' ? 443 : 80}`]).toContain(named)
          }
        }),
        fuzzParams(1000),
      )
    },
    fuzzTimeout(1000, 5),
  )

  it(
    'parseDockerStore and parseExecInfo: an answer, or a documented USAGE_ERROR naming the variable',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(nastyString(200), fc.json(), fc.constant('{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v1"}')), async (text) => {
          const store = parseDockerStore(text)
          expect(typeof store).toBe('object')
          // Fixed messages only: a value is never echoed.
          if ('error' in store) expect(['no credentials server URL', 'no credentials username', 'the input is not a JSON object {"ServerURL","Username","Secret"}']).toContain(store.error)
          const info = await settle(() => parseExecInfo(text), { timeoutMs: 1_000 })
          if (!info.ok) {
            expect(info.error.code).toBe(ErrorCode.USAGE_ERROR)
            expect(info.error.message).toMatch(/^KUBERNETES_EXEC_INFO /)
          }
        }),
        fuzzParams(500),
      )
    },
    fuzzTimeout(500, 5),
  )
})
