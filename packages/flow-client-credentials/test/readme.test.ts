import { readFile } from 'node:fs/promises'
import { startDevServer } from '@auth/dev-server'
import { describe, expect, it, vi } from 'vitest'

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')

describe('README', () => {
  it('shows exactly the typechecked example (test/readme-example.ts)', async () => {
    const example = (await readFile(new URL('./readme-example.ts', import.meta.url), 'utf8')).replace("from '../src/index.js'", "from '@auth/flow-client-credentials'")
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toBe(example)
  })

  it('runs the example against the dev server', async () => {
    const server = await startDevServer({ port: 0 })
    const env = { EXAMPLE_ISSUER: server.issuer, MYCLI_CLIENT_ID: server.clients.confidential.clientId, MYCLI_CLIENT_SECRET: server.clients.confidential.clientSecret }
    Object.assign(process.env, env)
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      await import('./readme-example.js')
      expect(log).toHaveBeenCalledWith(expect.stringMatching(/^authcli-confidential: api:read until \d{4}-\d\d-\d\dT/))
      expect(process.exitCode ?? 0).toBe(0)
      expect(server.counters()['client_credentials']).toBe(1)
    } finally {
      log.mockRestore()
      for (const name of Object.keys(env)) delete process.env[name]
      await server.close()
    }
  })
})
