#!/usr/bin/env node
// `npm run bench`: every figure beside its reference, measured in the same run in alternating
// runs (case, ref, case, ref, ... after warm-up), medians, p90 and the ratio of the medians.
// Prints one table per section and writes bench/results.json. One concern per file in scripts/bench/
// (its measuring core is checked by `node --test scripts/bench/`).
//   BENCH_RUNS=20        pairs per row (default 20; BENCH_WARMUP warm-up pairs, default 3)
//   BENCH_RACE_RUNS, BENCH_LOGIN_RUNS  pairs for those slow sections only (default BENCH_RUNS)
//   BENCH_SKIP_BUILD=1   measure what is built already
//   BENCH_ONLY=cold,race run only these sections (names below)
//   BENCH_CPU_PROF=dir   the cold rows' processes once more under node --cpu-prof, into dir
// A section whose prerequisite is missing (gnome-keyring, Chromium, gh) prints why and is skipped.
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { benchExamples } from './bench-examples.mjs'
import { benchBundles } from './bench/bundles.mjs'
import { benchColdStart } from './bench/cold-start.mjs'
import { benchFootprint } from './bench/footprint.mjs'
import { benchInProcess } from './bench/in-process.mjs'
import { benchLogin } from './bench/login.mjs'
import { benchMcp } from './bench/mcp.mjs'
import { RUNS, WARMUP } from './bench/measure.mjs'
import { benchRefreshRace } from './bench/race.mjs'
import { record, writeResults } from './bench/report.mjs'
import { ensureNpm } from './ensure.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const cli = join(root, 'apps/cli/dist/authcli.cjs')

/** The sections, in order: [name for BENCH_ONLY, function({ root, cli })]. */
const SECTIONS = [
  ['cold', benchColdStart],
  ['examples', benchExamples],
  ['inprocess', benchInProcess],
  ['race', benchRefreshRace],
  ['login', benchLogin],
  ['mcp', benchMcp],
  // What a product ships and installs (bench-size's modules): the bundles (ours beside
  // openid-client's pieces, @azure/msal-node, @octokit/auth-oauth-device) and the install footprint.
  ['bundles', ({ root }) => benchBundles({ root, record: (r) => record('bundles', r) })],
  ['footprint', ({ root }) => benchFootprint({ root, record: (r) => record('footprint', r) })],
]

const only = (process.env.BENCH_ONLY ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
const unknown = only.filter((name) => !SECTIONS.some(([n]) => n === name))
if (unknown.length > 0) {
  console.error(`bench: unknown section ${unknown.join(', ')} in BENCH_ONLY (known: ${SECTIONS.map(([n]) => n).join(', ')})`)
  process.exit(2)
}

ensureNpm()
if (!process.env.BENCH_SKIP_BUILD) {
  const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit', env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1' } })
  if (build.status !== 0) process.exit(build.status ?? 1)
}

console.log(`\n${RUNS} alternating pairs per row after ${WARMUP} warm-up pairs; ${process.version}; ${new Date().toISOString()}`)
const failed = []
for (const [name, run] of SECTIONS) {
  if (only.length > 0 && !only.includes(name)) continue
  try {
    await run({ root, cli })
  } catch (error) {
    // One broken section does not lose the others' figures; the exit code says it failed.
    failed.push(name)
    console.error(`\nbench: section ${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  }
}
const out = join(root, 'bench/results.json')
writeResults(out, { runs: RUNS, warmup: WARMUP, sections: only.length > 0 ? only : SECTIONS.map(([n]) => n), failed })
console.log(`\nwritten ${out}`)
if (failed.length > 0) process.exitCode = 1
