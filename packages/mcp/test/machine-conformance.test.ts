// The machine scenarios of the official MCP conformance suite (0.1.16, client mode), each run
// on its own with --scenario, against a client whose token comes from this package's grants
// (test/fixtures/machine-client.ts). A WARNING counts as a failure, as does the client's exit code.
import { tempDirs } from '@auth/testing'
import { bundleFixture } from '@auth/testing/children'
import { conformanceRunner, runConformanceScenario } from '@auth/testing/mcp-conformance'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const dirs = tempDirs()
let client: string
let runner: string
let work: string
beforeAll(async () => {
  work = await dirs.make()
  client = await bundleFixture(new URL('./fixtures/machine-client.ts', import.meta.url), work)
  runner = await conformanceRunner()
}, 60_000)
afterAll(() => dirs.cleanup())

const SCENARIOS = ['auth/client-credentials-basic', 'auth/client-credentials-jwt', 'auth/cross-app-access-complete-flow']

describe('conformance: machine scenarios', () => {
  test.each(SCENARIOS)(
    '%s passes with no failure and no warning',
    async (scenario) => {
      const run = await runConformanceScenario(runner, scenario, `${process.execPath} ${client}`, { work })
      expect(run.failures, run.output).toEqual([])
      expect(run.warnings, run.output).toEqual([])
      expect(
        run.checks.some((c) => c.id === 'valid-bearer-token' && c.status === 'SUCCESS'),
        run.output,
      ).toBe(true)
      expect(run.output).toMatch(/method: tools\/call/)
      expect(run.code, run.output).toBe(0)
    },
    90_000,
  )
})
