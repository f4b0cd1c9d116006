// The openid-client references of the bench's bundles section (apps/examples/bench) are working
// programs, not fragments: each is bundled as scripts/bench/bundles.mjs measures it (esbuild,
// minified ESM, node20) and run against the real dev server, and every token it prints is
// accepted by the API. What the bench compares ours with is what does the same job.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleEntry, run, start } from './_product.js'

const REFERENCES = ['openid-client-device', 'openid-client-client-credentials', 'openid-client-pkce'] as const

let server: DevServer
let work: string
const bundles = {} as Record<(typeof REFERENCES)[number], string>
beforeAll(async () => {
  server = await startDevServer({ port: 0, deviceInterval: 0.05 })
  work = await mkdtemp(join(tmpdir(), 'auth-bench-references-'))
  for (const name of REFERENCES) {
    bundles[name] = join(work, `${name}.mjs`)
    await bundleEntry(join(import.meta.dirname, '..', 'bench', `${name}.mjs`), bundles[name])
  }
}, 60_000)
afterAll(async () => {
  await server?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

/** Each line of `stdout` is a token the API accepts; returns how many. */
async function accepted(stdout: string): Promise<number> {
  const tokens = stdout.trim().split('\n')
  for (const token of tokens) {
    expect(token).toMatch(/^\S{16,}$/)
    expect((await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200)
  }
  return new Set(tokens).size
}

describe("the bench's openid-client references, run against the dev server", { timeout: 60_000 }, () => {
  it('device + refresh: the code on stderr, a token, then a refreshed one', async () => {
    const running = start(bundles['openid-client-device'], [server.issuer, server.clients.native.clientId], { HOME: work }, null)
    await running.line(/enter the code:/)
    await server.approveDevice((await running.line()).trim(), { login: 'dana' })
    const ran = await running.done
    expect(ran.code, ran.stderr).toBe(0)
    expect(await accepted(ran.stdout)).toBe(2)
  })

  it('client credentials: one grant with client_secret_basic', async () => {
    const { clientId, clientSecret } = server.clients.confidential
    const ran = await run(bundles['openid-client-client-credentials'], [server.issuer, clientId], { HOME: work, CLIENT_SECRET: clientSecret })
    expect(ran.code, ran.stderr).toBe(0)
    expect(await accepted(ran.stdout)).toBe(1)
  })

  it('PKCE code + refresh: the URL on stderr, the redirect to its loopback listener, a token, then a refreshed one', async () => {
    const running = start(bundles['openid-client-pkce'], [server.issuer, server.clients.native.clientId], { HOME: work }, null)
    const url = new URL((await running.line(/^Open /)).slice('Open '.length))
    expect(url.searchParams.get('code_challenge_method')).toBe('S256')
    await fetch(await server.authorize(url.href, { login: 'tess' }))
    const ran = await running.done
    expect(ran.code, ran.stderr).toBe(0)
    expect(await accepted(ran.stdout)).toBe(2)
  })
})
