// The official MCP conformance suite's runner (@modelcontextprotocol/conformance, client mode),
// run on Node 20, one scenario at a time with `--scenario`, results read from its checks.json.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The 22 client `auth/*` scenarios of conformance 0.1.16 (`conformance list`). */
export const AUTH_SCENARIOS: readonly string[] = [
  'auth/metadata-default',
  'auth/metadata-var1',
  'auth/metadata-var2',
  'auth/metadata-var3',
  'auth/basic-cimd',
  'auth/scope-from-www-authenticate',
  'auth/scope-from-scopes-supported',
  'auth/scope-omitted-when-undefined',
  'auth/scope-step-up',
  'auth/scope-retry-limit',
  'auth/token-endpoint-auth-basic',
  'auth/token-endpoint-auth-post',
  'auth/token-endpoint-auth-none',
  'auth/pre-registration',
  'auth/2025-03-26-oauth-metadata-backcompat',
  'auth/2025-03-26-oauth-endpoint-fallback',
  'auth/resource-mismatch',
  'auth/offline-access-scope',
  'auth/offline-access-not-supported',
  'auth/client-credentials-jwt',
  'auth/client-credentials-basic',
  'auth/cross-app-access-complete-flow',
]

/** One check of a scenario, as the runner saved it. */
export interface ConformanceCheck {
  id: string
  status: 'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | string
  description: string
}

/** What one scenario run saw. */
export interface ConformanceRun {
  scenario: string
  /** The runner's exit code: 0 only when the scenario passed (no failure, no warning, no timeout, the client's exit accepted). */
  code: number | null
  output: string
  checks: ConformanceCheck[]
  failures: ConformanceCheck[]
  warnings: ConformanceCheck[]
  ms: number
}

/**
 * The runner's entry on this Node. Its `dist/index.js` imports `globSync` from `fs` (Node >= 22)
 * for its `tier-check` command only, so on Node 20 it fails to link: a copy without that one
 * named import is written beside it (so its own imports resolve) and runs the client scenarios
 * unchanged. Throws when the runner changed and the import is not where it was.
 */
export async function conformanceRunner(): Promise<string> {
  let dir = dirname(fileURLToPath(import.meta.url))
  while (!existsSync(join(dir, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist', 'index.js'))) {
    if (dirname(dir) === dir) throw new Error('@modelcontextprotocol/conformance is not installed')
    dir = dirname(dir)
  }
  const dist = join(dir, 'node_modules', '@modelcontextprotocol', 'conformance', 'dist')
  const original = join(dist, 'index.js')
  if (Number(process.versions.node.split('.')[0]) >= 22) return original
  const patched = join(dist, 'index.node20.js')
  const text = await readFile(original, 'utf8')
  const fixed = text.replace('existsSync as a,globSync as o,mkdtempSync', 'existsSync as a,mkdtempSync')
  if (fixed === text) throw new Error('the conformance runner changed: its globSync import was not found')
  if (!existsSync(patched) || (await readFile(patched, 'utf8')) !== fixed) await writeFile(patched, fixed)
  return patched
}

/**
 * Runs one scenario: `conformance client --command "<command>" --scenario <scenario>` (the
 * runner appends the server URL and sets MCP_CONFORMANCE_SCENARIO / _CONTEXT), with `env` only
 * (plus PATH), in a fresh folder under `work`.
 */
export async function runConformanceScenario(runner: string, scenario: string, command: string, options: { work: string; env?: Record<string, string>; timeoutMs?: number }): Promise<ConformanceRun> {
  const started = Date.now()
  const dir = await mkdtemp(join(options.work, 'scenario-'))
  const results = join(dir, 'results')
  const env = { PATH: process.env.PATH ?? '', HOME: dir, ...options.env }
  const args = [runner, 'client', '--command', command, '--scenario', scenario, '--timeout', String(options.timeoutMs ?? 30_000), '-o', results]
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (output += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (output += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const found = existsSync(results) ? (await readdir(results, { recursive: true })).find((f) => f.endsWith('checks.json')) : undefined
  const checks = found === undefined ? [] : (JSON.parse(await readFile(join(results, found), 'utf8')) as ConformanceCheck[])
  return { scenario, code, output, checks, failures: checks.filter((c) => c.status === 'FAILURE'), warnings: checks.filter((c) => c.status === 'WARNING'), ms: Date.now() - started }
}

/** Runs at most `n` of the functions passed at once (scenarios each start servers and a client process). */
export function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0
  const queue: (() => void)[] = []
  return async (fn) => {
    if (running >= n) await new Promise<void>((resolve) => queue.push(resolve))
    running++
    try {
      return await fn()
    } finally {
      running--
      queue.shift()?.()
    }
  }
}
