import { startDevServer } from '@auth/dev-server'
import { readmeExample, runExample } from '@auth/testing'
import { describe, expect, it } from 'vitest'

describe('README', () => {
  it('shows exactly the typechecked example (test/readme-example.ts)', async () => {
    const { block, example } = await readmeExample(import.meta.url, '@auth/flow-device')
    expect(block).toBe(example)
  })

  it('runs the example against the dev server, approving the code it prints', async () => {
    const server = await startDevServer({ port: 0, deviceInterval: 0.05 })
    try {
      const run = await runExample(() => import('./readme-example.js'), {
        env: { MYCLI_ISSUER: server.issuer, MYCLI_CLIENT_ID: server.clients.native.clientId },
        onError: (line) => {
          const code = /^ {2}([A-Z]{4}-[A-Z]{4})$/.exec(line)?.[1]
          if (code !== undefined) void server.approveDevice(code)
        },
      })
      expect(run.log).toEqual(['Logged in as alice'])
      expect(run.exitCode).toBe(0)
    } finally {
      await server.close()
    }
  })
})
