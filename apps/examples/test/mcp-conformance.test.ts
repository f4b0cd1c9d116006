// The official MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, client mode)
// against the mcp-client example product (src/mcp-client.ts, bundled as `npm run build` does):
// every one of the 22 `auth/*` scenarios run on its own with `--scenario` (`--suite auth` runs
// only 14 and ignores the client's exit code), a WARNING counted as a failure, no baseline of
// expected failures. Scenarios run four at a time.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const client = join(here, '..', 'dist', 'mcp-client.js')
/** The product's Client ID Metadata Document URL: the one the suite's CIMD scenario expects. */
const CLIENT_METADATA_URL = 'https://conformance-test.local/client-metadata.json'
const SCENARIOS = [
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
const CONCURRENCY = 4

let work: string
let runner: string
const seen: Record<string, string> = {}
const started = Date.now()

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mcp-conformance-'))
  await build({
    entryPoints: [join(here, '..', 'src', 'mcp-client.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: client,
    logLevel: 'silent',
  })
  runner = await nodeTwentyRunner()
}, 60_000)

afterAll(async () => {
  const lines = SCENARIOS.map((s) => `  ${s.padEnd(44)} ${seen[s] ?? 'not run'}`)
  process.stderr.write(`\nMCP conformance (${SCENARIOS.length} auth scenarios, ${((Date.now() - started) / 1000).toFixed(1)} s):\n${lines.join('\n')}\n`)
  if (work) await rm(work, { recursive: true, force: true })
})

/**
 * The runner's `dist/index.js` imports `globSync` from `fs` (Node >= 22) for its `tier-check`
 * command only; on Node 20 that named import fails to link. A copy without it runs the client
 * scenarios unchanged (written beside the original, so its imports resolve).
 */
async function nodeTwentyRunner(): Promise<string> {
  const dist = join(here, '..', '..', '..', 'node_modules', '@modelcontextprotocol', 'conformance', 'dist')
  const original = join(dist, 'index.js')
  if (Number(process.versions.node.split('.')[0]) >= 22) return original
  const patched = join(dist, 'index.node20.js')
  const text = await readFile(original, 'utf8')
  const fixed = text.replace('existsSync as a,globSync as o,mkdtempSync', 'existsSync as a,mkdtempSync')
  if (fixed === text) throw new Error('the conformance runner changed: the globSync import was not found')
  if (!existsSync(patched) || (await readFile(patched, 'utf8')) !== fixed) await writeFile(patched, fixed)
  return patched
}

/** Runs at most CONCURRENCY scenarios at once. */
let running = 0
const queue: (() => void)[] = []
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENCY) await new Promise<void>((resolve) => queue.push(resolve))
  running++
  try {
    return await fn()
  } finally {
    running--
    queue.shift()?.()
  }
}

interface Check {
  id: string
  status: string
  description: string
}

async function runScenario(scenario: string): Promise<{ code: number | null; output: string; checks: Check[] }> {
  const dir = await mkdtemp(join(work, 'scenario-'))
  const env = { PATH: process.env.PATH ?? '', HOME: dir, MCP_CLIENT_DIR: join(dir, 'client'), MCP_CLIENT_METADATA_URL: CLIENT_METADATA_URL }
  const child = spawn(process.execPath, [runner, 'client', '--command', `${process.execPath} ${client}`, '--scenario', scenario, '--timeout', '30000', '-o', join(dir, 'results')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => void (output += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (output += chunk))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  const results = join(dir, 'results')
  const found = existsSync(results) ? (await readdir(results, { recursive: true })).find((f) => f.endsWith('checks.json')) : undefined
  const checks = found === undefined ? [] : (JSON.parse(await readFile(join(results, found), 'utf8')) as Check[])
  return { code, output, checks }
}

describe('the official MCP conformance suite, client mode, every auth scenario', () => {
  for (const scenario of SCENARIOS) {
    it.concurrent(
      scenario,
      async () => {
        const { code, output, checks } = await slot(() => runScenario(scenario))
        const failures = checks.filter((c) => c.status === 'FAILURE')
        const warnings = checks.filter((c) => c.status === 'WARNING')
        const passed = checks.filter((c) => c.status === 'SUCCESS').length
        seen[scenario] = `${code === 0 && failures.length === 0 && warnings.length === 0 ? 'PASS' : 'FAIL'} (${passed} checks passed, ${failures.length} failed, ${warnings.length} warnings)`
        const detail = [...failures, ...warnings].map((c) => `${c.status} ${c.id}: ${c.description}`).join('\n')
        expect(checks.length, output.slice(-3000)).toBeGreaterThan(0)
        expect(detail, output.slice(-3000)).toBe('')
        expect(output).toContain('OVERALL: PASSED')
        expect(output).not.toContain('CLIENT TIMED OUT')
        expect(code, output.slice(-3000)).toBe(0)
      },
      120_000,
    )
  }
})
