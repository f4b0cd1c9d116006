// One refresh across all processes (issue 9), against the real dev server with refresh-token
// rotation: 20 `authcli auth token` at once with an expired token send exactly one refresh
// request and print the same token, which the API accepts; a lock holder SIGKILLed mid-refresh
// is taken over; a revoked refresh token is exit 4 with the login hint and the credential kept,
// marked; logout revokes (checked by introspection); `api` renews once on a 401.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN } from './_run.js'
import { deviceLogin, fails, fileCredentials, ok, sandbox, whoIs, type Sandbox } from './_contract.js'

let server: DevServer
beforeAll(async () => {
  // A 30 s access token is always inside the 60 s skew: every `auth token` wants a refresh.
  // Refreshed tokens live an hour, so the winner's token is used by everyone after it.
  server = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 30, refreshedAccessTokenTtl: 3600, clockTolerance: 0 })
})
afterAll(() => server?.close())

const HAS_KEYRING = ['dbus-run-session', 'gnome-keyring-daemon'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0)
const RAW_KEY = Buffer.alloc(32, 7).toString('base64')

async function loggedIn(env: Record<string, string> = {}): Promise<Sandbox> {
  const box = await sandbox({ AUTHCLI_STORE: 'file', ...env })
  await deviceLogin(box, server, 'erin', ['--scope', 'openid', '--scope', 'offline_access', '--scope', 'api:read'])
  server.resetCounters()
  return box
}

async function race(box: Sandbox, n: number): Promise<{ codes: (number | null)[]; tokens: Set<string>; stderr: string[] }> {
  const results = await Promise.all(Array.from({ length: n }, () => box.start(['auth', 'token']).done))
  return { codes: results.map((r) => r.code), tokens: new Set(results.map((r) => r.stdout.trim())), stderr: results.map((r) => r.stderr).filter(Boolean) }
}

describe('20 concurrent `authcli auth token` with an expired token and rotation', () => {
  for (const [store, env] of [
    ['file', {}],
    ['encrypted', { AUTHCLI_ENCRYPTION_KEY: RAW_KEY }],
  ] as const) {
    it(`${store} store: one refresh request, all exit 0 with the same token, which the API accepts`, async () => {
      const box = await loggedIn({ AUTHCLI_STORE: store, ...env })
      try {
        const { codes, tokens, stderr } = await race(box, 20)
        expect(codes, stderr.join('\n')).toEqual(Array(20).fill(0))
        expect(server.counters()['refresh_token']).toBe(1)
        expect(tokens.size).toBe(1)
        expect(await whoIs(server, [...tokens][0] as string)).toMatchObject({ login: 'erin' })
      } finally {
        await box.cleanup()
      }
    })
  }

  it('two processes racing a rotation: neither is logged out', async () => {
    const box = await loggedIn()
    try {
      const first = await race(box, 2)
      expect(first.codes).toEqual([0, 0])
      expect(first.tokens.size).toBe(1)
      // And the stored refresh token still works afterwards (the grant was not revoked by a reuse).
      ok(await box.authcli(['auth', 'refresh']))
      expect(server.counters()['refresh_token']).toBe(2)
    } finally {
      await box.cleanup()
    }
  })

  it.skipIf(!HAS_KEYRING && !process.env.CI)('keychain store (real Secret Service): one refresh request, the same token everywhere', async () => {
    const box = await loggedIn()
    try {
      const quote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`
      const cli = `${quote(process.execPath)} ${quote(BIN)}`
      const out = (i: number) => quote(join(box.dir, `out-${i}`))
      const script = [
        'echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
        `${cli} store migrate --to keychain >/dev/null 2>&1 || exit 9`,
        ...Array.from({ length: 20 }, (_, i) => `(AUTHCLI_STORE=keychain ${cli} auth token > ${out(i)} 2>&1; echo "exit $?" >> ${out(i)}) &`),
        'wait',
      ].join('\n')
      const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], { env: box.env(), stdio: 'ignore' })
      const code = await new Promise((resolve) => child.on('close', resolve))
      expect(code).toBe(0)
      const outputs = await Promise.all(Array.from({ length: 20 }, (_, i) => readFile(join(box.dir, `out-${i}`), 'utf8')))
      expect(
        outputs.every((o) => o.endsWith('exit 0\n')),
        outputs.join('\n'),
      ).toBe(true)
      expect(new Set(outputs.map((o) => o.split('\n')[0])).size).toBe(1)
      expect(server.counters()['refresh_token']).toBe(1)
      expect(await whoIs(server, outputs[0]?.split('\n')[0] as string)).toMatchObject({ login: 'erin' })
    } finally {
      await box.cleanup()
    }
  })
})

describe('the refresh lock', () => {
  it('a holder SIGKILLed mid-refresh: the next caller takes over and succeeds', async () => {
    const box = await loggedIn()
    try {
      const marker = join(box.dir, 'hanging')
      const hanging = box.start(['auth', 'token'], { env: { NODE_OPTIONS: `--require ${join(import.meta.dirname, 'fixtures', 'hang-token.cjs')}`, HANG_MARKER: marker } })
      for (let i = 0; i < 200 && !existsSync(marker); i++) await new Promise((r) => setTimeout(r, 25))
      expect(existsSync(marker)).toBe(true)
      const locks = await readdir(join(box.configDir, '.locks'))
      expect(locks.some((name) => name.endsWith('.lock'))).toBe(true)
      hanging.kill('SIGKILL')
      await hanging.done
      const next = ok(await box.authcli(['auth', 'token']))
      expect(await whoIs(server, next.stdout.trim())).toMatchObject({ login: 'erin' })
      expect(server.counters()['refresh_token']).toBe(1)
    } finally {
      await box.cleanup()
    }
  })

  it('a revoked refresh token: exit 4 with the login hint; the credential is kept, marked as needing a login', async () => {
    const box = await loggedIn()
    try {
      const [stored] = Object.values(await fileCredentials(box))
      expect(await server.revokeGrant(stored?.refreshToken as string)).toBe(true)
      const result = fails(await box.authcli(['auth', 'token']), 4, 'SESSION_EXPIRED')
      expect(result.stderr).toMatch(/session expired/)
      expect(result.stderr).toMatch(/hint: run `authcli auth login`/)
      const [after] = Object.values(await fileCredentials(box))
      expect(after).toMatchObject({ refreshToken: stored?.refreshToken, needsLogin: true })
      // It is not spent again.
      fails(await box.authcli(['auth', 'token']), 4, 'SESSION_EXPIRED')
      expect(server.counters()['refresh_token']).toBe(1)
    } finally {
      await box.cleanup()
    }
  })
})

describe('logout and api through the session', () => {
  async function introspect(token: string): Promise<{ active: boolean }> {
    const meta = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as { introspection_endpoint: string }
    const { clientId, clientSecret } = server.clients.confidential
    const response = await fetch(meta.introspection_endpoint, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }),
    })
    return (await response.json()) as { active: boolean }
  }

  it('logout revokes the refresh and the access token at the server (introspection says inactive)', async () => {
    const box = await loggedIn()
    try {
      const [stored] = Object.values(await fileCredentials(box))
      expect((await introspect(stored?.refreshToken as string)).active).toBe(true)
      const out = JSON.parse(ok(await box.authcli(['auth', 'logout', '--json'])).stdout)
      expect(out.loggedOut[0]).toMatchObject({ account: 'erin', stores: ['file'], revoked: true })
      expect((await introspect(stored?.refreshToken as string)).active).toBe(false)
      expect((await introspect(stored?.accessToken as string)).active).toBe(false)
    } finally {
      await box.cleanup()
    }
  })

  it('logout --all also removes the moved-aside corrupt credentials files (they may hold tokens)', async () => {
    const box = await sandbox({ AUTHCLI_STORE: 'file' })
    try {
      await mkdir(box.configDir, { recursive: true, mode: 0o700 })
      await writeFile(box.file('credentials'), '{"version":1,"credentials":{"x": "refresh-token-in-a-broken-file"', { mode: 0o600 })
      await deviceLogin(box, server, 'erin')
      expect((await readdir(box.configDir)).some((name) => name.startsWith('credentials.corrupt-'))).toBe(true)
      ok(await box.authcli(['auth', 'logout', '--all']))
      expect((await readdir(box.configDir)).filter((name) => name.startsWith('credentials.corrupt-'))).toEqual([])
    } finally {
      await box.cleanup()
    }
  })

  it('api: a 401 renews once and retries once', async () => {
    const box = await loggedIn()
    try {
      ok(await box.authcli(['auth', 'token'])) // renewed once: now an hour-long token is stored
      const [stored] = Object.values(await fileCredentials(box))
      // The stored access token is one the server does not know (as after a server-side revocation
      // of that token alone): the API answers 401 to it, while the refresh token still works.
      const path = box.file('credentials')
      const doc = JSON.parse(await readFile(path, 'utf8')) as { credentials: Record<string, { accessToken: string }> }
      for (const c of Object.values(doc.credentials)) c.accessToken = 'unknown-access-token-0123456789'
      await writeFile(path, JSON.stringify(doc), { mode: 0o600 })
      expect(await whoIs(server, 'unknown-access-token-0123456789')).toBeNull()
      void stored
      server.resetCounters()
      const result = JSON.parse(ok(await box.authcli(['api', '/api/v1/profile'])).stdout)
      expect(result).toMatchObject({ login: 'erin' })
      expect(server.counters()['refresh_token']).toBe(1)
      expect(server.counters()['profile']).toBe(2)
      const [renewed] = Object.values(await fileCredentials(box))
      expect(await whoIs(server, renewed?.accessToken as string)).toMatchObject({ login: 'erin' })
    } finally {
      await box.cleanup()
    }
  })
})
