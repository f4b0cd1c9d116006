// Issue 18, the hints: what `authcli` says when a new user stumbles, driven as that user would
// (the BUILT binary, the dev server, a real pseudo-terminal through util-linux `script` where a
// terminal matters): an empty HOME, a PAT the userinfo endpoint refuses, a pasted token, hints in
// authcli's own flags, a browser that does not open, Ctrl-C at a prompt.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readdir, writeFile, chmod } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { e2eSuite } from './_e2e-suite.js'
import { BIN, baseEnv, run } from './_run.js'

const HAS_SCRIPT = spawnSync('script', ['--version']).status === 0
const DEV_SERVER_BIN = join(import.meta.dirname, '..', '..', 'dev-server', 'dist', 'bin.js')

const e2e = e2eSuite('ux-hints')

const env = (extra: Record<string, string> = {}) => baseEnv(e2e.home, e2e.configDir, { AUTHCLI_STORE: 'file', ...extra })
const strip = (text: string) => text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')

/**
 * `authcli ARGS` in folder `cwd` with exactly `environment` (no AUTHCLI_CONFIG_DIR unless given),
 * `input` on stdin. Asynchronous: the dev server runs in this process.
 */
function runIn(cwd: string, environment: Record<string, string>, args: string[], input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: environment })
  child.stdin.on('error', () => {})
  child.stdin.end(input)
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk))
  const timer = setTimeout(() => child.kill(), 15_000)
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    }),
  )
}

/**
 * `authcli ARGS` on a pseudo-terminal (stdout and stderr both land in `output`); each step waits
 * for its text on the terminal, then types its keys.
 */
function onTerminal(args: string[], environment: Record<string, string>, steps: Array<{ when: string | RegExp; type: string }>) {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ')
  const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...environment, TERM: 'xterm' } })
  let output = ''
  let next = 0
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
    const step = steps[next]
    if (step && (typeof step.when === 'string' ? strip(output).includes(step.when) : step.when.test(strip(output)))) {
      next++
      setTimeout(() => child.stdin.write(step.type), 150)
    }
  })
  const timer = setTimeout(() => child.kill(), 20_000)
  return new Promise<{ output: string; code: number | null }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ output, code })
    }),
  )
}

describe('item 1: an empty or relative HOME never puts credentials in the current folder', () => {
  it.each([
    ['HOME empty', { HOME: '' }, /error\[CONFIG_ERROR\]: the home directory is empty \(HOME is unset or empty\)/],
    ['HOME relative', { HOME: 'rel' }, /error\[CONFIG_ERROR\]: the home directory is a relative path \(HOME="rel"\)/],
    ['AUTHCLI_CONFIG_DIR relative', { HOME: '/nonexistent-home', AUTHCLI_CONFIG_DIR: 'cfg' }, /error\[CONFIG_ERROR\]: AUTHCLI_CONFIG_DIR is a relative path \("cfg"\)/],
  ])('%s: exit 2, naming HOME and AUTHCLI_CONFIG_DIR; nothing written', async (_name, vars, message) => {
    const repo = join(e2e.dir, 'repo')
    await mkdir(repo)
    const token = e2e.server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const args = ['auth', 'login', '--host', e2e.server.issuer, '--with-token', '--profile-url', '/api/v1/profile']
    const result = await runIn(repo, { PATH: process.env.PATH ?? '/usr/bin:/bin', AUTHCLI_STORE: 'file', ...vars }, args, `${token}\n`)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(message)
    expect(result.stderr).toContain('hint: set HOME to your home folder, or AUTHCLI_CONFIG_DIR to an absolute folder\n')
    expect(await readdir(repo)).toEqual([])
    // Every command resolves the folder the same way: status too.
    expect((await runIn(repo, { PATH: process.env.PATH ?? '/usr/bin:/bin', ...vars }, ['auth', 'status'])).code).toBe(2)
    expect(await readdir(repo)).toEqual([])
  })

  it('an absolute AUTHCLI_CONFIG_DIR works with an empty HOME', async () => {
    const repo = join(e2e.dir, 'repo')
    await mkdir(repo)
    const token = e2e.server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const args = ['auth', 'login', '--host', e2e.server.issuer, '--with-token', '--profile-url', '/api/v1/profile']
    const result = await runIn(repo, { PATH: process.env.PATH ?? '/usr/bin:/bin', AUTHCLI_STORE: 'file', HOME: '', AUTHCLI_CONFIG_DIR: e2e.configDir }, args, `${token}\n`)
    expect(result.code, result.stderr).toBe(0)
    expect(existsSync(join(e2e.configDir, 'credentials'))).toBe(true)
    expect(await readdir(repo)).toEqual([])
  })
})

describe('item 2: a PAT the default identity endpoint refuses', () => {
  it('names the userinfo endpoint asked and suggests --profile-url; with it the same token logs in', async () => {
    const token = e2e.server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const refused = await run(env(), ['auth', 'login', '--host', e2e.server.issuer, '--with-token'], `${token}\n`)
    expect(refused.code).toBe(4)
    expect(refused.stderr).toContain(`error[INVALID_TOKEN]: invalid token: ${e2e.server.issuer}/me (the issuer's OpenID userinfo, the default identity endpoint) refused it (HTTP 401`)
    expect(refused.stderr).toContain("hint: if it is an API token (not one for OpenID userinfo), give the API's profile endpoint: --profile-url URL (kept as the profile's profile_url)")
    expect(refused.stderr).not.toContain('"profileUrl" option')
    const fixed = await run(env(), ['auth', 'login', '--host', e2e.server.issuer, '--with-token', '--profile-url', '/api/v1/profile'], `${token}\n`)
    expect(fixed.code, fixed.stderr).toBe(0)
    expect(fixed.stderr).toContain(`Logged in to ${e2e.server.issuer} as alice`)
  })

  it("the dev server's start-up text prints a login line per flow, and the PAT and client lines work as printed", async () => {
    const bin = join(e2e.dir, 'bin')
    await mkdir(bin)
    await writeFile(join(bin, 'authcli'), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`)
    await chmod(join(bin, 'authcli'), 0o755)
    const dev = spawn(process.execPath, [DEV_SERVER_BIN, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      let banner = ''
      dev.stdout.setEncoding('utf8').on('data', (chunk: string) => void (banner += chunk))
      for (let i = 0; i < 200 && !banner.includes('Ctrl-C stops the server.'); i++) await new Promise((resolve) => setTimeout(resolve, 50))
      const issuer = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1] ?? ''
      expect(banner).toContain(`authcli auth login --host ${issuer} --web`)
      expect(banner).toContain(`authcli auth login --host ${issuer} --device`)
      const lines = banner.split('\n')
      const pat = lines.findIndex((l) => l.startsWith('  PAT:'))
      const patCommand = `${lines[pat]?.replace(/^ {2}PAT: +/, '').replace(/\\$/, '')} ${lines[pat + 1]?.trim()}`
      const clientCommand = lines.find((l) => l.startsWith('  client:'))?.replace(/^ {2}client: +/, '') ?? ''
      const shellEnv = { ...env(), PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` }
      for (const command of [patCommand, clientCommand]) {
        const result = spawnSync('sh', ['-c', command], { env: shellEnv, encoding: 'utf8', timeout: 20_000 })
        expect(result.status, `${command}\n${result.stderr}`).toBe(0)
        expect(result.stderr).toContain(`Logged in to ${issuer} as`)
      }
    } finally {
      dev.kill()
    }
  })
})

describe.skipIf(!HAS_SCRIPT)('item 3 and 16: prompts on a terminal', () => {
  it('a pasted token is read with echo off', async () => {
    const token = e2e.server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const { output, code } = await onTerminal(['auth', 'login', '--host', e2e.server.issuer, '--with-token', '--profile-url', '/api/v1/profile'], env(), [
      { when: `Paste the token for ${e2e.server.issuer}:`, type: `${token}\r` },
    ])
    expect(code, output).toBe(0)
    expect(strip(output)).toContain(`Logged in to ${e2e.server.issuer} as alice`)
    expect(output).not.toContain(token)
    expect(output).not.toContain(token.slice(4, 14))
  })

  it('Ctrl-C at the paste-back prompt: the error starts on a fresh line, not after ^C; exit 130', async () => {
    const { output, code } = await onTerminal(['auth', 'login', '--host', e2e.server.issuer, '--no-browser', '--client-id', 'authcli'], env(), [{ when: 'paste it here', type: '\x03' }])
    expect(code).toBe(130)
    expect(strip(output)).toMatch(/\^C\r?\n(\r?\n)?error\[CANCELLED\]: interrupted/)
    expect(strip(output)).not.toContain('^Cerror')
  })

  it('Ctrl-C at the hidden token prompt: a fresh line, exit 130', async () => {
    const { output, code } = await onTerminal(['auth', 'login', '--host', e2e.server.issuer, '--with-token'], env(), [{ when: 'Paste the token for', type: 'dvp_part\x03' }])
    expect(code).toBe(130)
    expect(strip(output)).toMatch(/Paste the token for [^\n]*\r?\n(\r?\n)?error\[CANCELLED\]/)
    expect(output).not.toContain('dvp_part')
  })
})

describe('item 5: hints name authcli flags, not library options', () => {
  it('a missing client secret names the env var and the flags', async () => {
    const result = await run(env(), ['auth', 'login', '--host', e2e.server.issuer, '--client-credentials', '--client-id', 'authcli-confidential'])
    expect(result.code).toBe(4)
    expect(result.stderr).toContain('error[LOGIN_REQUIRED]: the client secret is expected in the environment variable AUTHCLI_CLIENT_SECRET, which is not set\n')
    expect(result.stderr).toContain('hint: export AUTHCLI_CLIENT_SECRET=<secret>, or pass --client-secret-file PATH or --client-secret-env VAR\n')
    expect(result.stderr).not.toContain('secret source')
  })
})

describe.skipIf(!HAS_SCRIPT)('item 8: --web with no working browser', () => {
  it('says which opener failed and why (BROWSER pointing nowhere), then paste-back, ssh -L with --web --port, or --device', async () => {
    // At a terminal the browser opens on Enter (issue 18 item 9, "Press Enter to open ...").
    const { output, code } = await onTerminal(['auth', 'login', '--host', e2e.server.issuer, '--web', '--client-id', 'authcli'], env({ BROWSER: '/nonexistent/firefox' }), [
      { when: 'Press Enter to open', type: '\r' },
      { when: 'Else: run', type: '\x03' },
    ])
    const text = strip(output)
    expect(code).toBe(130)
    expect(text).toMatch(/warning: Could not open a browser \(BROWSER=\/nonexistent\/firefox: not found[;)]/)
    expect(text).toMatch(/One on another machine \(over SSH\) lands on http:\/\/127\.0\.0\.1:\d+\/callback\?code=\.\.\., a page that does not load there: copy that whole address and paste it here\./)
    expect(text).toContain(
      'Else: run `authcli auth login --no-browser` to paste the address back, forward the port (`ssh -L 8765:127.0.0.1:8765 HOST`, then `authcli auth login --web --port 8765`), or use `authcli auth login --device`.',
    )
  })

  it("the help's SSH example uses --web --port with ssh -L, and --no-browser without a port", () => {
    const result = spawnSync(process.execPath, [BIN, 'auth', 'login', '--help'], { env: env(), encoding: 'utf8' })
    expect(result.stdout).toContain('ssh -L 8765:127.0.0.1:8765 HOST')
    expect(result.stdout).toContain('$ authcli auth login --web --port 8765')
    expect(result.stdout).not.toContain('--no-browser --port')
  })
})

describe.skipIf(!HAS_SCRIPT)('item 14: the browser flow says how long it waits and how to stop', () => {
  it('the time limit and Ctrl-C up front, then the time left, until LOGIN_TIMEOUT', async () => {
    const { output, code } = await onTerminal(['auth', 'login', '--host', e2e.server.issuer, '--web', '--timeout', '5', '--client-id', 'no-such-client'], env({ BROWSER: '/bin/true' }), [])
    const text = strip(output)
    expect(code).toBe(4)
    expect(text).toContain('Waiting for the browser (up to 5 seconds; Ctrl-C to stop; or paste the redirect URL here)...')
    expect(text).toMatch(/Still waiting for the browser: [1-4] seconds? left \(Ctrl-C to stop\)\./)
    expect(text).toContain('error[LOGIN_TIMEOUT]')
  })
})

describe.skipIf(!HAS_SCRIPT)('item 16: the device flow on a terminal', () => {
  it('--device --timeout 2 says the real bound, not the code lifetime; the QR code is black on white with a four-module quiet zone', async () => {
    const { output, code } = await onTerminal(['auth', 'login', '--host', e2e.server.issuer, '--device', '--timeout', '2'], env(), [])
    const text = strip(output)
    expect(code).toBe(4)
    expect(text).toContain('This login gives up in 2 seconds (the code itself would last 10 minutes).')
    expect(text).not.toContain('The code expires in')
    expect(text).toMatch(/0:0[12] left/)
    const qr = output.split(/\r?\n/).filter((line) => line.startsWith('\x1b[30;107m'))
    expect(qr.length).toBeGreaterThan(10)
    // The first two rows (four modules) and the first four columns are the white quiet zone.
    expect(strip(qr[0] ?? '').trim()).toBe('')
    expect(strip(qr[1] ?? '').trim()).toBe('')
    for (const line of qr) expect(strip(line).slice(0, 4)).toBe('    ')
  })

  it('--no-color draws the QR code without colours', async () => {
    const { output } = await onTerminal(['auth', 'login', '--host', e2e.server.issuer, '--device', '--timeout', '1', '--no-color'], env(), [])
    expect(output).not.toContain('\x1b[30;107m')
    expect(output).toMatch(/█{20,}/)
  })
})

describe('item 10: --host on a plain-HTTP loopback server, and an issuer that differs', () => {
  it('--host localhost:PORT (https by default) says the server speaks plain HTTP and names the --host that works', async () => {
    const port = new URL(e2e.server.issuer).port
    const result = await run(env(), ['auth', 'login', '--host', `localhost:${port}`, '--device'])
    expect(result.code).toBe(5)
    expect(result.stderr).toContain(`error[NETWORK_ERROR]: discovery failed: cannot reach localhost:${port} over https: it answers plain HTTP (ERR_SSL_WRONG_VERSION_NUMBER)\n`)
    expect(result.stderr).toContain(`hint: the server speaks plain HTTP: use --host http://localhost:${port}\n`)
  })

  it('an issuer mismatch names both issuers and the exact --host / --issuer; --debug shows no [object Object] and no stack', async () => {
    const port = new URL(e2e.server.issuer).port
    const asked = `http://localhost:${port}`
    const result = await run(env(), ['auth', 'login', '--host', asked, '--device', '--debug'])
    expect(result.code).toBe(5)
    expect(result.stderr).toContain(`error[BAD_RESPONSE]: discovery failed: localhost:${port} calls itself ${e2e.server.issuer}, not ${asked}/ as asked`)
    expect(result.stderr).toContain(`hint: if you trust it, log in with the server's own name: --host ${e2e.server.issuer}, or keep the host and add --issuer ${e2e.server.issuer}\n`)
    expect(result.stderr).not.toContain('[object Object]')
    expect(result.stderr).not.toMatch(/\n\s+at /)
    // The suggested --issuer works: the device code is shown.
    const fixed = await run(env(), ['auth', 'login', '--host', asked, '--issuer', e2e.server.issuer, '--device', '--timeout', '1'])
    expect(fixed.stderr).toContain('Open this page in a browser on any device:')
    expect(fixed.stderr).toContain('error[LOGIN_TIMEOUT]')
  })
})

describe('item 12: client credentials', () => {
  const secret = () => ({ AUTHCLI_CLIENT_SECRET: e2e.server.clients.confidential.clientSecret })

  it('--client-credentials without a client id is a usage error before any request', async () => {
    e2e.server.resetCounters()
    const result = await run(env(secret()), ['auth', 'login', '--host', e2e.server.issuer, '--client-credentials'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('error[USAGE_ERROR]: --client-credentials needs the id of a confidential client\n')
    expect(result.stderr).toContain('hint: pass --client-id ID (or set AUTHCLI_CLIENT_ID, or client_id in the profile)\n')
    expect(e2e.server.counters()).toEqual({})
  })

  it('no scopes: a warning after login; the 403 hint names the login command that fixes it, and that command works', async () => {
    const clientId = e2e.server.clients.confidential.clientId
    const login = await run(env(secret()), ['auth', 'login', '--host', e2e.server.issuer, '--client-credentials', '--client-id', clientId])
    expect(login.code, login.stderr).toBe(0)
    expect(login.stderr).toContain('warning: the server granted no scopes: most API calls will be refused; log in again with --scope SCOPE (repeatable)')
    const refused = await run(env(secret()), ['api', '/api/v1/profile'])
    expect(refused.code).toBe(4)
    expect(refused.stderr).toContain('error[INSUFFICIENT_SCOPE]')
    const command = /hint: log in again asking for a scope it accepts: `authcli (auth login --host \S+ --client-credentials --client-id \S+ --scope \S+)`/.exec(refused.stderr)?.[1]
    expect(command).toBe(`auth login --host ${e2e.server.issuer} --client-credentials --client-id ${clientId} --scope api:read`)
    const again = await run(env(secret()), (command ?? '').split(' '))
    expect(again.code, again.stderr).toBe(0)
    expect(again.stderr).toContain('  scopes granted: api:read\n')
    const ok = await run(env(secret()), ['api', '/api/v1/profile'])
    expect(ok.code, ok.stderr).toBe(0)
    // --json keeps the contract's shape.
    const json = await run(env(secret()), ['auth', 'login', '--json', '--host', e2e.server.issuer, '--client-credentials', '--client-id', clientId, '--scope', 'api:read'])
    expect(Object.keys(JSON.parse(json.stdout))).toEqual(['host', 'account', 'flow', 'store', 'profile'])
  })
})

describe('item 16: --debug prints stack traces only for internal errors', () => {
  it('an ordinary refusal under --debug: one line per cause, no stack trace', async () => {
    const result = await run(env(), ['auth', 'login', '--host', e2e.server.issuer, '--with-token', '--profile-url', '/api/v1/profile', '--debug'], 'dvp_not-a-token\n')
    expect(result.code).toBe(4)
    expect(result.stderr).toMatch(/debug: AuthenticationError: invalid token: .* \(INVALID_TOKEN\)/)
    expect(result.stderr).not.toMatch(/\n\s+at /)
  })
})
