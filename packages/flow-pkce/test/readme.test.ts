import { readFile } from 'node:fs/promises'
import { startDevServer } from '@auth/dev-server'
import { describe, expect, it, vi } from 'vitest'

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')

describe('README', () => {
  it('shows exactly the typechecked example (test/readme-example.ts)', async () => {
    const example = (await readFile(new URL('./readme-example.ts', import.meta.url), 'utf8')).replace("from '../src/index.js'", "from '@auth/flow-pkce'")
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toBe(example)
  })

  it('runs the example against the dev server, signing in at the URL it prints', async () => {
    const server = await startDevServer({ port: 0 })
    vi.stubEnv('MYCLI_ISSUER', server.issuer)
    vi.stubEnv('MYCLI_CLIENT_ID', server.clients.native.clientId)
    vi.stubEnv('BROWSER', '/bin/true')
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
      const url = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(String(line))?.[1]
      if (url !== undefined) void server.authorize(url).then((redirect) => fetch(redirect))
    })
    try {
      await import('./readme-example.js')
      expect(log).toHaveBeenCalledWith('Logged in as alice')
      expect(process.exitCode ?? 0).toBe(0)
    } finally {
      log.mockRestore()
      error.mockRestore()
      vi.unstubAllEnvs()
      await server.close()
    }
  })
})
