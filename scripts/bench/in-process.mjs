// Section `inprocess`: `getAccessToken()` calls per second with a valid cached token, in
// process, beside a naive per-call readFile + JSON.parse of the same file and a bare async
// function returning a string. Measured in a child `node` (in-process-child.mjs).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { heading, row } from './report.mjs'

const SECTION = 'inprocess'

export async function benchInProcess({ root }) {
  heading(SECTION, '`getAccessToken()` with a valid cached token (createAuth + PAT + file store), batches of ~50 ms', 'µs/call')
  const child = spawnSync(process.execPath, [fileURLToPath(new URL('in-process-child.mjs', import.meta.url)), root], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', BENCH_RUNS: process.env.BENCH_RUNS ?? '', BENCH_WARMUP: process.env.BENCH_WARMUP ?? '' },
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  })
  if (child.status !== 0) throw new Error(`in-process child exited ${child.status}: ${child.stderr}`)
  for (const r of JSON.parse(child.stdout.trim().split('\n').at(-1))) row(SECTION, { ...r, unit: 'µs/call' })
}
