import { readFile } from 'node:fs/promises'
import { afterAll, describe, expect, it } from 'vitest'
import { tempDirs } from '../src/_test-fixtures.js'
import { example } from './readme-example.js'

const dirs = tempDirs()
afterAll(dirs.cleanup)

describe('README', () => {
  it('shows the example that is compiled and run here', async () => {
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')
    const source = await readFile(new URL('./readme-example.ts', import.meta.url), 'utf8')
    const block = /```ts\n([\s\S]*?)```/.exec(readme)?.[1]
    expect(block).toBe(source.replace("'../src/index.js'", "'@auth/store-file'"))
  })

  it('runs', async () => {
    const credential = await example(await dirs.make())
    expect(credential).toMatchObject({ accessToken: 'example-access-token', account: { login: 'alice' } })
  })
})
