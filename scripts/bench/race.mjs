// Section `race`: one refresh across processes. An expired device-flow credential (file
// store), then 20 `authcli auth token` started at once (the race: one must refresh, the others
// wait and reuse it), alternating with 20 started at once while the token is valid (the floor:
// starting 20 processes on this machine); wall time from the first spawn to the last exit, and
// the refresh requests the dev server saw in each race (must be exactly 1). Also 1 process.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { alternate, runsFor, runAsync, timeAsync } from './measure.mjs'
import { heading, row } from './report.mjs'

const SECTION = 'race'

export async function benchRefreshRace({ root, cli }) {
  heading(SECTION, `N \`authcli auth token\` at once, first spawn to last exit, ${availableParallelism()} cores`)
  const { startDevServer } = await import(pathToFileURL(join(root, 'apps/dev-server/dist/index.js')).href)
  // 30 s access tokens are inside the refresh skew: an "expired" credential is refreshed; refreshed ones live an hour.
  const server = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 30, refreshedAccessTokenTtl: 3600 })
  const dir = mkdtempSync(join(tmpdir(), 'authcli-bench-race-'))
  const env = { PATH: process.env.PATH, HOME: dir, AUTHCLI_CONFIG_DIR: join(dir, 'config'), AUTHCLI_STORE: 'file', NO_COLOR: '1' }
  try {
    const login = spawn(process.execPath, [cli, 'auth', 'login', '--device', '--json', '--host', server.issuer, '--scope', 'openid', '--scope', 'offline_access', '--scope', 'api:read'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const first = await new Promise((resolve) => login.stdout.once('data', (c) => resolve(String(c))))
    await server.approveDevice(JSON.parse(first.split('\n')[0]).user_code, { login: 'bench' })
    const loggedIn = await new Promise((resolve) => login.on('close', resolve))
    if (loggedIn !== 0) throw new Error(`the device login exited ${loggedIn}`)
    const file = join(dir, 'config', 'credentials')
    const expire = () => {
      const doc = JSON.parse(readFileSync(file, 'utf8'))
      for (const c of Object.values(doc.credentials)) c.expiresAt = Date.now() - 1000
      writeFileSync(file, JSON.stringify(doc), { mode: 0o600 })
    }
    const start = async (n) => {
      const results = await Promise.all(Array.from({ length: n }, () => runAsync([process.execPath, cli, 'auth', 'token'], env)))
      if (results.some((r) => r.code !== 0) || new Set(results.map((r) => r.stdout)).size !== 1) {
        throw new Error(`${n} processes did not agree: exit codes ${results.map((r) => r.code).join(',')}: ${results.find((r) => r.code !== 0)?.stderr ?? ''}`)
      }
    }
    for (const n of [20, 1]) {
      const refreshes = []
      // Before each timed call: the race gets an expired credential; the floor runs on the
      // token the previous race refreshed (valid for an hour), or expires nothing.
      const before = (which) => {
        if (which === 'case') expire()
        server.resetCounters()
      }
      const race = async () => {
        const ms = await timeAsync(() => start(n))
        refreshes.push(server.counters().refresh_token ?? 0)
        return ms
      }
      const valid = async () => {
        const ms = await timeAsync(() => start(n))
        if ((server.counters().refresh_token ?? 0) !== 0) throw new Error('a valid token was refreshed')
        return ms
      }
      const m = await alternate(race, valid, { before, runs: runsFor('race') })
      const measured = refreshes.slice(-m.case.n)
      const exact = measured.every((r) => r === 1)
      row(SECTION, {
        name: `${n} × auth token, expired (refresh race)`,
        reference: `${n} × auth token, valid (floor)`,
        m,
        extra: { 'refresh requests per race': exact ? 1 : `${Math.min(...measured)}..${Math.max(...measured)} (MUST be 1)` },
      })
      if (!exact) throw new Error(`${n} processes sent ${measured.join(',')} refresh requests in their races: exactly 1 each expected`)
    }
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
