// The official MCP conformance suite (@modelcontextprotocol/conformance 0.1.16, client mode)
// against the mcp-client example product (src/mcp-client.ts, bundled as `npm run build` does):
// every one of the 22 `auth/*` scenarios run on its own with `--scenario` (`--suite auth` runs
// only 14 and ignores the client's exit code), a WARNING counted as a failure, no baseline of
// expected failures. Four scenarios at a time.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { AUTH_SCENARIOS, conformanceRunner, limiter, runConformanceScenario } from '@auth/testing/mcp-conformance'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const here = dirname(fileURLToPath(import.meta.url))
const client = join(here, '..', 'dist', 'mcp-client.js')
/** The product's Client ID Metadata Document URL: the one the suite's CIMD scenario expects. */
const CLIENT_METADATA_URL = 'https://conformance-test.local/client-metadata.json'
const slot = limiter(4)

let work: string
let runner: string
const seen: Record<string, string> = {}
const started = Date.now()

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mcp-conformance-'))
  // The same bundle `npm run build` writes (esbuild, node20, ESM).
  await build({ entryPoints: [join(here, '..', 'src', 'mcp-client.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: client, logLevel: 'silent' })
  runner = await conformanceRunner()
}, 60_000)

afterAll(async () => {
  const lines = AUTH_SCENARIOS.map((s) => `  ${s.padEnd(44)} ${seen[s] ?? 'not run'}`)
  process.stderr.write(`\nMCP conformance, ${AUTH_SCENARIOS.length} auth scenarios in ${((Date.now() - started) / 1000).toFixed(1)} s:\n${lines.join('\n')}\n`)
  if (work) await rm(work, { recursive: true, force: true })
})

describe('the official MCP conformance suite, client mode, every auth scenario', () => {
  it('lists the 22 auth scenarios of conformance 0.1.16', () => expect(AUTH_SCENARIOS).toHaveLength(22))
  for (const scenario of AUTH_SCENARIOS) {
    it.concurrent(scenario, async () => {
      const env = { MCP_CLIENT_DIR: join(work, scenario.replace('/', '-')), MCP_CLIENT_METADATA_URL: CLIENT_METADATA_URL }
      const run = await slot(() => runConformanceScenario(runner, scenario, `${process.execPath} ${client}`, { work, env }))
      const passed = run.checks.filter((c) => c.status === 'SUCCESS').length
      const ok = run.code === 0 && run.failures.length === 0 && run.warnings.length === 0
      seen[scenario] = `${ok ? 'PASS' : 'FAIL'} (${passed} checks passed, ${run.failures.length} failed, ${run.warnings.length} warnings, ${(run.ms / 1000).toFixed(1)} s)`
      const tail = run.output.slice(-3000)
      expect(run.checks.length, tail).toBeGreaterThan(0)
      expect([...run.failures, ...run.warnings].map((c) => `${c.status} ${c.id}: ${c.description}`).join('\n'), tail).toBe('')
      expect(run.output, tail).toContain('OVERALL: PASSED')
      expect(run.output).not.toContain('CLIENT TIMED OUT')
      expect(run.code, tail).toBe(0)
    }, 180_000)
  }
})
