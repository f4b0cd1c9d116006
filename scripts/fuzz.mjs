#!/usr/bin/env node
// `npm run fuzz`: the fuzz suites (`test/fuzz-*.test.ts` in each workspace) with many more cases
// than `npm test` runs. FUZZ_RUNS (default 20000) sets the cases per property, FUZZ_SEED a new seed
// (default: a random one, printed, so a failure can be replayed). Builds first. Extra arguments
// go to vitest (e.g. a workspace filter is not needed: `npm run fuzz -- fuzz-config`).
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const runs = process.env.FUZZ_RUNS ?? '20000'
const seed = process.env.FUZZ_SEED ?? String(Math.floor(Math.random() * 2 ** 31))
const env = { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' }
console.log(`fuzz: FUZZ_RUNS=${runs} FUZZ_SEED=${seed}`)
const build = spawnSync('npx', ['turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit', env })
if (build.status !== 0) process.exit(build.status ?? 1)
const failed = []
for (const dir of ['packages', 'apps'].flatMap((d) => readdirSync(join(root, d)).map((n) => join(root, d, n)))) {
  const test = join(dir, 'test')
  if (!existsSync(test) || !readdirSync(test).some((n) => /^fuzz-.*\.test\.ts$/.test(n))) continue
  console.log(`\n=== ${dir.slice(root.length + 1)}`)
  const r = spawnSync('npx', ['vitest', 'run', 'test/fuzz-', ...process.argv.slice(2)], { cwd: dir, stdio: 'inherit', env })
  if (r.status !== 0) failed.push(dir.slice(root.length + 1))
}
console.log(failed.length ? `\nfuzz failed in ${failed.join(', ')} (replay: FUZZ_SEED=${seed} FUZZ_RUNS=${runs})` : '\nfuzz: all passed')
process.exit(failed.length ? 1 : 0)
