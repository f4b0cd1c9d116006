// A small MCP resource + authorization server on 127.0.0.1 whose answers a test can make
// hostile: what it publishes, how its authorization endpoint redirects. Every request counted.
import { createHash } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'

export interface ServerConfig {
  /** The PRM `resource`; default `<origin>/mcp`. */
  resource?: (origin: string) => string
  /** Changes to the authorization server metadata. */
  metadata?: (origin: string) => Record<string, unknown>
  /** Changes to the redirect of GET /authorize (the query of the callback). */
  callback?: (query: URLSearchParams, origin: string) => void
  scopesSupported?: string[]
  /** Secret issued by /register (a confidential client). */
  clientSecret?: string
  /** The 401's challenge; default a Bearer one naming the resource metadata. */
  challenge?: string
  /** Offer the device flow (RFC 8628): the first poll is pending, the second approved. */
  device?: boolean
  /** Issue refresh tokens, and access tokens of this lifetime (s; refreshed ones: `refreshedExpiresIn`, default the same); default none and 3600. */
  refresh?: { expiresIn: number; refreshedExpiresIn?: number }
}

export interface McpTestServer {
  origin: string
  url: string
  counts: Record<string, number>
  requests: { path: string; query: URLSearchParams; body: URLSearchParams; authorization: string | undefined }[]
  close(): Promise<void>
}

export async function startMcpTestServer(config: ServerConfig = {}): Promise<McpTestServer> {
  const counts: Record<string, number> = {}
  const requests: McpTestServer['requests'] = []
  const challenges = new Map<string, string>()
  let origin = ''
  const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers })
    res.end(JSON.stringify(body))
  }
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', origin)
    let text = ''
    for await (const chunk of req) text += chunk
    const body = new URLSearchParams(req.headers['content-type']?.includes('json') ? '' : text)
    counts[url.pathname] = (counts[url.pathname] ?? 0) + 1
    requests.push({ path: url.pathname, query: url.searchParams, body, authorization: req.headers.authorization })
    if (url.pathname === '/mcp' || url.pathname.startsWith('/mcp/')) {
      const token = req.headers.authorization?.replace(/^Bearer /, '')
      if (token === undefined || !token.startsWith('good-')) {
        return json(res, 401, { error: 'invalid_token' }, { 'www-authenticate': config.challenge ?? `Bearer resource_metadata="${origin}/.well-known/oauth-protected-resource/mcp"` })
      }
      return json(res, 200, { jsonrpc: '2.0', id: 1, result: { ok: true } })
    }
    if (url.pathname === '/.well-known/oauth-protected-resource/mcp') {
      return json(res, 200, { resource: config.resource?.(origin) ?? `${origin}/mcp`, authorization_servers: [origin], ...(config.scopesSupported && { scopes_supported: config.scopesSupported }) })
    }
    if (url.pathname === '/.well-known/oauth-authorization-server') {
      return json(res, 200, {
        issuer: origin,
        authorization_endpoint: `${origin}/authorize`,
        token_endpoint: `${origin}/token`,
        registration_endpoint: `${origin}/register`,
        code_challenge_methods_supported: ['S256'],
        response_types_supported: ['code'],
        ...(config.device && { device_authorization_endpoint: `${origin}/device` }),
        ...config.metadata?.(origin),
      })
    }
    if (url.pathname === '/register') {
      return json(res, 201, { client_id: `client-${counts['/register']}`, ...(config.clientSecret && { client_secret: config.clientSecret, client_secret_expires_at: 0 }) })
    }
    if (url.pathname === '/device') {
      return json(res, 200, { device_code: 'device-code-1', user_code: 'ABCD-EFGH', verification_uri: `${origin}/activate`, expires_in: 60, interval: 1 })
    }
    if (url.pathname === '/authorize') {
      const code = `code-${counts['/authorize']}`
      challenges.set(code, url.searchParams.get('code_challenge') ?? '')
      const back = new URL(url.searchParams.get('redirect_uri') ?? '')
      back.searchParams.set('code', code)
      back.searchParams.set('state', url.searchParams.get('state') ?? '')
      config.callback?.(back.searchParams, origin)
      res.writeHead(302, { location: back.href })
      return res.end()
    }
    if (url.pathname === '/token') {
      const verifier = body.get('code_verifier') ?? ''
      const expected = challenges.get(body.get('code') ?? '')
      if (body.get('grant_type') === 'authorization_code' && createHash('sha256').update(verifier).digest('base64url') !== expected) return json(res, 400, { error: 'invalid_grant' })
      if (body.get('grant_type') === 'urn:ietf:params:oauth:grant-type:device_code' && (counts['/token'] ?? 0) < 2) return json(res, 400, { error: 'authorization_pending' })
      if (body.get('grant_type') === 'refresh_token' && body.get('refresh_token') !== `refresh-${counts['/token'] - 1}`) return json(res, 400, { error: 'invalid_grant' })
      return json(res, 200, {
        access_token: `good-${counts['/token']}`,
        token_type: 'Bearer',
        expires_in: (body.get('grant_type') === 'refresh_token' ? config.refresh?.refreshedExpiresIn : undefined) ?? config.refresh?.expiresIn ?? 3600,
        ...(config.refresh && { refresh_token: `refresh-${counts['/token']}` }),
        scope: url.searchParams.get('scope') ?? body.get('scope') ?? '',
      })
    }
    json(res, 404, { error: 'not_found' })
  }
  const server = createServer((req, res) => void handle(req, res).catch(() => res.destroy()))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  origin = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`
  return {
    origin,
    url: `${origin}/mcp`,
    counts,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** The `open` hook of a harness: load the authorization URL, deliver its redirect to the loopback listener. */
export function deliveringOpen(opened: string[] = []): (url: string) => Promise<boolean> {
  return async (url) => {
    opened.push(url)
    const response = await fetch(url, { redirect: 'manual' })
    const location = response.headers.get('location')
    await response.body?.cancel()
    if (location === null || !location.startsWith('http://127.0.0.1:')) return false
    // The listener answers 303 to its success page: follow it, as a browser would.
    await (await fetch(location)).body?.cancel()
    return true
  }
}
