// The no-browser mode with the out-of-band redirect (`urn:ietf:wg:oauth:2.0:oob`), for servers that
// still offer it: the authorization request and the token request both carry that redirect URI,
// no listener is started, and the code the server showed is pasted.
import { Readable } from 'node:stream'
import { startTinyServer } from '@auth/dev-server/testing'
import { describe, expect, it } from 'vitest'
import { createPkceFlow } from '../src/index.js'

describe('outOfBand', () => {
  it('asks for urn:ietf:wg:oauth:2.0:oob, reads the pasted code, and exchanges it with that redirect URI', async () => {
    const seen: { authorize?: URLSearchParams; token?: URLSearchParams } = {}
    const tiny = await startTinyServer(async (req, res) => {
      const url = new URL(req.url ?? '/', tiny.url)
      if (url.pathname === '/.well-known/openid-configuration') {
        res.setHeader('content-type', 'application/json')
        return res.end(JSON.stringify({ issuer: tiny.url, authorization_endpoint: `${tiny.url}/auth`, token_endpoint: `${tiny.url}/token`, code_challenge_methods_supported: ['S256'] }))
      }
      if (url.pathname === '/token') {
        let body = ''
        for await (const chunk of req) body += chunk
        seen.token = new URLSearchParams(body)
        res.setHeader('content-type', 'application/json')
        return res.end(JSON.stringify({ access_token: 'oob-access-token-0123456789', token_type: 'Bearer', expires_in: 3600, scope: 'api:read' }))
      }
      res.statusCode = 404
      res.end()
    })
    try {
      const lines: string[] = []
      const output = { info: (line: string) => void lines.push(line), warn: (line: string) => void lines.push(line) }
      const flow = createPkceFlow({
        issuer: tiny.url,
        clientId: 'cli',
        scopes: ['api:read'],
        browser: false,
        outOfBand: true,
        allowInsecure: true,
        input: Readable.from(['the-code-the-server-showed\n']),
      })
      const credential = await flow.login({ output })
      const authorize = new URL(/https?:\/\/\S+\/auth\?\S+/.exec(lines.join('\n'))?.[0] ?? '')
      seen.authorize = authorize.searchParams
      expect(seen.authorize.get('redirect_uri')).toBe('urn:ietf:wg:oauth:2.0:oob')
      expect(seen.token?.get('redirect_uri')).toBe('urn:ietf:wg:oauth:2.0:oob')
      expect(seen.token?.get('code')).toBe('the-code-the-server-showed')
      expect(seen.token?.get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/)
      expect(credential).toMatchObject({ accessToken: 'oob-access-token-0123456789', flow: 'pkce', scopes: ['api:read'] })
      expect(lines.join('\n')).toContain('The server then shows a code. Paste it here.')
    } finally {
      await tiny.close()
    }
  })

  it('applies to the no-browser mode only', () => {
    expect(() => createPkceFlow({ issuer: 'https://login.example.com', clientId: 'cli', outOfBand: true })).toThrow(/createPkceFlow: "outOfBand" applies to the no-browser mode only/)
  })
})
