import { readFile } from 'node:fs/promises'
import { describe, expect, it, vi } from 'vitest'
import { ErrorCode } from '../src/index.js'

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')

describe('README', () => {
  it('shows exactly the typechecked example (test/readme-example.ts)', async () => {
    const example = (await readFile(new URL('./readme-example.ts', import.meta.url), 'utf8')).replace("from '../src/index.js'", "from '@auth/core'")
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toBe(example)
  })

  it('runs the example', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {})
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    try {
      await import('./readme-example.js')
      expect(log).toHaveBeenCalledWith('alice via memory: read')
      expect(error).toHaveBeenCalledWith('error[LOGIN_REQUIRED]: not logged in to https://api.example.com')
      expect(process.exitCode).toBe(4)
    } finally {
      process.exitCode = 0
      log.mockRestore()
      error.mockRestore()
    }
  })

  it('lists every error code', () => {
    for (const code of Object.values(ErrorCode)) expect(readme).toContain(`| \`${code}\` |`)
  })
})
