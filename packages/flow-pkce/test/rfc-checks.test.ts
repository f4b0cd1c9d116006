// RFC checks of the browser flow that SECURITY.md names: the PKCE verifier's form and its S256
// challenge (RFC 7636 §4.1-4.2), the entropy of state and verifier (RFC 6749 §10.10, RFC 9700
// §2.1), and the callback's answer: the code leaves the address bar at once (a 303 to a page
// without it), with no referrer and no caching (RFC 9700 §4.2.4).
import { createHash } from 'node:crypto'
import { request } from 'node:http'
import { describe, expect, it } from 'vitest'
import { closedPort } from '@auth/dev-server/testing'
import { jsonResponse, routeFetch } from '@auth/testing/fuzz'
import { createPkceFlow } from '../src/index.js'
import { launchTarget } from './_launch-target.js'

const ISSUER = 'http://127.0.0.1:9'

function get(port: number, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path }, (res) => {
      let body = ''
      res
        .setEncoding('utf8')
        .on('data', (d: string) => void (body += d))
        .on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
      .on('error', reject)
      .end()
  })
}

/** One login over the loopback listener; resolves what the server and the browser saw. */
async function login() {
  const forms: URLSearchParams[] = []
  const fetch = routeFetch(async (url, init) => {
    if (url.pathname === '/.well-known/openid-configuration')
      return jsonResponse({ issuer: ISSUER, authorization_endpoint: `${ISSUER}/auth`, token_endpoint: `${ISSUER}/token`, code_challenge_methods_supported: ['S256'] })
    if (url.pathname === '/token') {
      forms.push(new URLSearchParams(String(init?.body ?? '')))
      return jsonResponse({ access_token: 'access-token-0123456789', token_type: 'Bearer', expires_in: 60, scope: 'api:read' })
    }
    return jsonResponse({ sub: 'u1', preferred_username: 'alice' })
  })
  const port = await closedPort()
  let authUrl = ''
  const flow = createPkceFlow({
    issuer: ISSUER,
    clientId: 'cli',
    scopes: ['api:read'],
    port,
    fetch,
    allowInsecure: true,
    timeoutMs: 5_000,
    openBrowser: async (u) => ((authUrl = launchTarget(u)), true),
  })
  const done = flow.login({})
  for (let i = 0; i < 200 && authUrl === ''; i++) await new Promise((r) => setTimeout(r, 5))
  const auth = new URL(authUrl)
  const callback = await get(port, `/callback?${new URLSearchParams({ code: 'the-code-0123456789', state: auth.searchParams.get('state') ?? '' })}`)
  const page = await get(port, String(callback.headers.location))
  await done
  return { auth, form: forms[0] as URLSearchParams, callback, page }
}

describe('RFC checks of the browser flow', () => {
  it('RFC 7636 §4.1-4.2: a 43-128 character unreserved verifier, sent only to the token endpoint; S256 of it is the challenge', async () => {
    const { auth, form } = await login()
    const verifier = form.get('code_verifier') ?? ''
    expect(verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/)
    expect(auth.searchParams.get('code_challenge_method')).toBe('S256')
    expect(auth.searchParams.get('code_challenge')).toBe(createHash('sha256').update(verifier).digest('base64url'))
    expect(auth.href).not.toContain(verifier)
  })

  it('RFC 6749 §10.10 / RFC 9700 §2.1: state and verifier carry at least 128 bits and differ on every login', async () => {
    const [a, b] = [await login(), await login()]
    for (const { auth, form } of [a, b]) {
      expect(Buffer.from(auth.searchParams.get('state') ?? '', 'base64url').length).toBeGreaterThanOrEqual(16)
      expect(Buffer.from(form.get('code_verifier') ?? '', 'base64url').length).toBeGreaterThanOrEqual(32)
    }
    expect(a.auth.searchParams.get('state')).not.toBe(b.auth.searchParams.get('state'))
    expect(a.form.get('code_verifier')).not.toBe(b.form.get('code_verifier'))
  })

  it('RFC 9700 §4.2.4: the callback answers 303 to a page without the code, no referrer, no caching', async () => {
    const { callback, page } = await login()
    expect(callback.status).toBe(303)
    expect(String(callback.headers.location)).not.toContain('code')
    for (const response of [callback, page]) {
      expect(response.headers['referrer-policy']).toBe('no-referrer')
      expect(response.headers['cache-control']).toContain('no-store')
    }
    expect(page.body).not.toContain('the-code-0123456789')
  })
})
