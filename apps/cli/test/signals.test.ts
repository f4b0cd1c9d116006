// Signals during every flow: SIGINT (Ctrl-C) and SIGTERM while the device flow polls, while the
// browser flow's loopback listener waits, while a PAT is being validated, while the client
// credentials grant waits for its token, and while `auth token` holds the refresh lock. After
// each: the process is gone within seconds, the listener's port is free, and the config folder
// holds no lock, no temp file, and no new or torn credential.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { createServer, type AddressInfo } from 'node:net'
import { existsSync } from 'node:fs'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fileCredentials, ok, sandbox, type Sandbox } from './_contract.js'
import type { Running } from './_run.js'

let server: DevServer
let hang: HttpServer
let hangUrl: string
const hits: string[] = []
beforeAll(async () => {
  server = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 30, refreshedAccessTokenTtl: 3600, clockTolerance: 0 })
  // A server that answers discovery and never answers anything else (the request stays open).
  hang = createHttpServer((req, res) => {
    hits.push(req.url ?? '')
    if (req.url === '/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer: hangUrl, token_endpoint: `${hangUrl}/token`, userinfo_endpoint: `${hangUrl}/me` }))
    }
  })
  await new Promise<void>((resolve) => hang.listen(0, '127.0.0.1', resolve))
  hangUrl = `http://127.0.0.1:${(hang.address() as AddressInfo).port}`
})
afterAll(async () => {
  hang?.closeAllConnections()
  await new Promise((resolve) => hang?.close(resolve))
  await server?.close()
})

/** Files a killed login must not leave: locks, take-over tickets, temp files. */
async function leftovers(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return []
  const names = await readdir(dir, { recursive: true })
  return names.map(String).filter((n) => /\.lock($|\.)|\.tmp$|\.break/.test(n))
}

async function until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}

/** Sends `signal`; the process must end within 5 s. Resolves its exit code (null when killed by the signal). */
async function interrupt(running: Running, signal: NodeJS.Signals): Promise<number | null> {
  running.kill(signal)
  const result = await Promise.race([running.done, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running 5 s after ${signal}`)), 5_000))])
  return result.code
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolve(true)))
  })
}

/** The exit a signal should give: 130 for Ctrl-C; for SIGTERM, any non-zero end. */
function expectInterrupted(code: number | null, _signal: NodeJS.Signals): void {
  expect(code).toBe(130)
}

async function expectNothingLeft(box: Sandbox): Promise<void> {
  expect(await leftovers(box.configDir)).toEqual([])
  expect(existsSync(box.file('credentials'))).toBe(false)
}

describe.each(['SIGINT', 'SIGTERM'] as const)('%s during a login', (signal) => {
  it('the device flow while polling: nothing stored, nothing left', async () => {
    const box = await sandbox()
    try {
      const running = box.start(['auth', 'login', '--host', server.issuer, '--device', '--json'])
      JSON.parse(await running.nextLine())
      expectInterrupted(await interrupt(running, signal), signal)
      await expectNothingLeft(box)
    } finally {
      await box.cleanup()
    }
  })

  it('the browser flow while the loopback listener waits: the port is free, nothing stored', async () => {
    const box = await sandbox()
    try {
      let port = 0
      for (let p = 30_000 + Math.floor(Math.random() * 20_000); port === 0; p++) if (await isFree(p)) port = p
      const running = box.start(['auth', 'login', '--web', '--port', String(port), '--host', server.issuer, '--client-id', 'authcli'], { env: { BROWSER: '/bin/true' } })
      await until(async () => !(await isFree(port)), 'the listener')
      expectInterrupted(await interrupt(running, signal), signal)
      expect(await isFree(port)).toBe(true)
      await expectNothingLeft(box)
    } finally {
      await box.cleanup()
    }
  })

  it('a PAT while the profile endpoint has not answered: nothing stored', async () => {
    const box = await sandbox()
    try {
      const before = hits.length
      const running = box.start(['auth', 'login', '--host', hangUrl, '--token-stdin', '--profile-url', `${hangUrl}/profile`], { input: 'pat-under-signal-0123456789' })
      await until(() => hits.slice(before).includes('/profile'), 'the profile request')
      expectInterrupted(await interrupt(running, signal), signal)
      await expectNothingLeft(box)
    } finally {
      await box.cleanup()
    }
  })

  it('client credentials while the token endpoint has not answered: nothing stored', async () => {
    const box = await sandbox()
    try {
      const before = hits.length
      const running = box.start(['auth', 'login', '--host', hangUrl, '--client-credentials', '--client-id', 'bot'], { env: { AUTHCLI_CLIENT_SECRET: 'secret-under-signal-0123' } })
      await until(() => hits.slice(before).includes('/token'), 'the token request')
      expectInterrupted(await interrupt(running, signal), signal)
      await expectNothingLeft(box)
    } finally {
      await box.cleanup()
    }
  })

  // SIGTERM is handled like Ctrl-C (src/interrupt.ts): the refresh lock is released on the way out.
  it('auth token holding the refresh lock: the lock is released, the stored credential untouched', async () => {
    const box = await sandbox()
    try {
      const login = box.start(['auth', 'login', '--host', server.issuer, '--device', '--json'])
      await server.approveDevice((JSON.parse(await login.nextLine()) as { user_code: string }).user_code, { login: 'erin' })
      ok(await login.done)
      const stored = await readFile(box.file('credentials'), 'utf8')
      const marker = join(box.dir, 'hanging')
      const running = box.start(['auth', 'token'], { env: { NODE_OPTIONS: `--require ${join(import.meta.dirname, 'fixtures', 'hang-token-abortable.cjs')}`, HANG_MARKER: marker, HANG_URL: hangUrl } })
      await until(() => existsSync(marker), 'the refresh request')
      expect((await leftovers(box.configDir)).some((n) => n.endsWith('.lock'))).toBe(true)
      expectInterrupted(await interrupt(running, signal), signal)
      expect(await leftovers(box.configDir)).toEqual([])
      expect(await readFile(box.file('credentials'), 'utf8')).toBe(stored)
      expect(Object.values(await fileCredentials(box))).toHaveLength(1)
    } finally {
      await box.cleanup()
    }
  })

  it('auth token killed in the refresh lock: the next auth token recovers at once, the credential is whole', async () => {
    const box = await sandbox()
    try {
      const login = box.start(['auth', 'login', '--host', server.issuer, '--device', '--json'])
      await server.approveDevice((JSON.parse(await login.nextLine()) as { user_code: string }).user_code, { login: 'erin' })
      ok(await login.done)
      const marker = join(box.dir, 'hanging')
      const running = box.start(['auth', 'token'], { env: { NODE_OPTIONS: `--require ${join(import.meta.dirname, 'fixtures', 'hang-token-abortable.cjs')}`, HANG_MARKER: marker, HANG_URL: hangUrl } })
      await until(() => existsSync(marker), 'the refresh request')
      await interrupt(running, signal)
      const started = performance.now()
      const next = await box.authcli(['auth', 'token'])
      ok(next)
      expect(performance.now() - started).toBeLessThan(4_000)
      expect(await leftovers(box.configDir)).toEqual([])
    } finally {
      await box.cleanup()
    }
  })
})
