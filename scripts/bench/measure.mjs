// The measuring core of `npm run bench`: every case is timed in ALTERNATING runs with its
// reference (warm-up pairs, then case, ref, case, ref, ...), so a noisy, shared machine slows
// both alike; we keep min, median and p90 of each and the ratio of the medians.
// Node built-ins only.
import { spawn, spawnSync } from 'node:child_process'

/** Pairs measured per row (BENCH_RUNS, default 20) and warm-up pairs (BENCH_WARMUP, default 3). */
export const RUNS = positive(process.env.BENCH_RUNS, 20)
export const WARMUP = positive(process.env.BENCH_WARMUP, 3, true)

/** A timed process that runs longer than this is killed and fails its row (a hung case never hangs the bench). */
const TIMEOUT_MS = 60_000

/** Pairs for one section: `BENCH_<SECTION>_RUNS` (e.g. BENCH_RACE_RUNS, BENCH_LOGIN_RUNS) when set, else BENCH_RUNS. */
export function runsFor(section) {
  return positive(process.env[`BENCH_${section.toUpperCase()}_RUNS`], RUNS)
}

function positive(text, fallback, zeroOk = false) {
  if (text === undefined || text === '') return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n < (zeroOk ? 0 : 1)) throw new Error(`bench: expected a whole number, got ${JSON.stringify(text)}`)
  return n
}

/** min / median / p90 of a list of samples (nearest rank). */
export function stats(samples) {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]
  return { n: s.length, min: s[0], median: median(s), p90: at(0.9) }
}

function median(sorted) {
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/**
 * Times `run` and `ref` in alternation: `warmup` pairs thrown away, then `runs` pairs. Each is a
 * function returning (or resolving to) one sample, usually milliseconds of wall time. Their
 * order flips every pair (case first, then ref first), so neither always runs on the heels of
 * the other. `before(which, i)` runs, untimed, before each timed call (`which` is 'case' or
 * 'ref'; e.g. to expire a credential again).
 * @returns `{ case, ref, ratio, pairRatio }`: the stats of each, median(case) / median(ref),
 *   and the median of the per-pair ratios (steadier when the machine's load drifts).
 */
export async function alternate(run, ref, { runs = RUNS, warmup = WARMUP, before } = {}) {
  const a = []
  const b = []
  for (let i = 0; i < warmup + runs; i++) {
    const order = i % 2 === 0 ? [run, ref] : [ref, run]
    const got = []
    for (const fn of order) {
      if (before) await before(fn === run ? 'case' : 'ref', i)
      got.push(await fn())
    }
    if (i < warmup) continue
    const [x, y] = i % 2 === 0 ? got : [got[1], got[0]]
    a.push(x)
    b.push(y)
  }
  const sa = stats(a)
  const sb = stats(b)
  return { case: sa, ref: sb, ratio: sa.median / sb.median, pairRatio: stats(a.map((x, i) => x / b[i])).median }
}

/**
 * A sample function: spawns `argv` with exactly `env` (nothing inherited), stdout and stdin
 * closed, and returns its wall time in ms, spawn to exit. A non-zero exit, or stdout that does
 * not match `expect` (a RegExp, when given: the process must really have done its job), throws.
 */
export function spawnTimer(argv, env, { cwd, expect } = {}) {
  return () => {
    const t0 = process.hrtime.bigint()
    const r = spawnSync(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', expect ? 'pipe' : 'ignore', 'pipe'], maxBuffer: 1 << 20, timeout: TIMEOUT_MS, killSignal: 'SIGKILL' })
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (r.error) throw new Error(`bench: ${argv.slice(0, 3).join(' ')}: ${r.error.message}${r.signal === 'SIGKILL' ? ` (killed after ${TIMEOUT_MS / 1000} s)` : ''}`)
    if (r.status !== 0) throw new Error(`bench: ${argv.slice(0, 3).join(' ')} exited ${r.status ?? r.signal}: ${String(r.stderr).slice(0, 500)}`)
    if (expect && !expect.test(String(r.stdout))) throw new Error(`bench: ${argv.slice(0, 3).join(' ')} printed ${JSON.stringify(String(r.stdout).slice(0, 80))}`)
    return ms
  }
}

/** Runs `argv` once asynchronously; resolves to `{ code, stdout, stderr }` (code 'SIGKILL' after the time-out). */
export function runAsync(argv, env, { cwd, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'], timeout: TIMEOUT_MS, killSignal: 'SIGKILL' })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c) => (stdout += c))
    child.stderr.on('data', (c) => (stderr += c))
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code: code ?? signal, stdout, stderr }))
    if (input !== undefined) child.stdin.end(input)
  })
}

/** Times an async function: resolves to its wall time in ms. */
export async function timeAsync(fn) {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}
