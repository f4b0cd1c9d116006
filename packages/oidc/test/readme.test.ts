import { readFile } from 'node:fs/promises'
import { startDevServer } from '@auth/dev-server'
import { describe, expect, it } from 'vitest'
import { createBotFlow } from './readme-example.js'

const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8')

describe('README', () => {
  it('shows exactly the typechecked example (test/readme-example.ts)', async () => {
    const example = (await readFile(new URL('./readme-example.ts', import.meta.url), 'utf8')).replace("from '../src/index.js'", "from '@auth/oidc'")
    expect(/```ts\n([\s\S]*?)```/.exec(readme)?.[1]).toBe(example)
  })

  it('runs the example against the dev server: a login that records issuer and client, then a revocation', async () => {
    const server = await startDevServer({ port: 0 })
    try {
      const { clientId, clientSecret } = server.clients.confidential
      const flow = createBotFlow({ issuer: server.issuer, clientId, secret: clientSecret })
      const credential = await flow.login({})
      expect(credential).toMatchObject({ issuer: server.issuer, clientId, flow: 'bot', scopes: ['api:read'], account: { login: clientId } })
      server.resetCounters()
      await flow.revoke!(credential, {})
      expect(server.counters()['revocation']).toBe(1)
    } finally {
      await server.close()
    }
  })
})
