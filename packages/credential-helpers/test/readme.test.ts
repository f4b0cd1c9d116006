import { readmeExample, runExample } from '@auth/testing'
import { describe, expect, it, vi } from 'vitest'

describe('README', () => {
  it('shows exactly the typechecked example (test/readme-example.ts)', async () => {
    const { block, example } = await readmeExample(import.meta.url, '@auth/credential-helpers')
    expect(block).toBe(example)
  })

  it('runs the example as docker runs the helper: the server URL on stdin, the JSON on stdout', async () => {
    const written: string[] = []
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true))
    try {
      const run = await runExample(() => import('./readme-example.js'), { env: { EXAMPLE_OPERATION: 'get' }, stdin: 'registry.example.com' })
      expect(run.exitCode).toBe(0)
    } finally {
      spy.mockRestore()
    }
    expect(written.join('')).toBe('{"ServerURL":"registry.example.com","Username":"alice","Secret":"example-token-123"}\n')
  })
})
