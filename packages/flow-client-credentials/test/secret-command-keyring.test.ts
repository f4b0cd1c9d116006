// The `command` secret source against a REAL secrets manager: the client secret lives in
// gnome-keyring (Secret Service, in a private D-Bus session under dbus-run-session), and the flow
// reads it with `secret-tool lookup` (no shell) to log in at the dev server. Skipped, loudly,
// where the tools are missing (CI installs them).
import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const TOOLS = ['dbus-run-session', 'dbus-send', 'gnome-keyring-daemon', 'secret-tool']
const missing = TOOLS.filter((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
if (missing.length > 0 && !process.env['CI']) process.stderr.write(`\n!!!!!!!! SECRET-TOOL TESTS SKIPPED: missing ${missing.join(', ')} !!!!!!!!\n\n`)
const run = missing.length === 0 || !!process.env['CI']

let server: DevServer
let dir: string
const dist = pathToFileURL(join(import.meta.dirname, '..', 'dist', 'index.js')).href

beforeAll(async () => {
  if (!run) return
  server = await startDevServer({ port: 0 })
  dir = await mkdtemp(join(tmpdir(), 'cc-secret-tool-'))
  // What a product does: read the secret through the manager's CLI, then run the grant.
  await writeFile(
    join(dir, 'login.mjs'),
    `import { createClientCredentialsFlow } from ${JSON.stringify(dist)}
const flow = createClientCredentialsFlow({ issuer: process.env.ISSUER, clientId: process.env.CLIENT_ID, scopes: ['api:read'],
  secret: { command: ['secret-tool', 'lookup', 'service', 'mycli-ci', 'account', process.env.ACCOUNT], timeoutMs: 5000 } })
try {
  const credential = await flow.login({})
  const r = await fetch(process.env.ISSUER + '/api/v1/profile', { headers: { authorization: 'Bearer ' + credential.accessToken } })
  console.log('profile', r.status, (await r.json()).login)
} catch (error) {
  console.log('error', error.code, error.exitCode, error.message)
}
`,
  )
}, 60_000)
afterAll(async () => {
  await server?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** Unlocks a fresh gnome-keyring in a private session, stores `secret` (on stdin) for `ci`, runs login.mjs for `account`. */
function inSession(secret: string, account: string): Promise<{ code: number | null; out: string; err: string }> {
  const script = [
    'echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1',
    // The daemon forks before it owns its bus name: wait for it (else secret-tool may race it).
    'for i in $(seq 100); do dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true && break; sleep 0.05; done',
    `printf %s "$SECRET" | secret-tool store --label 'mycli ci secret' service mycli-ci account ci`,
    'unset SECRET',
    `"$NODE" ${JSON.stringify(join(dir, 'login.mjs'))}`,
  ].join('\n')
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    XDG_DATA_HOME: join(dir, 'data'),
    NODE: process.execPath,
    SECRET: secret,
    ISSUER: server.issuer,
    CLIENT_ID: server.clients.confidential.clientId,
    ACCOUNT: account,
  }
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (out += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (err += chunk))
  // gnome-keyring, when D-Bus activation starts it again, announces its GNOME_KEYRING_* variables on stdout.
  const ours = () => out.replace(/^GNOME_KEYRING_\w+=.*\n/gm, '')
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out: ours(), err })))
}

describe.runIf(run)('{ command: ["secret-tool", "lookup", ...] } with a real gnome-keyring', () => {
  it('reads the client secret from the keyring and logs in with it', async () => {
    server.resetCounters()
    const { code, out, err } = await inSession(server.clients.confidential.clientSecret, 'ci')
    expect(code, err).toBe(0)
    expect(out, err).toBe('profile 200 authcli-confidential\n')
    expect(server.counters()['client_credentials']).toBe(1)
  }, 30_000)

  it('an entry the keyring does not hold: secret-tool exits 1, LOGIN_REQUIRED (exit 4), no request sent', async () => {
    server.resetCounters()
    const { out, err } = await inSession(server.clients.confidential.clientSecret, 'nobody')
    expect(out, err).toBe('error LOGIN_REQUIRED 4 the secrets manager command secret-tool failed (exit 1)\n')
    expect(server.counters()['client_credentials'] ?? 0).toBe(0)
  }, 30_000)

  it('a wrong secret in the keyring: the server refuses it, and nothing shows the secret', async () => {
    const wrong = 'wrong-keyring-secret-0123456789'
    const { out, err } = await inSession(wrong, 'ci')
    expect(out).toMatch(/^error INVALID_CLIENT 4 /)
    expect(out + err).not.toContain(wrong)
  }, 30_000)
})
