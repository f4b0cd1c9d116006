// The refresh race through the token index (issue 20): the indexed token expires with time
// (the index itself stays valid), and N `authcli auth token` start at once. One process leads:
// it takes the marker next to the index, loads the full CLI, renews under the refresh lock and
// records the index again; the others wait in the hot path and print what the index answers
// then, without loading the CLI. Real processes, the built binary, the real dev server. Which
// path each process took is observed, not assumed: a preloaded probe records whether the CLI's
// own module (cli-main.cjs) was loaded, as in hot-token.test.ts.
import { spawnSync } from 'node:child_process'
import { readdir, readFile, rm, symlink, writeFile, chmod, utimes, mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type PathProbe, writePathProbe } from './_path-probe.js'
import { deviceLogin, fails, fileCredentials, ok, sandbox, whoIs, type Sandbox } from './_contract.js'

// Access tokens from a login live 64 s: fresh (outside the 60 s refresh skew) for 4 s, long
// enough to record the index with a valid run even on a loaded CI machine (the setup checks it
// did), then expired by time alone. Renewed ones live an hour.
const LOGIN_TTL_S = 64
const SKEW_MS = 60_000

let server: DevServer
let box: Sandbox
let probe: PathProbe

beforeAll(async () => {
  server = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: LOGIN_TTL_S, refreshedAccessTokenTtl: 3600, clockTolerance: 0 })
})
afterAll(() => server?.close())
beforeEach(async () => {
  box = await sandbox({ AUTHCLI_STORE: 'file' })
  // Records `full` (the CLI proper was loaded) or `hot` for each run, and `+wait` when it slept in
  // the hot path's wait for another process's renewal.
  probe = await writePathProbe(box.dir, { waits: true })
})
afterEach(() => box?.cleanup())

const probed = (extra: Record<string, string> = {}) => ({ env: { NODE_OPTIONS: `--require ${probe.file}`, ...extra } })

/** The refresh markers left in the config folder. */
async function markers(): Promise<string[]> {
  return (await readdir(box.configDir)).filter((name) => name.endsWith('.refreshing'))
}

/** The one stored credential. */
async function stored(): Promise<{ accessToken: string; refreshToken?: string; expiresAt?: number }> {
  const all = Object.values(await fileCredentials(box))
  expect(all).toHaveLength(1)
  return all[0] as { accessToken: string; expiresAt?: number }
}

/**
 * Logged in (device flow, with a refresh token), the index recorded by a valid run (and used
 * by a second one), then waits until the token is inside the refresh skew: expired by time,
 * every file unchanged. Returns the expired access token.
 */
async function expiredByTime(): Promise<string> {
  await probe.reset()
  server.resetCounters()
  await deviceLogin(box, server, 'erin', ['--scope', 'openid', '--scope', 'offline_access', '--scope', 'api:read'])
  const { accessToken, expiresAt } = await stored()
  expect(ok(await box.authcli(['auth', 'token'])).stdout).toBe(`${accessToken}\n`)
  expect(ok(await box.authcli(['auth', 'token'], probed())).stdout).toBe(`${accessToken}\n`)
  // The setup is what it claims: the index answered a valid token, nothing was renewed.
  expect(await probe.paths()).toEqual(['hot'])
  expect(server.counters()['refresh_token'] ?? 0).toBe(0)
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, (expiresAt as number) - SKEW_MS - Date.now()) + 50))
  await probe.reset()
  server.resetCounters()
  return accessToken
}

async function race(n: number, extra: Record<string, string> = {}) {
  const results = await Promise.all(Array.from({ length: n }, () => box.start(['auth', 'token'], probed(extra)).done))
  return { codes: results.map((r) => r.code), tokens: new Set(results.map((r) => r.stdout)), stderr: results.map((r) => r.stderr).filter(Boolean) }
}

describe('a token that expired with time, the index still valid', () => {
  it('8 processes at once: one renews through the full CLI, the others print its token from the index; the next run is answered by the index', async () => {
    const expired = await expiredByTime()
    const { codes, tokens, stderr } = await race(8)
    expect(codes, stderr.join('\n')).toEqual(Array(8).fill(0))
    expect(server.counters()['refresh_token']).toBe(1)
    expect(tokens.size).toBe(1)
    const [line] = [...tokens]
    expect(line).not.toBe(`${expired}\n`)
    expect(line).toBe(`${(await stored()).accessToken}\n`)
    expect(await whoIs(server, (line as string).trim())).toMatchObject({ login: 'erin' })
    // One process loaded the CLI (the leader); the 7 others never did: they waited in the hot path
    // (`hot+wait`), or, started after the leader had recorded the renewal, were answered at once.
    const order = await probe.paths()
    expect(order.filter((path) => path.startsWith('full'))).toEqual(['full'])
    expect(order.filter((path) => path === 'hot' || path === 'hot+wait')).toHaveLength(7)
    expect(await markers()).toEqual([])
    // The leader recorded the index after its renewal: the next run is answered from it.
    await probe.reset()
    expect(ok(await box.authcli(['auth', 'token'], probed())).stdout).toBe(line)
    expect(await probe.paths()).toEqual(['hot'])
  })

  it('a single expired run renews and records the index again (the next run is answered by it)', async () => {
    await expiredByTime()
    const renewed = ok(await box.authcli(['auth', 'token'], probed())).stdout
    expect(ok(await box.authcli(['auth', 'token'], probed())).stdout).toBe(renewed)
    expect(await probe.paths()).toEqual(['full', 'hot'])
    expect(server.counters()['refresh_token']).toBe(1)
    expect(await markers()).toEqual([])
  })

  it('a leader killed after it took the marker: the others do not hang, finish through the full CLI with one refresh; the next run works', async () => {
    await expiredByTime()
    const hang = join(box.dir, 'hanging')
    // The leader: its token request never answers (it holds the marker and the refresh lock).
    const leader = box.start(['auth', 'token'], probed({ NODE_OPTIONS: `--require ${probe.file} --require ${join(import.meta.dirname, 'fixtures', 'hang-token.cjs')}`, HANG_MARKER: hang }))
    for (let i = 0; i < 400 && (await readFile(hang).catch(() => undefined)) === undefined; i++) await new Promise((r) => setTimeout(r, 25))
    expect(await markers()).toHaveLength(1)
    const followers = Array.from({ length: 4 }, () => box.start(['auth', 'token'], probed()).done)
    // They wait (the leader lives) ...
    await new Promise((r) => setTimeout(r, 300))
    expect(await probe.paths()).toEqual([])
    leader.kill('SIGKILL')
    await leader.done
    // ... and once it is dead, go through the full CLI: the refresh lock's takeover, one refresh.
    const results = await Promise.all(followers)
    expect(
      results.map((r) => r.code),
      results.map((r) => r.stderr).join('\n'),
    ).toEqual([0, 0, 0, 0])
    expect(new Set(results.map((r) => r.stdout)).size).toBe(1)
    expect(server.counters()['refresh_token']).toBe(1)
    expect(await probe.paths()).toEqual(Array(4).fill('full+wait'))
    expect(await markers()).toEqual([])
    expect(ok(await box.authcli(['auth', 'token'])).stdout).toBe(results[0]?.stdout)
  })

  it('a marker left by a process that is gone, or an old one: the next run leads at once, with one refresh', async () => {
    // A marker with a process id that does not exist; one a minute old with this test's own (live) id.
    for (const [content, age] of [
      ['999999999 1\n', 0],
      [`${process.pid}\n`, 60],
    ] as const) {
      await expiredByTime()
      const path = join(box.configDir, await markerName())
      await writeFile(path, content, { mode: 0o600 })
      const past = Date.now() / 1000 - age
      await utimes(path, past, past)
      const result = ok(await box.authcli(['auth', 'token'], probed()))
      expect(await whoIs(server, result.stdout.trim())).toMatchObject({ login: 'erin' })
      expect(await probe.paths()).toEqual(['full'])
      expect(server.counters()['refresh_token']).toBe(1)
      expect(await markers()).toEqual([])
    }
  })

  it('a refresh the server refuses (revoked): every process exits 4 as before, no hang, no marker left', async () => {
    await expiredByTime()
    const { refreshToken } = await stored()
    expect(await server.revokeGrant(refreshToken as string)).toBe(true)
    const { codes, stderr } = await race(6)
    expect(codes, stderr.join('\n')).toEqual(Array(6).fill(4))
    for (const text of stderr) expect(text).toMatch(/SESSION_EXPIRED/)
    expect(server.counters()['refresh_token']).toBe(1)
    expect(await markers()).toEqual([])
    fails(await box.authcli(['auth', 'token']), 4, 'SESSION_EXPIRED')
    expect(server.counters()['refresh_token']).toBe(1)
  })

  it('a marker that cannot be trusted (a link, a folder others can write): no waiting, the full CLI', async () => {
    // Each held by a live process (this test's): a trusted one would be waited for.
    await writeFile(join(box.dir, 'elsewhere'), `${process.pid}\n`, { mode: 0o600 })
    // (Other modes, owners and kinds of file: refresh-marker.test.ts in @auth/core.)
    const cases: Array<[string, (path: string) => Promise<unknown>]> = [['a link to a marker elsewhere', (path) => symlink(join(box.dir, 'elsewhere'), path)]]
    for (const [what, make] of cases) {
      await expiredByTime()
      const path = join(box.configDir, await markerName())
      await make(path)
      const result = ok(await box.authcli(['auth', 'token'], probed()))
      expect(await whoIs(server, result.stdout.trim()), what).toMatchObject({ login: 'erin' })
      expect(await probe.paths(), what).toEqual(['full'])
      // Left alone: it is not this process's to remove.
      expect(await markers(), what).toHaveLength(1)
      await rm(path)
    }
    // A config folder others may write: the full CLI at once, which refuses it (exit 2), as before.
    await expiredByTime()
    await writeFile(join(box.configDir, await markerName()), `${process.pid}\n`, { mode: 0o600 })
    await chmod(box.configDir, 0o777)
    const folder = await box.authcli(['auth', 'token'], probed())
    await chmod(box.configDir, 0o700)
    expect([folder.code, folder.stdout]).toEqual([2, ''])
    expect(await probe.paths()).toEqual(['full'])
  })
})

describe('a config folder on a full disk', () => {
  // A real full file system: the config folder is a tmpfs (mounting needs root: skipped
  // otherwise), filled once the index is recorded. A new file still gets an inode there, so a
  // leader's marker is created but its process id cannot be written.
  it('a run that could not write its marker leaves none: the next run does not wait for a leader that does not exist', async (ctx) => {
    await mkdir(box.configDir, { mode: 0o700 })
    if (process.getuid?.() !== 0 || spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=8m,mode=0700', 'tmpfs', box.configDir]).status !== 0) return ctx.skip()
    try {
      await expiredByTime()
      await expect(writeFile(join(box.configDir, 'filler'), Buffer.alloc(16 * 1024 * 1024))).rejects.toMatchObject({ code: 'ENOSPC' })
      const first = fails(await box.authcli(['auth', 'token'], probed()), 6, 'STORAGE_ERROR')
      expect(await markers()).toEqual([])
      // Before the fix: `full+wait`, ~10 s, waiting on the empty marker until it was old.
      const second = await box.authcli(['auth', 'token'], probed())
      expect([second.code, second.stderr]).toEqual([first.code, first.stderr])
      expect(await probe.paths()).toEqual(['full', 'full'])
      expect(await markers()).toEqual([])
      expect(server.counters()['refresh_token'] ?? 0).toBe(0)
    } finally {
      spawnSync('umount', [box.configDir])
    }
  })
})

/** The marker's file name for the one stored credential: made by a run that leads, seen while it is alive. */
async function markerName(): Promise<string> {
  // The marker is `.token-index.<fnv1a(file \n key)>.refreshing`; computed as the package does.
  const { refreshMarkerPath } = await import('@auth/core/token-index')
  const [key] = Object.keys(await fileCredentials(box))
  return refreshMarkerPath(box.configDir, join(box.configDir, 'credentials'), key as string).slice(box.configDir.length + 1)
}
