import { readmeExample, tempDirs } from '@auth/testing'
import { afterAll, describe, expect, it } from 'vitest'
import { example } from './readme-example.js'

const dirs = tempDirs()
afterAll(dirs.cleanup)

describe('README', () => {
  it('shows the example that is compiled and run here', async () => {
    const { block, example } = await readmeExample(import.meta.url, '@auth/store-file')
    expect(block).toBe(example)
  })

  it('runs', async () => {
    const credential = await example(await dirs.make())
    expect(credential).toMatchObject({ accessToken: 'example-access-token', account: { login: 'alice' } })
  })
})
