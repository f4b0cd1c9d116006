import { startDevServer } from '@auth/dev-server'
import { readmeExample, runExample } from '@auth/testing'
import { describe, expect, it } from 'vitest'

describe('README', () => {
  it('shows exactly the typechecked example (test/readme-example.ts)', async () => {
    const { block, example } = await readmeExample(import.meta.url, '@auth/flow-pat')
    expect(block).toBe(example)
  })

  it('runs the example against the dev server, the token on stdin', async () => {
    const server = await startDevServer({ port: 0 })
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    try {
      const run = await runExample(() => import('./readme-example.js'), { env: { EXAMPLE_HOST: server.issuer }, stdin: `${token}\n` })
      expect(run.log).toEqual([`logged in to ${server.issuer} as alice (api:read)`])
      expect(run.exitCode).toBe(0)
    } finally {
      await server.close()
    }
  })
})
