// End-to-end: the BUILT binary as git's credential helper answers only for the configured host,
// compared as git wrote it, never for a host a URL parser would rewrite into it (issue 11 #7).
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { baseEnv, run } from './_run.js'

const TOKEN = 'git-host-canary-token-0123456789'
const HOST = 'http://127.0.0.1:4555'
let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authcli-git-hosts-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

function get(input: string) {
  return run(baseEnv(dir, join(dir, 'config'), { AUTHCLI_TOKEN: TOKEN, AUTHCLI_STORE: 'file' }), ['--host', HOST, 'auth', 'git-credential', 'get'], input)
}

describe('auth git-credential get: the host as git wrote it', () => {
  it('answers for protocol=http host=127.0.0.1:4555 (and its url= form)', async () => {
    for (const input of ['protocol=http\nhost=127.0.0.1:4555\n\n', 'url=http://127.0.0.1:4555/org/repo.git\n\n']) {
      const result = await get(input)
      expect(result.code).toBe(0)
      expect(result.stdout).toBe(`username=x-access-token\npassword=${TOKEN}\n`)
    }
  })

  it.each(['127.0.0.1:4555\\evil.com', '2130706433:4555', '0x7f.0.0.1:4555', '127.0.0.1:04555', '127.1:4555', 'localhost:4555'])(
    'says nothing for host=%s (exit 0, no token anywhere)',
    async (host) => {
      for (const input of [`protocol=http\nhost=${host}\n\n`, `url=http://${host}/repo.git\n\n`]) {
        const result = await get(input)
        expect(result.code).toBe(0)
        expect(result.stdout).toBe('')
        expect(`${result.stdout}${result.stderr}`).not.toContain(TOKEN)
      }
    },
  )
})

describe('auth git-credential get: never a token to git over plain http off loopback', () => {
  it('says nothing for a profile host http://git.example.com, asked exactly (exit 0, no token anywhere)', async () => {
    const env = baseEnv(dir, join(dir, 'config'), { AUTHCLI_TOKEN: TOKEN, AUTHCLI_STORE: 'file' })
    for (const input of ['protocol=http\nhost=git.example.com\n\n', 'url=http://git.example.com/org/repo.git\n\n']) {
      const result = await run(env, ['--host', 'http://git.example.com', 'auth', 'git-credential', 'get', '--debug'], input)
      expect(result.code).toBe(0)
      expect(result.stdout).toBe('')
      expect(result.stderr).toContain('plain http off loopback')
      expect(`${result.stdout}${result.stderr}`).not.toContain(TOKEN)
    }
    // The same profile on https is answered: the refusal is the scheme's, not the host's.
    const https = await run(env, ['--host', 'https://git.example.com', 'auth', 'git-credential', 'get'], 'protocol=https\nhost=git.example.com\n\n')
    expect(https.stdout).toBe(`username=x-access-token\npassword=${TOKEN}\n`)
  })
})
