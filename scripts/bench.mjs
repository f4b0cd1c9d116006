#!/usr/bin/env node
// `npm run bench`: start-up benchmarks of the CLI hot paths against bare `node`.
// Each case is spawned RUNS times (after WARMUP runs); we report min / median / p90 wall time,
// once in a clean environment and once with NODE_EXTRA_CA_CERTS as these machines set it
// (Node then loads the whole CA bundle at start-up). Results also go to .bench/results.json.
//   BENCH_RUNS=50 npm run bench
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { ensureNpm } from './ensure.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const RUNS = Number(process.env.BENCH_RUNS ?? 30)
const WARMUP = 3
const cli = join(root, 'apps/cli/dist/authcli.cjs')

ensureNpm()
const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], {
  cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' },
})
if (build.status !== 0) process.exit(build.status ?? 1)

const home = mkdtempSync(join(tmpdir(), 'authcli-bench-'))
const configDir = join(home, '.authcli')

// `authcli auth token` needs a logged-in profile: a valid token (a PAT, no expiry) in the file
// store and a config naming it, written the way a login would. No server: the hot path must
// not touch the network while the token is valid.
const { createFileStore } = await import(pathToFileURL(join(root, 'packages/store-file/dist/index.js')).href)
const benchHost = 'https://api.example.com'
await createFileStore({ dir: configDir }).set({ host: benchHost, account: 'bench' }, {
  accessToken: 'bench_token_0123456789abcdef', tokenType: 'Bearer', scopes: ['api:read'], account: { login: 'bench' }, flow: 'pat', obtainedAt: Date.now(),
})
for (const [key, value] of [['host', benchHost], ['flow', 'pat'], ['store', 'file']]) {
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
    if (argv[1] && argv[1].endsWith('.cjs') && !existsSync(argv[1])) continue
    const s = measure(argv, env)
    results.push({ env: envName, case: name, ...s })
    console.log(`  ${name.padEnd(32)} ${s.min.toFixed(1).padStart(7)} ${s.median.toFixed(1).padStart(7)} ${s.p90.toFixed(1).padStart(7)}`)
  }
}
rmSync(home, { recursive: true, force: true })
mkdirSync(join(root, '.bench'), { recursive: true })
writeFileSync(join(root, '.bench/results.json'), JSON.stringify({ node: process.version, runs: RUNS, results }, null, 2))
console.log('\nwritten .bench/results.json')
