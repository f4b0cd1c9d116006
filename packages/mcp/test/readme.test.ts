import { readmeExample } from '@auth/testing'
import { describe, expect, it } from 'vitest'

describe('README', () => {
  it('shows test/readme-example.ts verbatim (typechecked with the package)', async () => {
    const { block, example } = await readmeExample(import.meta.url, '@auth/mcp')
    expect(block).toBe(example)
  })
})
