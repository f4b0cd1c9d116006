// The machine scenarios of the official MCP conformance suite (0.1.16, client mode), each run
// on its own with --scenario, against a client whose token comes from this package's grants.
// A WARNING counts as a failure, as does the client's exit code.
import { tempDirs } from '@auth/testing'
import { bundleFixture } from '@auth/testing/children'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runScenario } from './_conformance.js'

const dirs = tempDirs()
let client: string
beforeAll(async () => {
  client = await bundleFixture(new URL('./fixtures/machine-client.ts', import.meta.url), await dirs.make())
}, 60_000)
afterAll(() => dirs.cleanup())

const SCENARIOS = ['auth/client-credentials-basic', 'auth/client-credentials-jwt', 'auth/cross-app-access-complete-flow']

describe('conformance: machine scenarios', () => {
  test.each(SCENARIOS)(
    '%s passes with no failure and no warning',
    async (scenario) => {
      const run = await runScenario(scenario, `node ${client}`)
      const checks = /Checks:\n([\s\S]*?)\n\n/.exec(run.output)?.[1] ?? run.output
      expect(run.output, run.output).toMatch(/method: tools\/call/)
      expect(run.output).toMatch(/OVERALL: PASSED/)
      expect(checks).not.toMatch(/\bFAILURE\b|\bWARNING\b/)
      expect(run.exitCode, run.output).toBe(0)
    },
    90_000,
  )
})
