// The MCP server's HTTP face: RFC 9728 metadata, and the MCP endpoint behind bearer auth with
// the challenges of RFC 6750 §3 and MCP (401 with `resource_metadata`, 403 `insufficient_scope`).
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'
import type { Counters } from '../_counters.js'
import { HttpError, readText, sendError, sendJson } from '../_http.js'
import { createToolServer, TOOL_SCOPES } from './_tools.js'
import { TokenRefused, type TokenVerifier } from './_verify-token.js'

/** What the routes need. */
export interface McpRouteContext {
  /** The MCP endpoint. */
  readonly endpoint: URL
  /** The protected resource metadata document. */
  readonly metadata: Readonly<Record<string, unknown>>
  /** The paths the metadata is served at. */
  readonly metadataPaths: readonly string[]
  /** The URL the challenge names, or `undefined` to leave `resource_metadata` out. */
  readonly challengeMetadataUrl: string | undefined
  readonly verifier: TokenVerifier
  readonly counters: Counters
}

const BASE_SCOPE = 'mcp:read'
const BEARER = /^Bearer +([\w.~+/-]+=*)$/i

/** The request listener of the MCP server. */
export function createMcpHandler(ctx: McpRouteContext): RequestListener {
  return (req, res) => {
    handle(req, res, ctx).catch((error: unknown) => {
      if (res.headersSent) res.destroy()
      else sendError(res, error)
    })
  }
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: McpRouteContext): Promise<void> {
  const url = new URL(req.url ?? '/', ctx.endpoint)
  if (ctx.metadataPaths.includes(url.pathname) && (req.method === 'GET' || req.method === 'HEAD')) {
    ctx.counters.increment('resource_metadata')
    return sendJson(res, 200, ctx.metadata)
  }
  if (url.pathname !== ctx.endpoint.pathname) throw new HttpError(404, 'not_found', `nothing at ${url.pathname}`)
  ctx.counters.increment('mcp')
  const auth = await authenticate(req, res, ctx)
  if (auth === undefined) return
  const body = req.method === 'POST' ? parseBody(await readText(req)) : undefined
  const messages = Array.isArray(body) ? body : body === undefined ? [] : [body]
  for (const message of messages) {
    const method = typeof message?.method === 'string' ? message.method : 'response'
    ctx.counters.increment(`rpc:${method}`)
    const needed = method === 'tools/call' ? TOOL_SCOPES[String(message?.params?.name)] : undefined
    if (needed !== undefined && !auth.scopes.includes(needed)) return forbid(res, ctx, [BASE_SCOPE, needed])
  }
  await serve(Object.assign(req, { auth }), res, body)
}

/** The caller's token checked, or `undefined` once a 400/401/403 has been sent. */
async function authenticate(req: IncomingMessage, res: ServerResponse, ctx: McpRouteContext): Promise<AuthInfo | undefined> {
  const header = req.headers.authorization
  if (header === undefined || !/^Bearer\b/i.test(header)) {
    challenge(res, ctx, 401, [`scope="${BASE_SCOPE}"`], { error: 'unauthorized', error_description: 'send a bearer token' })
    return undefined
  }
  const token = BEARER.exec(header.trim())?.[1]
  if (token === undefined) {
    challenge(res, ctx, 400, ['error="invalid_request"'], { error: 'invalid_request', error_description: 'malformed Authorization header' })
    return undefined
  }
  try {
    const auth = await ctx.verifier.verifyAccessToken(token)
    if (auth.scopes.includes(BASE_SCOPE)) return auth
    forbid(res, ctx, [BASE_SCOPE])
    return undefined
  } catch (error) {
    if (!(error instanceof TokenRefused)) throw error
    challenge(res, ctx, 401, ['error="invalid_token"', `error_description="${error.message}"`], { error: 'invalid_token', error_description: error.message })
    return undefined
  }
}

function forbid(res: ServerResponse, ctx: McpRouteContext, scopes: readonly string[]): void {
  const description = `this needs the scopes ${scopes.join(' ')}`
  challenge(res, ctx, 403, ['error="insufficient_scope"', `scope="${scopes.join(' ')}"`, `error_description="${description}"`], {
    error: 'insufficient_scope',
    error_description: description,
  })
}

function challenge(res: ServerResponse, ctx: McpRouteContext, status: number, params: readonly string[], body: Record<string, string>): void {
  ctx.counters.increment(status === 401 ? 'unauthorized' : status === 403 ? 'insufficient_scope' : 'bad_request')
  const all = ctx.challengeMetadataUrl === undefined ? params : [...params, `resource_metadata="${ctx.challengeMetadataUrl}"`]
  sendJson(res, status, body, { 'www-authenticate': `Bearer ${all.join(', ')}` })
}

// biome-ignore lint/suspicious/noExplicitAny: JSON-RPC messages are checked field by field where read
function parseBody(text: string): any {
  try {
    return JSON.parse(text)
  } catch {
    throw new HttpError(400, 'invalid_request', 'the body is not valid JSON')
  }
}

/** Hands the request to a fresh stateless MCP server and transport. */
async function serve(req: IncomingMessage & { auth: AuthInfo }, res: ServerResponse, body: unknown): Promise<void> {
  const server = createToolServer()
  const transport = new StreamableHTTPServerTransport({ enableJsonResponse: true }) // no sessionIdGenerator: stateless
  res.on('close', () => {
    void transport.close()
    void server.close()
  })
  await server.connect(transport)
  await transport.handleRequest(req, res, body)
}
