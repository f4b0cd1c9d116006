import { createServer, type RequestListener } from 'node:http'
import { Counters } from '../_counters.js'
import { closeServer, HOST, listen } from '../_http-server.js'
import { startDevServer } from '../start-dev-server.js'
import { hostileOverrides } from './_hostile.js'
import { createMcpHandler } from './_routes.js'
import { createTokenVerifier } from './_verify-token.js'
import { MCP_SCOPES, type McpServerOptions, type McpTestServer } from './types.js'

const WELL_KNOWN = '/.well-known/oauth-protected-resource'

/**
 * Starts an MCP server (the official SDK's Streamable HTTP transport, stateless, tools `whoami`
 * and `add-note`) behind bearer auth on 127.0.0.1, and the dev server as its authorization
 * server with RFC 8707 resource indicators (JWT access tokens, `aud` = the MCP URL) and RFC 7591
 * registration on. The MCP server publishes RFC 9728 metadata and answers a request without a
 * token with `401` and `WWW-Authenticate: Bearer resource_metadata="..."`.
 *
 * @param options - Ports, path, metadata placement, hostile modes, and every dev server option
 *   (token lifetimes, `tamper`, ...).
 * @returns The running pair; `close()` stops both.
 * @throws TypeError naming the option when an option is out of range; the listen error otherwise.
 * @example
 * ```ts
 * const mcp = await startMcpServer({ accessTokenTtl: 2, refreshedAccessTokenTtl: 3600 })
 * const res = await fetch(mcp.url, { method: 'POST' }) // 401, WWW-Authenticate: Bearer resource_metadata="..."
 * mcp.refreshCount() // refresh_token grants so far
 * await mcp.close()
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc9728 (protected resource metadata), RFC 8707, RFC 7591
 */
export async function startMcpServer(options: McpServerOptions = {}): Promise<McpTestServer> {
  const { port = 0, authorizationServerPort = 0, path = '/mcp', metadataLocation = 'path', challengeMetadata = true, resourceMetadata = {}, hostile, ...devOptions } = options
  if (!/^\/[\w./-]*$/.test(path) || path.includes('..')) throw new TypeError(`@auth/dev-server: option "path" must be an absolute URL path, got ${path}`)
  const overrides = hostileOverrides(hostile)
  let listener: RequestListener = (_req, res) => res.writeHead(503).end()
  const server = createServer((req, res) => listener(req, res))
  const endpoint = new URL(`http://${HOST}:${await listen(server, port)}${path}`)
  try {
    const authorizationServer = await startDevServer({
      registration: true,
      ...devOptions,
      port: authorizationServerPort,
      resourceServers: [{ resource: endpoint.href, scopes: MCP_SCOPES }],
      tamper: { ...overrides.tamper, ...devOptions.tamper },
    })
    const paths = metadataPaths(endpoint, metadataLocation)
    const metadata = {
      resource: endpoint.href,
      authorization_servers: [authorizationServer.issuer],
      scopes_supported: [...MCP_SCOPES],
      bearer_methods_supported: ['header'],
      resource_name: 'auth dev MCP server',
      ...overrides.resourceMetadata,
      ...resourceMetadata,
    }
    const counters = new Counters()
    const challengeMetadataUrl = challengeMetadata ? new URL(paths[0] as string, endpoint).href : undefined
    const verifier = createTokenVerifier(authorizationServer.issuer, endpoint.href)
    listener = createMcpHandler({ endpoint, metadata, metadataPaths: paths, challengeMetadataUrl, verifier, counters })
    return handle(endpoint, new URL(paths[0] as string, endpoint).href, authorizationServer, counters, async () => {
      await Promise.all([closeServer(server), authorizationServer.close()])
    })
  } catch (error) {
    await closeServer(server)
    throw error
  }
}

function metadataPaths(endpoint: URL, location: NonNullable<McpServerOptions['metadataLocation']>): string[] {
  const withPath = endpoint.pathname === '/' ? WELL_KNOWN : `${WELL_KNOWN}${endpoint.pathname}`
  if (location === 'path') return [withPath]
  if (location === 'root') return [WELL_KNOWN]
  if (location === 'both') return [withPath, WELL_KNOWN]
  throw new TypeError(`@auth/dev-server: option "metadataLocation" must be path, root or both, got ${String(location)}`)
}

function handle(endpoint: URL, resourceMetadataUrl: string, authorizationServer: McpTestServer['authorizationServer'], counters: Counters, close: () => Promise<void>): McpTestServer {
  let closing: Promise<void> | undefined
  return {
    url: endpoint.href,
    resourceMetadataUrl,
    issuer: authorizationServer.issuer,
    authorizationServer,
    counters: () => counters.snapshot(),
    refreshCount: () => authorizationServer.counters()['refresh_token'] ?? 0,
    resetCounters: () => {
      counters.reset()
      authorizationServer.resetCounters()
    },
    close: () => (closing ??= close()),
  }
}
