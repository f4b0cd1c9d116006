// The SDK adapter in an app written with the MCP SDK (Client + StreamableHTTPClientTransport,
// `authProvider: createMcpOAuthProvider(mcp)`), under the official conformance runner: the
// session logs in (discovery, registration, PKCE), the SDK never refreshes or registers on its
// own, and a 403 insufficient_scope steps up through the session.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { conformanceRunner, limiter, runConformanceScenario } from '@auth/testing/mcp-conformance'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

let work: string
let runner: string
let bundle: string
const slot = limiter(2)

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mcp-sdk-adapter-'))
  bundle = join(work, 'sdk-client.mjs')
  await build({ entryPoints: [join(import.meta.dirname, 'fixtures', 'sdk-client.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'silent' })
  runner = await conformanceRunner()
}, 60_000)
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true })
})

describe('createMcpOAuthProvider: the SDK client passes conformance scenarios through the session', () => {
  for (const scenario of ['auth/metadata-default', 'auth/scope-step-up', 'auth/token-endpoint-auth-basic']) {
    it.concurrent(scenario, async () => {
      const run = await slot(() => runConformanceScenario(runner, scenario, `${process.execPath} ${bundle}`, { work, env: { MCP_CLIENT_DIR: work } }))
      const tail = run.output.slice(-3000)
      expect([...run.failures, ...run.warnings].map((c) => `${c.status} ${c.id}: ${c.description}`).join('\n'), tail).toBe('')
      expect(run.code, tail).toBe(0)
      // Exactly the session's registration: the SDK registered nothing of its own.
      expect(
        run.checks.filter((c) => c.id === 'client-registration'),
        tail,
      ).toHaveLength(1)
    }, 120_000)
  }
})
