import { readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { startDevServer } from '@auth/dev-server'
import { describe, expect, it, vi } from 'vitest'

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')

describe('README', () => {
  it('shows exactly the typechecked example (test/readme-example.ts)', async () => {
    const example = (await readFile(new URL('./readme-example.ts', import.meta.url), 'utf8')).replace("from '../src/index.js'", "from '@auth/flow-pat'")
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toBe(example)
  })

  it('runs the example against the dev server, the token on stdin', async () => {
    const server = await startDevServer({ port: 0 })
    const token = server.mintPat({ login: 'alice', scopes: ['api:read'] })
    const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')
    Object.defineProperty(process, 'stdin', { value: Readable.from([`${token}\n`]), configurable: true })
    process.env['EXAMPLE_HOST'] = server.issuer
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    try {
      await import('./readme-example.js')
      expect(log).toHaveBeenCalledWith(`logged in to ${server.issuer} as alice (api:read)`)
      expect(process.exitCode ?? 0).toBe(0)
    } finally {
      log.mockRestore()
      if (stdin) Object.defineProperty(process, 'stdin', stdin)
      delete process.env['EXAMPLE_HOST']
      await server.close()
    }
  })
})
