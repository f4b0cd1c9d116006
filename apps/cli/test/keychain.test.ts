// End-to-end against a REAL keychain: gnome-keyring's Secret Service in a private D-Bus session
// (dbus-run-session), the built binary inside it. Skipped where those tools are missing
// (`npm test` at the root installs them on Debian).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BIN } from './_run.js'

const HAS_KEYRING = ['dbus-run-session', 'gnome-keyring-daemon'].every((tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0)

let server: DevServer
let dir: string
beforeAll(async () => {
  if (!HAS_KEYRING) return
  server = await startDevServer({ port: 0, deviceInterval: 0.05 })
  dir = await mkdtemp(join(tmpdir(), 'authcli-keychain-'))
  await mkdir(join(dir, 'home'))
})
afterAll(async () => {
  await server?.close()
  if (dir) await rm(dir, { recursive: true, force: true })
})

/** Runs `steps` (lines of `authcli ARGS`) in one Secret Service session; each step's output and exit code, in order. */
async function inKeychainSession(steps: { args: string[]; input?: string }[]): Promise<{ code: number; out: string }[]> {
  const quote = (a: string) => `'${a.replace(/'/g, "'\\''")}'`
  const lines = steps.map((s, i) => {
    const input = s.input === undefined ? '< /dev/null' : `< ${quote(join(dir, `input-${i}`))}`
    return `echo "@@step ${i}"; ${quote(process.execPath)} ${quote(BIN)} ${s.args.map(quote).join(' ')} ${input} 2>&1; echo "@@exit $?"`
  })
  await Promise.all(steps.map((s, i) => (s.input === undefined ? undefined : writeFile(join(dir, `input-${i}`), s.input))))
  const script = `echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1\n${lines.join('\n')}\n`
  const env = { PATH: process.env.PATH ?? '', HOME: join(dir, 'home'), AUTHCLI_CONFIG_DIR: join(dir, 'config') }
  const child = spawn('dbus-run-session', ['--', 'sh', '-c', script], { env, stdio: ['ignore', 'pipe', 'ignore'] })
  let text = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (text += chunk))
  await new Promise((resolve) => child.on('close', resolve))
  return text
    .split('@@step ')
    .slice(1)
    .map((block) => {
      const [, ...rest] = block.split('\n')
      const body = rest.join('\n')
      const exit = /@@exit (\d+)/.exec(body)
      return { code: Number(exit?.[1] ?? -1), out: body.replace(/@@exit \d+\n?/, '') }
    })
}

describe.skipIf(!HAS_KEYRING)('with a real Secret Service', () => {
  it('auto picks the keychain; logout removes the credential from the keychain AND the file', async () => {
    const host = server.issuer
    const token = server.mintPat({ login: 'kim', scopes: ['api:read'] })
    const login = ['auth', 'login', '--host', host, '--token-stdin', '--profile-url', `${host}/api/v1/profile`]
    const results = await inKeychainSession([
      { args: login, input: token },
      { args: ['auth', 'token'] },
      { args: ['auth', 'status', '--json'] },
      { args: ['store', 'status', '--json'] },
      { args: [...login, '--store', 'file'], input: token },
      { args: ['auth', 'logout', '--json'] },
      { args: ['store', 'status', '--json'] },
    ])
    expect(
      results.map((r) => r.code),
      JSON.stringify(results, null, 1),
    ).toEqual([0, 0, 0, 0, 0, 0, 0])
    expect(results[0]?.out).toBe(`✓ Logged in to ${host} as kim (store: keychain)\n✓ Created the profile default; it is now the active one\n`)
    expect(results[1]?.out).toBe(`${token}\n`)
    // Issue 17: exactly where the credential in force lives.
    expect(JSON.parse(results[2]?.out ?? '').profiles[0]).toMatchObject({ source: 'keychain', location: `keychain service authcli:${host}, account kim (Secret Service)`, valid: true })
    const before = JSON.parse(results[3]?.out ?? '')
    expect(before).toMatchObject({ choice: 'keychain', selected: 'keychain' })
    expect(before.stores[0]).toMatchObject({ kind: 'keychain', available: true, credentials: 1, location: 'Secret Service' })
    expect(JSON.parse(results[5]?.out ?? '')).toEqual({ loggedOut: [{ host, account: 'kim', stores: ['keychain', 'file'], revoked: false }] })
    const after = JSON.parse(results[6]?.out ?? '')
    expect(after.stores.map((s: { credentials: number | null }) => s.credentials)).toEqual([0, null, 0, 0])
    expect(existsSync(join(dir, 'config', 'credentials'))).toBe(true)
  })

  it('store migrate: file -> keychain -> encrypted (data key in the keychain) -> file, every credential read back', async () => {
    const host = server.issuer
    const [a, b] = [server.mintPat({ login: 'mia', scopes: ['api:read'] }), server.mintPat({ login: 'ned', scopes: ['api:read'] })]
    const login = (extra: string[]) => ['auth', 'login', '--host', host, '--token-stdin', '--profile-url', `${host}/api/v1/profile`, '--store', 'file', ...extra]
    const results = await inKeychainSession([
      { args: login(['--profile', 'm']), input: a },
      { args: login(['--profile', 'n', '--host', `${host}/n`]), input: b },
      { args: ['store', 'migrate', '--to', 'keychain', '--json'] },
      { args: ['auth', 'token', '--profile', 'm'] },
      { args: ['store', 'status', '--json'] },
      { args: ['store', 'migrate', '--to', 'encrypted', '--json'] },
      { args: ['auth', 'token', '--profile', 'n'] },
      { args: ['store', 'migrate', '--to', 'file', '--json'] },
      { args: ['auth', 'token', '--profile', 'm'] },
      { args: ['store', 'status', '--json'] },
    ])
    expect(
      results.map((r) => r.code),
      JSON.stringify(results, null, 1),
    ).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
    const toKeychain = JSON.parse(results[2]?.out ?? '')
    expect(toKeychain).toMatchObject({ to: 'keychain', from: ['file'], profiles: expect.arrayContaining(['m', 'n']), configUpdated: true })
    expect(toKeychain.moved.map((m: { account: string; outcome: string }) => `${m.account}:${m.outcome}`)).toEqual(['mia:moved', 'ned:moved'])
    expect(results[3]?.out).toBe(`${a}\n`)
    expect(JSON.parse(results[4]?.out ?? '').stores.map((s: { credentials: number | null }) => s.credentials)).toEqual([2, null, 0, 0])
    expect(JSON.parse(results[5]?.out ?? '')).toMatchObject({ to: 'encrypted', from: ['keychain', 'file'], moved: [{ from: 'keychain' }, { from: 'keychain' }] })
    expect(results[6]?.out).toBe(`${b}\n`)
    expect(JSON.parse(results[7]?.out ?? '')).toMatchObject({ to: 'file', from: ['keychain', 'encrypted'], moved: [{ from: 'encrypted' }, { from: 'encrypted' }] })
    expect(results[8]?.out).toBe(`${a}\n`)
    // encrypted: not offered once no profile names it and AUTHCLI_ENCRYPTION_KEY is unset (its data key stays in the keychain).
    expect(JSON.parse(results[9]?.out ?? '').stores.map((s: { credentials: number | null }) => s.credentials)).toEqual([0, null, 2, 0])
  })

  it('--store encrypted without AUTHCLI_ENCRYPTION_KEY keeps the data key in the keychain', async () => {
    const host = server.issuer
    const token = server.mintPat({ login: 'lee', scopes: ['api:read'] })
    const results = await inKeychainSession([
      { args: ['auth', 'login', '--host', host, '--token-stdin', '--profile-url', `${host}/api/v1/profile`, '--store', 'encrypted'], input: token },
      { args: ['auth', 'token'] },
      { args: ['auth', 'status', '--json'] },
      { args: ['auth', 'logout', '--all'] },
    ])
    expect(
      results.map((r) => r.code),
      JSON.stringify(results, null, 1),
    ).toEqual([0, 0, 0, 0])
    expect(results[1]?.out).toBe(`${token}\n`)
    expect(JSON.parse(results[2]?.out ?? '').profiles[0]).toMatchObject({ account: 'lee', store: 'encrypted', valid: true })
    expect(results[3]?.out).toContain('removed from: encrypted')
  })
})
