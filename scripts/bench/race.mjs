// Section `race`: one refresh across processes. An expired device-flow credential (file
// store), then 20 `authcli auth token` started at once (the race: one must refresh, the others
// wait and reuse it), alternating with 20 started at once while the token is valid (the floor:
// starting 20 processes on this machine); wall time from the first spawn to the last exit, and
// the refresh requests the dev server saw in each race (must be exactly 1). Two ways to expire:
// a rewrite of the credentials file (which also invalidates the token index; also 1 process),
// and time (the index stays valid: the hot path's leader and followers).
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { alternate, runsFor, runAsync, timeAsync } from './measure.mjs'
import { heading, row } from './report.mjs'

const SECTION = 'race'

// The time row: logins and renewals give 65 s tokens, fresh (outside the 60 s refresh skew)
// for 5 s; the floor runs inside those 5 s, the race once the token is inside the skew.
const TIME_TTL_S = 65
const SKEW_MS = 60_000

export async function benchRefreshRace({ root, cli }) {
  heading(SECTION, `N \`authcli auth token\` at once, first spawn to last exit, ${availableParallelism()} cores`)
  const { startDevServer } = await import(pathToFileURL(join(root, 'apps/dev-server/dist/index.js')).href)
  const { unchangedFiles } = await import(pathToFileURL(join(root, 'packages/core/dist/token-index.js')).href)
  await rewriteRows(startDevServer, cli)
  await timeRow(startDevServer, unchangedFiles, cli)
}

/**
 * The rows where the race gets its expired credential by a REWRITE of the credentials file
 * (which also invalidates the token index: every process of the race loads the full CLI).
 */
async function rewriteRows(startDevServer, cli) {
  // 30 s access tokens are inside the refresh skew: an "expired" credential is refreshed; refreshed ones live an hour.
  const server = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 30, refreshedAccessTokenTtl: 3600 })
  const { dir, env, file } = sandbox()
  try {
    await deviceLogin(server, cli, env)
    const expire = () => {
      const doc = JSON.parse(readFileSync(file, 'utf8'))
      for (const c of Object.values(doc.credentials)) c.expiresAt = Date.now() - 1000
      writeFileSync(file, JSON.stringify(doc), { mode: 0o600 })
    }
    for (const n of [20, 1]) {
      const refreshes = []
      // Before each timed call: the race gets an expired credential; the floor runs on the
      // token the previous race refreshed (valid for an hour), or expires nothing.
      const before = (which) => {
        if (which === 'case') expire()
        server.resetCounters()
      }
      const m = await alternate(raceOf(n, cli, env, server, refreshes), validOf(n, cli, env, server), { before, runs: runsFor('race') })
      report(`${n} × auth token, expired (refresh race)`, `${n} × auth token, valid (floor)`, m, refreshes)
    }
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * The row where the token expires WITH TIME while the token index stays valid (how tokens
 * expire in real life): every process of the race starts on the hot path; one leads and
 * renews through the full CLI, the others wait for the index it records again. The floor
 * runs on a fresh token, answered by the index.
 */
async function timeRow(startDevServer, unchangedFiles, cli) {
  const server = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: TIME_TTL_S, refreshedAccessTokenTtl: TIME_TTL_S })
  const { dir, env, file } = sandbox()
  const index = join(env.AUTHCLI_CONFIG_DIR, '.token-index.json')
  const expiresAt = () => Math.min(...Object.values(JSON.parse(readFileSync(file, 'utf8')).credentials).map((c) => c.expiresAt))
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)))
  // The index answers for the credentials as they are (reading them changes nothing).
  const indexValid = () => JSON.parse(readFileSync(index, 'utf8')).entries.some((entry) => unchangedFiles(entry))
  const untilExpired = () => sleep(expiresAt() - SKEW_MS - Date.now() + 20)
  try {
    await deviceLogin(server, cli, env)
    // The first valid run records the index.
    await validOf(1, cli, env, server)()
    const n = 20
    const refreshes = []
    const before = async (which) => {
      if (which === 'case') await untilExpired()
      // The floor needs 2 s of freshness left: else one untimed renewal (which records the index again).
      else if (expiresAt() - SKEW_MS - Date.now() < 2000) {
        await untilExpired()
        await validOf(1, cli, env, undefined)()
      }
      if (!indexValid()) throw new Error('the token index does not answer for the credentials file: this row would measure the rewrite race')
      server.resetCounters()
    }
    const m = await alternate(raceOf(n, cli, env, server, refreshes), validOf(n, cli, env, server), { before, runs: runsFor('race') })
    report(`${n} × auth token, expired with time (index valid)`, `${n} × auth token, valid (floor)`, m, refreshes)
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function sandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'authcli-bench-race-'))
  const env = { PATH: process.env.PATH, HOME: dir, AUTHCLI_CONFIG_DIR: join(dir, 'config'), AUTHCLI_STORE: 'file', NO_COLOR: '1' }
  return { dir, env, file: join(dir, 'config', 'credentials') }
}

async function deviceLogin(server, cli, env) {
  const login = spawn(process.execPath, [cli, 'auth', 'login', '--device', '--json', '--host', server.issuer, '--scope', 'openid', '--scope', 'offline_access', '--scope', 'api:read'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const first = await new Promise((resolve) => login.stdout.once('data', (c) => resolve(String(c))))
  await server.approveDevice(JSON.parse(first.split('\n')[0]).user_code, { login: 'bench' })
  const loggedIn = await new Promise((resolve) => login.on('close', resolve))
  if (loggedIn !== 0) throw new Error(`the device login exited ${loggedIn}`)
}

/** `n` × `authcli auth token` at once; all must exit 0 and print the same token. */
async function start(n, cli, env) {
  const results = await Promise.all(Array.from({ length: n }, () => runAsync([process.execPath, cli, 'auth', 'token'], env)))
  if (results.some((r) => r.code !== 0) || new Set(results.map((r) => r.stdout)).size !== 1) {
    throw new Error(`${n} processes did not agree: exit codes ${results.map((r) => r.code).join(',')}: ${results.find((r) => r.code !== 0)?.stderr ?? ''}`)
  }
}

/** A timed race of `n`: the refresh requests the server saw go to `refreshes`. */
function raceOf(n, cli, env, server, refreshes) {
  return async () => {
    const ms = await timeAsync(() => start(n, cli, env))
    refreshes.push(server.counters().refresh_token ?? 0)
    return ms
  }
}

/** A timed run of `n` on a valid token: no refresh request allowed (with a `server` to ask). */
function validOf(n, cli, env, server) {
  return async () => {
    const ms = await timeAsync(() => start(n, cli, env))
    if (server !== undefined && (server.counters().refresh_token ?? 0) !== 0) throw new Error('a valid token was refreshed')
    return ms
  }
}

/** Prints the row; exactly 1 refresh request per measured race, else the bench fails. */
function report(name, reference, m, refreshes) {
  const measured = refreshes.slice(-m.case.n)
  const exact = measured.every((r) => r === 1)
  row(SECTION, { name, reference, m, extra: { 'refresh requests per race': exact ? 1 : `${Math.min(...measured)}..${Math.max(...measured)} (MUST be 1)` } })
  if (!exact) throw new Error(`${name}: ${measured.join(',')} refresh requests in the races: exactly 1 each expected`)
}
