import { startDevServer } from '@auth/dev-server'
import { readmeExample, runExample } from '@auth/testing'
import { describe, expect, it } from 'vitest'

describe('README', () => {
  it('shows exactly the typechecked example (test/readme-example.ts)', async () => {
    const { block, example } = await readmeExample(import.meta.url, '@auth/flow-pkce')
    expect(block).toBe(example)
  })

  it('runs the example against the dev server, signing in at the URL it prints', async () => {
    const server = await startDevServer({ port: 0 })
    try {
      const run = await runExample(() => import('./readme-example.js'), {
        env: { MYCLI_ISSUER: server.issuer, MYCLI_CLIENT_ID: server.clients.native.clientId, BROWSER: '/bin/true' },
        onError: (line) => {
          const url = /(http:\/\/127\.0\.0\.1:\d+\/auth\?\S+)/.exec(line)?.[1]
          if (url !== undefined) void server.authorize(url).then((redirect) => fetch(redirect))
        },
      })
      expect(run.log).toEqual(['Logged in as alice'])
      expect(run.exitCode).toBe(0)
    } finally {
      await server.close()
    }
  })
})
