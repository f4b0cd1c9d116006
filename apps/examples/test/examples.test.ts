// The README's createAuth examples, bundled with esbuild as a product would bundle them, and run
// as separate processes against the real dev server: PAT + file store; device flow + keychain
// with a file fallback (no D-Bus here, said out loud); and 20 processes of the device example
// refreshing at once: exactly one refresh request at the server.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { bundleEntry } from './_product.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let server: DevServer
let work: string
const bundles: Record<string, string> = {}
beforeAll(async () => {
  server = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 30, refreshedAccessTokenTtl: 3600, clockTolerance: 0 })
  work = await mkdtemp(join(tmpdir(), 'auth-examples-'))
  for (const name of ['pat-file', 'pat-token', 'device-keychain']) {
    bundles[name] = join(work, `${name}.mjs`)
    await bundleEntry(join(import.meta.dirname, '..', 'src', `${name}.ts`), bundles[name], { minify: false })
  }
}, 60_000)
afterAll(async () => {
  await server?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

interface Ran {
  code: number | null
  stdout: string
  stderr: string
}

/** Runs an example; its stdin is a pipe (never a terminal) holding `input`, or left open when `input` is `null`. */
function start(example: string, args: string[], env: Record<string, string>, input?: string | null): { lines: AsyncIterator<string>; done: Promise<Ran> } {
  const child = spawn(process.execPath, [bundles[example] as string, ...args], { env: { PATH: process.env.PATH ?? '', HOME: env.MYCLI_DIR ?? work, ...env }, stdio: ['pipe', 'pipe', 'pipe'] })
  if (input !== null) child.stdin.end(input ?? '')
  const done = new Promise<Ran>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  // A stdin left open is closed once the example exits on its own (it must not wait for it).
  child.on('exit', () => child.stdin.destroy())
  let stdout = ''
  let stderr = ''
  const pending: string[] = []
  const waiters: ((line: string) => void)[] = []
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk
    for (const line of chunk.split('\n').filter(Boolean)) {
      const wake = waiters.shift()
      if (wake) wake(line)
      else pending.push(line)
    }
  })
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk))
  const lines: AsyncIterator<string> = {
    next: () =>
      new Promise((resolve) => {
        const line = pending.shift()
        if (line !== undefined) resolve({ value: line, done: false })
        else waiters.push((value) => resolve({ value, done: false }))
      }),
  }
  return { lines, done }
}

const run = (example: string, args: string[], env: Record<string, string>, input?: string | null) => start(example, args, env, input).done

describe('the root README', () => {
  it('shows exactly apps/examples/src/device-keychain.ts', async () => {
    const readme = await readFile(join(import.meta.dirname, '..', '..', '..', 'README.md'), 'utf8')
    const source = await readFile(join(import.meta.dirname, '..', 'src', 'device-keychain.ts'), 'utf8')
    expect(readme).toContain(`\`\`\`ts\n${source}\`\`\``)
  })
})

describe('PAT + file store', () => {
  it('logs in with a validated PAT, prints it, calls the API with it, logs out', async () => {
    const dir = await mkdtemp(join(work, 'pat-'))
    const env = { MYCLI_HOST: server.issuer, MYCLI_DIR: dir }
    const pat = server.mintPat({ login: 'pat-user', scopes: ['api:read'] })
    expect(await run('pat-file', ['login'], env, pat)).toMatchObject({ code: 0, stderr: 'logged in as pat-user\n' })
    expect(await run('pat-file', ['token'], env)).toMatchObject({ code: 0, stdout: `${pat}\n` })
    expect(JSON.parse((await run('pat-file', ['me'], env)).stdout)).toMatchObject({ login: 'pat-user' })
    expect((await run('pat-file', ['logout'], env)).code).toBe(0)
    const after = await run('pat-file', ['token'], env)
    expect(after).toMatchObject({ code: 4 })
    expect(after.stderr).toBe(`error[LOGIN_REQUIRED]: not logged in to ${server.issuer}\nhint: run \`mycli auth login\`\n`)
  })

  it('a bad token is refused before saving: exit 4, nothing stored', async () => {
    const dir = await mkdtemp(join(work, 'pat-'))
    const env = { MYCLI_HOST: server.issuer, MYCLI_DIR: dir }
    const bad = await run('pat-file', ['login'], env, 'dvp_notatokentheserverknows000000000')
    expect(bad.code).toBe(4)
    expect(bad.stderr).toMatch(/^error\[INVALID_TOKEN\]/)
    expect((await run('pat-file', ['token'], env)).code).toBe(4)
  })
})

describe('a product that only calls getAccessToken() and fetch() (issue 14): createAuth + createPatFlow({ host, profileUrl }) + file store', () => {
  it('with MYCLI_TOKEN set, hands out that token and fetch sends it to the API', async () => {
    const dir = await mkdtemp(join(work, 'token-'))
    const pat = server.mintPat({ login: 'env-user', scopes: ['api:read'] })
    const env = { MYCLI_HOST: server.issuer, MYCLI_DIR: dir, MYCLI_TOKEN: pat }
    expect(await run('pat-token', ['token'], env)).toEqual({ code: 0, stdout: `${pat}\n`, stderr: '' })
    server.resetCounters()
    const me = await run('pat-token', ['me'], env)
    expect(me.code, me.stderr).toBe(0)
    expect(JSON.parse(me.stdout)).toMatchObject({ login: 'env-user' })
    expect(server.counters()['profile']).toBe(1)
  })

  it('with nothing stored and no terminal, fails with LOGIN_REQUIRED, exit 4, without prompting or reading stdin', async () => {
    const dir = await mkdtemp(join(work, 'token-'))
    const env = { MYCLI_HOST: server.issuer, MYCLI_DIR: dir }
    // stdin is a pipe left open: an example that prompted or read it would never exit.
    for (const command of ['token', 'me']) {
      expect(await run('pat-token', [command], env, null)).toEqual({
        code: 4,
        stdout: '',
        stderr: `error[LOGIN_REQUIRED]: not logged in to ${server.issuer}\nhint: run \`mycli auth login\`\n`,
      })
    }
  })

  it('uses a stored login (the pat-file example logged in) when MYCLI_TOKEN is not set', async () => {
    const dir = await mkdtemp(join(work, 'token-'))
    const env = { MYCLI_HOST: server.issuer, MYCLI_DIR: dir }
    const pat = server.mintPat({ login: 'stored-user', scopes: ['api:read'] })
    expect((await run('pat-file', ['login'], env, pat)).code).toBe(0)
    expect(await run('pat-token', ['token'], env, null)).toEqual({ code: 0, stdout: `${pat}\n`, stderr: '' })
  })
})

describe('device flow + keychain with a file fallback', () => {
  async function deviceLogin(dir: string): Promise<Ran> {
    const login = start('device-keychain', ['login'], { MYCLI_HOST: server.issuer, MYCLI_DIR: dir })
    const code = JSON.parse((await login.lines.next()).value as string) as { user_code: string }
    await server.approveDevice(code.user_code, { login: 'dana' })
    return login.done
  }

  it('logs in (falling back to the file, said out loud), then calls the API', async () => {
    const dir = await mkdtemp(join(work, 'device-'))
    const login = await deviceLogin(dir)
    expect(login.code, login.stderr).toBe(0)
    expect(login.stderr).toMatch(/credentials saved in plain text in .*credentials; use the encrypted store, or make a keychain available/)
    expect(login.stderr).toMatch(/logged in as dana/)
    const me = await run('device-keychain', ['me'], { MYCLI_HOST: server.issuer, MYCLI_DIR: dir })
    expect(JSON.parse(me.stdout)).toMatchObject({ login: 'dana' })
  })

  it('20 processes of the product at once with an expired token: one refresh request, one token, accepted by the API', async () => {
    const dir = await mkdtemp(join(work, 'device-'))
    expect((await deviceLogin(dir)).code).toBe(0)
    server.resetCounters()
    const results = await Promise.all(Array.from({ length: 20 }, () => run('device-keychain', ['token'], { MYCLI_HOST: server.issuer, MYCLI_DIR: dir })))
    expect(
      results.map((r) => r.code),
      results.map((r) => r.stderr).join('\n'),
    ).toEqual(Array(20).fill(0))
    const tokens = new Set(results.map((r) => r.stdout.trim()))
    expect(tokens.size).toBe(1)
    expect(server.counters()['refresh_token']).toBe(1)
    const response = await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${[...tokens][0]}` } })
    expect(response.status).toBe(200)
  })
})
