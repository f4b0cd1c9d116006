import { startDevServer } from '@auth/dev-server'
import { readmeExample, runExample } from '@auth/testing'
import { describe, expect, it } from 'vitest'

describe('README', () => {
  it('shows exactly the typechecked example (test/readme-example.ts)', async () => {
    const { block, example } = await readmeExample(import.meta.url, '@auth/flow-client-credentials')
    expect(block).toBe(example)
  })

  it('runs the example against the dev server', async () => {
    const server = await startDevServer({ port: 0 })
    const env = { EXAMPLE_ISSUER: server.issuer, MYCLI_CLIENT_ID: server.clients.confidential.clientId, MYCLI_CLIENT_SECRET: server.clients.confidential.clientSecret }
    try {
      const run = await runExample(() => import('./readme-example.js'), { env })
      expect(run.log).toEqual([expect.stringMatching(/^authcli-confidential: api:read until \d{4}-\d\d-\d\dT/)])
      expect(run.exitCode).toBe(0)
      expect(server.counters()['client_credentials']).toBe(1)
    } finally {
      await server.close()
    }
  })
})
