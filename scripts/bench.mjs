#!/usr/bin/env node
// `npm run bench`: start-up benchmarks of the CLI hot paths against bare `node`.
// Each case is spawned RUNS times (after WARMUP runs); we report min / median / p90 wall time,
// once in a clean environment and once with NODE_EXTRA_CA_CERTS as these machines set it
// (Node then loads the whole CA bundle at start-up). Results also go to .bench/results.json.
//   BENCH_RUNS=50 npm run bench
// A second section times `authcli auth login --web` against the dev server (BENCH_LOGIN_RUNS, default 5).
// A third times N `authcli auth token` racing to refresh one expired credential (BENCH_RACE_RUNS, default 5).
// The examples section (scripts/bench-examples.mjs): each apps/examples product's bundle size and `auth token` cold start.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { benchExamples } from './bench-examples.mjs'
import { ensureNpm } from './ensure.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const WARMUP = 3
const cli = join(root, 'apps/cli/dist/authcli.cjs')

ensureNpm()
// BENCH_SKIP_BUILD=1 measures what is built already.
const build = process.env.BENCH_SKIP_BUILD
  ? { status: 0 }
  : spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
    })
if (build.status !== 0) process.exit(build.status ?? 1)

const home = mkdtempSync(join(tmpdir(), 'authcli-bench-'))
const configDir = join(home, '.authcli')

// `authcli auth token` needs a logged-in profile: a valid token (a PAT, no expiry) in the file
// store and a config naming it, written the way a login would. No server: the hot path must
// not touch the network while the token is valid.
const { createFileStore } = await import(pathToFileURL(join(root, 'packages/store-file/dist/index.js')).href)
const benchHost = 'https://api.example.com'
await createFileStore({ dir: configDir }).set(
  { host: benchHost, account: 'bench' },
  {
    accessToken: 'bench_token_0123456789abcdef',
    tokenType: 'Bearer',
    scopes: ['api:read'],
    account: { login: 'bench' },
    flow: 'pat',
    obtainedAt: Date.now(),
  },
)
for (const [key, value] of [
  ['host', benchHost],
  ['flow', 'pat'],
  ['store', 'file'],
]) {
  spawnSync(process.execPath, [cli, 'config', 'set', key, value], { env: { PATH: process.env.PATH, HOME: home, AUTHCLI_CONFIG_DIR: configDir } })
}

/** The cases: [name, argv]. A case whose script is missing is skipped. */
const cases = [
  ['node -e 0 (floor)', [process.execPath, '-e', '0']],
  ['require @auth/core (cjs)', [process.execPath, '-e', "require('@auth/core')"]],
  ['import @auth/core (esm)', [process.execPath, '--input-type=module', '-e', "import '@auth/core'"]],
  ['authcli --version', [process.execPath, cli, '--version']],
  ['authcli config list', [process.execPath, cli, 'config', 'list']],
  ['authcli auth token (file store)', [process.execPath, cli, 'auth', 'token']],
]

function timeOnce(argv, env) {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(argv[0], argv.slice(1), { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`)
  return ms
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))]
  return { min: s[0], median: at(0.5), p90: at(0.9) }
}

function measure(argv, env) {
  for (let i = 0; i < WARMUP; i++) timeOnce(argv, env)
  return stats(Array.from({ length: RUNS }, () => timeOnce(argv, env)))
}

const base = { PATH: process.env.PATH, HOME: home, AUTHCLI_CONFIG_DIR: configDir, NO_COLOR: '1' }
const envs = [['clean env', base]]
if (process.env.NODE_EXTRA_CA_CERTS) envs.push(['NODE_EXTRA_CA_CERTS set', { ...base, NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS }])

const results = []
console.log(`\n${RUNS} runs each (after ${WARMUP} warm-up), wall time in ms, ${process.version}, ${new Date().toISOString()}`)
for (const [envName, env] of envs) {
  console.log(`\n${envName}`)
  console.log(`  ${'case'.padEnd(32)} ${'min'.padStart(7)} ${'median'.padStart(7)} ${'p90'.padStart(7)}`)
  for (const [name, argv] of cases) {
    if (argv[1]?.endsWith('.cjs') && !existsSync(argv[1])) continue
    const s = measure(argv, env)
    results.push({ env: envName, case: name, ...s })
    console.log(`  ${name.padEnd(32)} ${s.min.toFixed(1).padStart(7)} ${s.median.toFixed(1).padStart(7)} ${s.p90.toFixed(1).padStart(7)}`)
  }
}
rmSync(home, { recursive: true, force: true })

// Login wall time: `authcli auth login --web` against the dev server, from spawn to exit 0, the
// user played over HTTP (the dev server's sign-in walk, then the loopback redirect) and, when
// Debian's Chromium is installed, by headless Chromium through playwright-core.
results.push(...(await benchExamples(root, measure)))
const loginResults = await benchLogin(Number(process.env.BENCH_LOGIN_RUNS ?? 5))
results.push(...loginResults)
results.push(...(await benchRefreshRace(Number(process.env.BENCH_RACE_RUNS ?? 5))))
// Issue 20: what a product ships and installs (bench-size): the bundles section (ours beside
// openid-client's pieces, @azure/msal-node, @octokit/auth-oauth-device) and the install footprint.
const { benchBundles } = await import('./bench/bundles.mjs')
const { benchFootprint } = await import('./bench/footprint.mjs')
results.push(...(await benchBundles(root)), ...(await benchFootprint(root)))
mkdirSync(join(root, '.bench'), { recursive: true })
writeFileSync(join(root, '.bench/results.json'), JSON.stringify({ node: process.version, runs: RUNS, results }, null, 2))
console.log('\nwritten .bench/results.json')

async function benchLogin(runs) {
  const { spawn } = await import('node:child_process')
  const { readFileSync, chmodSync } = await import('node:fs')
  const { startDevServer } = await import(pathToFileURL(join(root, 'apps/dev-server/dist/index.js')).href)
  const server = await startDevServer({ port: 0 })
  const dir = mkdtempSync(join(tmpdir(), 'authcli-bench-login-'))
  const urls = join(dir, 'urls')
  const script = join(dir, 'browser.sh')
  writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' "$1" > '${urls}'\n`)
  chmodSync(script, 0o755)
  const users = [['HTTP user (dev server walk)', async (url) => fetch(await server.authorize(url)).then((r) => r.text())]]
  let browser
  if (existsSync('/usr/bin/chromium')) {
    const { chromium } = await import('playwright-core')
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1',
      ],
    })
    users.push([
      'headless Chromium',
      async (url) => {
        const context = await browser.newContext()
        const page = await context.newPage()
        await page.goto(url)
        await page.fill('input[name="login"]', 'alice')
        await page.fill('input[name="password"]', 'bench')
        await Promise.all([page.waitForURL(/\/done$/), page.click('button[type="submit"]')])
        await context.close()
      },
    ])
  }
  const out = []
  console.log(`\nauth login --web against the dev server (${runs} runs each, spawn to exit, ms)`)
  try {
    for (const [name, user] of users) {
      const samples = []
      for (let i = 0; i < runs + 1; i++) {
        rmSync(urls, { force: true })
        const configDir = join(dir, `config-${name.length}-${i}`)
        const env = { PATH: process.env.PATH, HOME: dir, AUTHCLI_CONFIG_DIR: configDir, AUTHCLI_STORE: 'file', BROWSER: script, NO_COLOR: '1' }
        const t0 = performance.now()
        const child = spawn(process.execPath, [cli, 'auth', 'login', '--web', '--host', server.issuer, '--client-id', 'authcli', '--port-range', '8765-8769'], {
          env,
          stdio: ['ignore', 'ignore', 'pipe'],
        })
        let stderr = ''
        child.stderr.on('data', (c) => (stderr += c))
        const exited = new Promise((resolve) => child.on('close', resolve))
        let url = ''
        for (let j = 0; j < 400 && url === ''; j++) {
          await new Promise((resolve) => setTimeout(resolve, 5))
          url = existsSync(urls) ? readFileSync(urls, 'utf8').trim() : ''
        }
        if (url === '') throw new Error(`bench: BROWSER never called: ${stderr}`)
        // BROWSER gets a private file:// launch page (issue 15) that sends the browser on to the authorization URL.
        await user(url.startsWith('file:') ? (/content="0;url=([^"]+)"/.exec(readFileSync(fileURLToPath(url), 'utf8'))?.[1] ?? '').replaceAll('&#38;', '&') : url)
        const code = await exited
        if (code !== 0) throw new Error(`bench: auth login exited ${code}: ${stderr}`)
        if (i > 0) samples.push(performance.now() - t0) // the first run warms up
      }
      const s = stats(samples)
      out.push({ env: 'clean env', case: `auth login --web (${name})`, ...s })
      console.log(`  ${name.padEnd(32)} ${s.min.toFixed(0).padStart(7)} ${s.median.toFixed(0).padStart(7)} ${s.p90.toFixed(0).padStart(7)}`)
    }
  } finally {
    await browser?.close()
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return out
}

// One refresh across processes: an expired device-flow credential (file store), then 1 or 20
// `authcli auth token` started at once; wall time from the first spawn to the last exit, and
// the refresh requests the dev server saw. Goal: 20 processes within 2x one process, 1 request.
async function benchRefreshRace(runs) {
  const { spawn } = await import('node:child_process')
  const { readFileSync } = await import('node:fs')
  const { startDevServer } = await import(pathToFileURL(join(root, 'apps/dev-server/dist/index.js')).href)
  const server = await startDevServer({ port: 0, deviceInterval: 0.05, accessTokenTtl: 30, refreshedAccessTokenTtl: 3600 })
  const dir = mkdtempSync(join(tmpdir(), 'authcli-bench-race-'))
  const env = { PATH: process.env.PATH, HOME: dir, AUTHCLI_CONFIG_DIR: join(dir, 'config'), AUTHCLI_STORE: 'file', NO_COLOR: '1' }
  const exec = (args) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
      let stdout = ''
      child.stdout.on('data', (c) => (stdout += c))
      child.on('close', (code) => resolve({ code, stdout }))
    })
  const out = []
  try {
    const login = spawn(process.execPath, [cli, 'auth', 'login', '--device', '--json', '--host', server.issuer, '--scope', 'openid', '--scope', 'offline_access', '--scope', 'api:read'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const first = await new Promise((resolve) => login.stdout.once('data', (c) => resolve(String(c))))
    await server.approveDevice(JSON.parse(first.split('\n')[0]).user_code, { login: 'bench' })
    await new Promise((resolve) => login.on('close', resolve))
    const file = join(dir, 'config', 'credentials')
    const expire = () => {
      const doc = JSON.parse(readFileSync(file, 'utf8'))
      for (const c of Object.values(doc.credentials)) c.expiresAt = Date.now() - 1000
      writeFileSync(file, JSON.stringify(doc), { mode: 0o600 })
    }
    console.log(`\nauth token with an expired token, N processes at once (${runs} runs each, first spawn to last exit, ms)`)
    console.log(`  ${'case'.padEnd(32)} ${'min'.padStart(7)} ${'median'.padStart(7)} ${'p90'.padStart(7)} ${'refresh requests'.padStart(17)}`)
    const medians = {}
    for (const [n, expired] of [
      [1, true],
      [20, true],
      [20, false],
    ]) {
      const samples = []
      let requests = 0
      for (let i = 0; i < runs + 1; i++) {
        if (expired) expire()
        server.resetCounters()
        const t0 = performance.now()
        const results = await Promise.all(Array.from({ length: n }, () => exec(['auth', 'token'])))
        const ms = performance.now() - t0
        if (results.some((r) => r.code !== 0) || new Set(results.map((r) => r.stdout)).size !== 1) throw new Error(`bench: ${n} processes did not agree: ${JSON.stringify(results.map((r) => r.code))}`)
        if (i > 0) {
          samples.push(ms)
          requests = Math.max(requests, server.counters()['refresh_token'] ?? 0)
        }
      }
      const s = stats(samples)
      const label = expired ? `${n} process${n === 1 ? '' : 'es'}, expired` : `${n} processes, valid (reference)`
      medians[label] = s.median
      out.push({ env: 'clean env', case: `auth token x${n}, ${expired ? 'expired (refresh race)' : 'valid (no refresh)'}`, ...s, refreshRequests: requests })
      console.log(`  ${label.padEnd(32)} ${s.min.toFixed(0).padStart(7)} ${s.median.toFixed(0).padStart(7)} ${s.p90.toFixed(0).padStart(7)} ${String(requests).padStart(17)}`)
    }
    const one = medians['1 process, expired']
    const race = medians['20 processes, expired']
    const floor = medians['20 processes, valid (reference)']
    console.log(
      `  20 expired / 1 expired: ${(race / one).toFixed(2)}x (goal <= 2x); 20 expired / 20 valid: ${(race / floor).toFixed(2)}x (the cost of the race over starting 20 processes on ${availableParallelism()} cores)`,
    )
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
  return out
}
