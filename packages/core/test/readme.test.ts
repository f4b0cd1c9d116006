import { readmeExample, runExample } from '@auth/testing'
import { describe, expect, it } from 'vitest'
import { ErrorCode } from '../src/index.js'

const { readme, block, example } = await readmeExample(import.meta.url, '@auth/core')

describe('README', () => {
  it('shows exactly the typechecked example (test/readme-example.ts)', () => {
    expect(block).toBe(example)
  })

  it('runs the example', async () => {
    const run = await runExample(() => import('./readme-example.js'))
    expect(run.log).toContain('alice via memory: read')
    expect(run.error).toContain('error[LOGIN_REQUIRED]: not logged in to https://api.example.com')
    expect(run.exitCode).toBe(4)
  })

  it('lists every error code', () => {
    for (const code of Object.values(ErrorCode)) expect(readme).toContain(`| \`${code}\` |`)
  })
})
