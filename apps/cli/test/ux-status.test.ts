// End-to-end, issue 18 items 4, 6, 7, 9, 11, 13, 15, 16 (unknown --host) and issue 17 "saying what
// wins": the BUILT binary against the real dev server; terminal behaviour through a real
// pseudo-terminal (util-linux `script -qfec`), answers typed when the prompt shows.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BIN, deadPort, deviceLogin, fails, ok, patLogin, profileUrl, sandbox, type Sandbox } from './_contract.js'

const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0

let server: DevServer
let box: Sandbox

beforeAll(async () => {
  server = await startDevServer({ port: 0, deviceInterval: 0.05 })
})
afterAll(() => server?.close())
beforeEach(async () => {
  box = await sandbox()
})
afterEach(() => box.cleanup())

/** `authcli ARGS` on a pseudo-terminal: what it printed (stdout and stderr together, escapes kept), typed answers, the end. */
interface OnTTY {
  /** Resolves once the output matches `pattern` (within 15 s). */
  waitFor(pattern: RegExp): Promise<string>
  type(text: string): void
  done: Promise<{ code: number | null; output: string }>
}

function onTTY(args: string[], env: Record<string, string> = {}): OnTTY {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...box.env(env), TERM: 'xterm', NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] })
  let output = ''
  const waiters: Array<() => void> = []
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
    for (const wake of waiters.splice(0)) wake()
  })
  const timer = setTimeout(() => child.kill(), 30_000)
  const done = new Promise<{ code: number | null; output: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer)
      // `script` stays attached to its stdin: ended here once the command is.
      for (const wake of waiters.splice(0)) wake()
      resolve({ code, output })
    }),
  )
  let closed = false
  void done.then(() => (closed = true))
  return {
    done,
    type: (text) => void child.stdin.write(text),
    async waitFor(pattern) {
      const until = Date.now() + 15_000
      while (!pattern.test(output)) {
        if (closed || Date.now() > until) throw new Error(`never printed ${pattern}; output:\n${output}`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 200)
        })
      }
      return output
    },
  }
}

/** Ends a pty run: closes its stdin so `script` exits with the command. */
async function finish(run: OnTTY): Promise<{ code: number | null; output: string }> {
  return run.done
}

/** The text as the terminal shows it: what a line-clear (`ESC[2K`) erased is gone, then no escapes. */
const plain = (text: string) =>
  text
    .replace(/\r/g, '')
    .replace(/[^\n]*\x1b\[2K/g, '')
    .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')

describe('item 4: auth status asks the server (--offline does not); auth token stays offline', () => {
  it.skipIf(!HAS_SCRIPT)('a revoked PAT is "refused by the server", exit 4; --offline says "not verified (offline)"; auth token sends nothing', async () => {
    const pat = await patLogin(box, server, 'bob')
    const before = onTTY(['auth', 'status'])
    const accepted = await finish(before)
    expect(accepted.code).toBe(0)
    expect(plain(accepted.output)).toContain('✓ logged in; the server accepts the token')
    expect(plain(accepted.output)).toMatch(/ {2}location: .*\/config\/credentials\n/)

    expect(server.revokePat(pat)).toBe(true)
    const refused = await finish(onTTY(['auth', 'status']))
    expect(refused.code).toBe(4)
    const text = plain(refused.output)
    expect(text).toContain(`✗ token refused by the server (${profileUrl(server)} answered HTTP 401); log in again`)
    expect(text).not.toContain('✓ logged in')
    expect(text).toContain("error[LOGIN_REQUIRED]: the server refused the token of the active profile 'default'")

    const offline = await finish(onTTY(['auth', 'status', '--offline']))
    expect(offline.code).toBe(0)
    expect(plain(offline.output)).toContain('✓ logged in (not verified: offline)')

    const calls = server.counters().profile ?? 0
    expect(ok(await box.authcli(['auth', 'token'])).stdout.trim()).toBe(pat)
    expect(server.counters().profile ?? 0).toBe(calls)

    const json = JSON.parse(fails(await box.authcli(['auth', 'status', '--json']), 4).stdout)
    expect(json.profiles[0]).toEqual({
      name: 'default',
      host: server.issuer,
      account: 'bob',
      flow: 'pat',
      store: 'file',
      active: true,
      expiresAt: null,
      scopes: ['api:read'],
      tenant: null,
      valid: false,
      source: 'file',
      location: box.file('credentials'),
    })
  })

  it('a device login is checked by introspection and shows the granted scopes; a session the server ended shows no "in 59m"', async () => {
    await deviceLogin(box, server, 'erin')
    const json = JSON.parse(ok(await box.authcli(['auth', 'status', '--json'])).stdout)
    expect(json.profiles[0]).toMatchObject({ account: 'erin', valid: true })
    expect(json.profiles[0].scopes).toEqual(expect.arrayContaining(['openid', 'offline_access']))
    const introspections = server.counters().introspection ?? 0
    expect(ok(await box.authcli(['auth', 'status'])).stdout).toContain('✓ logged in; the server accepts the token\n')
    expect(server.counters().introspection ?? 0).toBe(introspections + 1)

    // The server ends the grant (the refresh token revoked): the next call fails, and status says so once.
    const stored = JSON.parse(await box.read('credentials')).credentials as Record<string, { refreshToken: string }>
    const refreshToken = Object.values(stored)[0]?.refreshToken as string
    const revoked = await fetch(`${server.issuer}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: refreshToken, client_id: server.clients.native.clientId }),
    })
    expect(revoked.status).toBe(200)
    fails(await box.authcli(['api', '/api/v1/profile']), 4)
    const after = fails(await box.authcli(['auth', 'status']), 4)
    expect(after.stdout).not.toMatch(/\(in \d+m\)/)
    expect(after.stdout).toMatch(/expires: {2}\S+ \(no longer usable\)/)
    expect(after.stdout.match(/✗/g)).toHaveLength(1)
  })
})

describe('item 11: the plain-text warning', () => {
  it.skipIf(!HAS_SCRIPT)('one short line after the save, naming the file; nothing before the device code; nothing when the login fails', async () => {
    const env = { AUTHCLI_STORE: '' }
    const login = onTTY(['auth', 'login', '--host', server.issuer, '--device', '--no-qr'], env)
    const code = /([A-Z]{4}-[A-Z]{4})/.exec(await login.waitFor(/[A-Z]{4}-[A-Z]{4}/))?.[1] as string
    await server.approveDevice(code, { login: 'alice' })
    const done = await finish(login)
    expect(done.code).toBe(0)
    const text = plain(done.output)
    const warnings = text.split('\n').filter((line) => line.includes('plain text'))
    expect(warnings).toEqual([`warning: credentials saved in plain text in ${box.file('credentials')}; to protect them use --store encrypted (with AUTHCLI_ENCRYPTION_KEY) or a keychain`])
    expect(text.indexOf('plain text')).toBeGreaterThan(text.indexOf(code))
    expect(text.indexOf('plain text')).toBeLessThan(text.indexOf('✓ Logged in'))

    const denied = onTTY(['auth', 'login', '--host', server.issuer, '--device', '--no-qr', '--profile', 'other'], env)
    const second = /([A-Z]{4}-[A-Z]{4})/.exec(await denied.waitFor(/[A-Z]{4}-[A-Z]{4}/))?.[1] as string
    await server.denyDevice(second)
    const failed = await finish(denied)
    expect(failed.code).toBe(4)
    expect(plain(failed.output)).not.toContain('plain text')
  })
})

describe('item 9: it asks on a terminal, never elsewhere', () => {
  it.skipIf(!HAS_SCRIPT)('auth login with no host asks for it and for the method, then says which profile it created', async () => {
    const login = onTTY(['auth', 'login', '--no-qr'])
    await login.waitFor(/Host to log in to/)
    login.type(`${server.issuer}\r`)
    await login.waitFor(/Enter a number \[3\]/)
    login.type('3\r')
    const code = /([A-Z]{4}-[A-Z]{4})/.exec(await login.waitFor(/[A-Z]{4}-[A-Z]{4}/))?.[1] as string
    await server.approveDevice(code, { login: 'alice' })
    const done = await finish(login)
    const text = plain(done.output)
    expect(done.code, text).toBe(0)
    expect(text).toContain('? How do you want to log in?\n  1) Log in with a web browser on this machine (--web)\n')
    expect(text).toContain('  3) Enter a one-time code on any device (--device) (default)\n')
    expect(text).toContain(`✓ Logged in to ${server.issuer} as alice (store: file)\n✓ Created the profile default; it is now the active one`)
  })

  it.skipIf(!HAS_SCRIPT)('the browser flow offers "Press Enter to open ..." and opens the browser only then', async () => {
    const opened = join(box.dir, 'opened.txt')
    const browser = join(box.dir, 'browser.sh')
    await writeFile(browser, `#!/bin/sh\necho "$1" >> '${opened}'\n`, { mode: 0o700 })
    const login = onTTY(['auth', 'login', '--host', server.issuer, '--web', '--port', String(await deadPort())], { BROWSER: browser })
    const shown = plain(await login.waitFor(/Press Enter to open/))
    expect(shown).toContain(`Press Enter to open ${new URL(server.issuer).host} in your browser...\n`)
    const url = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(shown)?.[1] as string
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(existsSync(opened)).toBe(false)
    login.type('\r')
    for (let i = 0; i < 50 && !existsSync(opened); i++) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(readFileSync(opened, 'utf8')).toMatch(/login\.html/)
    // The browser's part, played over HTTP: sign in, then land on the listener.
    const landing = await server.authorize(url, { login: 'alice' })
    expect((await fetch(landing)).status).toBe(200)
    const done = await finish(login)
    expect(done.code, plain(done.output)).toBe(0)
    expect(plain(done.output)).toContain(`✓ Logged in to ${server.issuer} as alice`)
  })

  it('no prompt in a pipe or with --json', async () => {
    const piped = fails(await box.authcli(['auth', 'login']), 2, 'USAGE_ERROR')
    expect(piped.stderr).not.toContain('?')
    fails(await box.authcli(['auth', 'switch']), 2, 'USAGE_ERROR')
  })

  it.skipIf(!HAS_SCRIPT)('--json on a terminal never prompts', async () => {
    const done = await finish(onTTY(['auth', 'login', '--json']))
    expect(done.code).toBe(2)
    expect(plain(done.output)).not.toContain('Host to log in to')
  })

  it.skipIf(!HAS_SCRIPT)('auth switch with no flag offers the accounts, the one in use as the default', async () => {
    await deviceLogin(box, server, 'alice')
    await deviceLogin(box, server, 'bob')
    const switching = onTTY(['auth', 'switch'])
    const shown = plain(await switching.waitFor(/Enter a number/))
    expect(shown).toContain(`? Switch to which account?\n  1) default: alice on ${server.issuer} (device)\n  2) default: bob on ${server.issuer} (device) (in use) (default)\n`)
    switching.type('1\r')
    const done = await finish(switching)
    expect(done.code).toBe(0)
    expect(plain(done.output)).toContain(`✓ Switched to default: ${server.issuer} as alice`)
    expect(await box.read('config.toml')).toContain('account = "alice"')
  })

  it.skipIf(!HAS_SCRIPT)('a login to a second host says which profile it created; back to the first, which one is active again', async () => {
    const other = await startDevServer({ port: 0, deviceInterval: 0.05 })
    try {
      await deviceLogin(box, server, 'alice')
      const ttyLogin = async (target: DevServer, login: string) => {
        const run = onTTY(['auth', 'login', '--host', target.issuer, '--device', '--no-qr'])
        const code = /([A-Z]{4}-[A-Z]{4})/.exec(await run.waitFor(/[A-Z]{4}-[A-Z]{4}/))?.[1] as string
        await target.approveDevice(code, { login })
        const done = await finish(run)
        expect(done.code, done.output).toBe(0)
        return plain(done.output)
      }
      expect(await ttyLogin(other, 'carol')).toMatch(/✓ Created the profile 127\.0\.0\.1-\d+; it is now the active one/)
      expect(await ttyLogin(server, 'alice')).toContain('✓ The profile default is now the active one')
    } finally {
      await other.close()
    }
  })
})

describe('items 6 and 7: several accounts on a host', () => {
  it('switch --account follows that account own credential; status lists every account; logout says which one is now in use', async () => {
    await deviceLogin(box, server, 'alice')
    await patLogin(box, server, 'bob')
    let config = await box.read('config.toml')
    expect(config).toContain('flow = "pat"')
    expect(config).toContain('profile_url')

    ok(await box.authcli(['auth', 'switch', '--account', 'alice']))
    config = await box.read('config.toml')
    expect(config).toContain('flow = "device"')
    expect(config).toContain('account = "alice"')
    expect(config).not.toContain('profile_url')
    expect(config).toContain('client_id = "authcli"')

    const status = ok(await box.authcli(['auth', 'status']))
    expect(status.stdout).toContain('  accounts: alice (active), bob\n')
    expect(JSON.parse(ok(await box.authcli(['auth', 'status', '--json'])).stdout).profiles[0]).toMatchObject({ account: 'alice', flow: 'device' })

    const out = ok(await box.authcli(['auth', 'logout']))
    expect(out.stderr).toContain(`✓ Logged out of ${server.issuer} as alice`)
    expect(out.stderr).toContain(`✓ Now using ${server.issuer} as bob`)
    expect(JSON.parse(ok(await box.authcli(['auth', 'status', '--json', '--offline'])).stdout).profiles[0].account).toBe('bob')
  })
})

describe('item 13: a corrupt credentials file', () => {
  it('status lists the profiles and names the unreadable store; logout moves the file aside', async () => {
    await patLogin(box, server, 'bob')
    await writeFile(box.file('credentials'), '{ not json', { mode: 0o600 })
    const status = fails(await box.authcli(['auth', 'status']), 6, 'STORAGE_ERROR')
    expect(status.stdout).toContain(`default (active)\n  host:     ${server.issuer}\n`)
    expect(status.stderr).toContain(`error[STORAGE_ERROR]: the file store could not be read: @auth/store-file: ${box.file('credentials')} is corrupt`)
    expect(status.stderr).toContain('hint: `authcli auth logout` or `authcli auth login` moves a corrupt file aside')
    expect(JSON.parse(fails(await box.authcli(['auth', 'status', '--json']), 6).stdout).profiles[0]).toMatchObject({ name: 'default', host: server.issuer, valid: false })

    const out = ok(await box.authcli(['auth', 'logout']))
    expect(out.stderr).toMatch(/its file was moved aside to .*credentials\.corrupt-/)
    expect((await readdir(box.configDir)).filter((f) => f.startsWith('credentials'))).toEqual([expect.stringMatching(/^credentials\.corrupt-/)])
    await patLogin(box, server, 'bob')
  })
})

describe('item 15 and 16: not logged in, unknown host', () => {
  it('a fresh status says "not logged in" once', async () => {
    const result = fails(await box.authcli(['auth', 'status']), 4, 'LOGIN_REQUIRED')
    expect(`${result.stdout}${result.stderr}`.match(/not logged in/g)).toHaveLength(1)
  })

  it('status --host UNKNOWN says no such host is known', async () => {
    await patLogin(box, server, 'bob')
    const result = fails(await box.authcli(['auth', 'status', '--host', 'https://unknown.example']), 4, 'LOGIN_REQUIRED')
    expect(result.stdout).toBe('')
    expect(result.stderr).toContain('no profile and no stored credential knows the host https://unknown.example')
    expect(result.stderr).toContain(`known hosts: ${server.issuer}`)
  })
})

describe('issue 17: which source wins, and where it lives', () => {
  it('AUTHCLI_TOKEN wins over the profile; --host is said as such', async () => {
    await patLogin(box, server, 'bob')
    const token = server.mintPat({ login: 'carol', scopes: ['api:read'] })
    const json = JSON.parse(ok(await box.authcli(['auth', 'status', '--json'], { env: { AUTHCLI_TOKEN: token } })).stdout)
    expect(json.profiles[0]).toMatchObject({ store: 'env:AUTHCLI_TOKEN', source: 'env:AUTHCLI_TOKEN', location: 'the environment variable AUTHCLI_TOKEN', valid: true })
    // A token the server refuses is not "valid", env or not.
    fails(await box.authcli(['auth', 'status'], { env: { AUTHCLI_TOKEN: 'dvp_not_a_real_token_000000000000000' } }), 4, 'LOGIN_REQUIRED')
    const text = ok(await box.authcli(['auth', 'status', '--offline'], { env: { AUTHCLI_TOKEN: token } })).stdout
    expect(text).toContain('  in use:   AUTHCLI_TOKEN (it wins over every stored credential)\n')
    const byHost = ok(await box.authcli(['auth', 'status', '--offline', '--host', server.issuer])).stdout
    expect(byHost).toContain('  in use:   chosen by --host\n')
  })
})
