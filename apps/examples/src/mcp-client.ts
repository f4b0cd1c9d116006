// A small MCP client product: `mcp-client <server-url>` logs in through @auth/mcp (the
// authorization step driven by its `open` hook), initializes, lists the tools and calls the
// first one. With MCP_CONFORMANCE_SCENARIO / MCP_CONFORMANCE_CONTEXT set (the official
// conformance suite's runner) it reads them as the suite's reference client does.
// Built by `npm run build` to dist/mcp-client.js.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { AuthError } from '@auth/core'
import { createClientCredentialsGrant, createCrossAppAccessGrant, createMcpAuth, type McpAuthOptions } from '@auth/mcp'
import { createFileStore } from '@auth/store-file'

const say = (line: string) => void process.stderr.write(`${line}\n`)
const serverUrl = process.argv[2] ?? ''
const dir = process.env.MCP_CLIENT_DIR ?? join(homedir(), '.mcp-client')
const scenario = process.env.MCP_CONFORMANCE_SCENARIO ?? ''
const context = parseContext(process.env.MCP_CONFORMANCE_CONTEXT)

/**
 * The authorization step, in process: load the authorization URL without following redirects,
 * and hand the redirect to this login's loopback listener. Only a redirect to 127.0.0.1 is
 * followed; anything else (a login page for a person) is left to the printed URL.
 */
async function open(url: string): Promise<boolean> {
  const response = await fetch(url, { redirect: 'manual' })
  const location = response.headers.get('location')
  await response.body?.cancel()
  if (response.status < 300 || response.status > 399 || location === null) return false
  const target = new URL(location, url)
  if (target.protocol !== 'http:' || target.hostname !== '127.0.0.1') return false
  // The listener answers 303 to its success page: follow it, as a browser would.
  const delivered = await fetch(target)
  await delivered.body?.cancel()
  return true
}

function parseContext(text: string | undefined): Record<string, string> {
  if (text === undefined) return {}
  const value: unknown = JSON.parse(text)
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
}

/**
 * What the scenario's context configures, as the suite's reference client reads it: a machine
 * grant (client credentials with a secret or a private key; cross-app access with the IdP's ID
 * token), a pre-registered client, or the product's Client ID Metadata Document URL.
 */
function loginOptions(): Partial<McpAuthOptions> {
  const from = (field: string) => ({ value: context[field] ?? '', label: `MCP_CONFORMANCE_CONTEXT ${field}` })
  const clientId = context.client_id ?? ''
  if (context.idp_id_token !== undefined) {
    const idp = { clientId: context.idp_client_id ?? '', tokenEndpoint: context.idp_token_endpoint, issuer: context.idp_issuer }
    return { grant: createCrossAppAccessGrant({ idp, subjectToken: from('idp_id_token'), client: { clientId, clientSecret: from('client_secret') } }) }
  }
  if (context.private_key_pem !== undefined) {
    return { grant: createClientCredentialsGrant({ clientId, privateKey: from('private_key_pem'), signingAlgorithm: context.signing_algorithm }) }
  }
  if (scenario.startsWith('auth/client-credentials') && context.client_secret !== undefined) {
    return { grant: createClientCredentialsGrant({ clientId, clientSecret: from('client_secret') }) }
  }
  if (scenario === 'auth/pre-registration' && context.client_id !== undefined) {
    return { client: { clientId: context.client_id, ...(context.client_secret !== undefined && { clientSecret: context.client_secret }) } }
  }
  // The product's Client ID Metadata Document, where it hosts one.
  const metadataUrl = process.env.MCP_CLIENT_METADATA_URL
  return metadataUrl === undefined ? {} : { clientMetadataUrl: metadataUrl }
}

const mcp = createMcpAuth({
  name: 'mcp-client',
  serverUrl,
  dir,
  stores: [createFileStore({ dir })],
  open,
  timeoutMs: 20_000,
  ...loginOptions(),
  context: { output: { info: () => {}, warn: (m) => say(`warning: ${m}`), data: () => {} } },
})

// JSON-RPC over Streamable HTTP, through the session's fetch.
let sessionId: string | undefined
let protocolVersion: string | undefined
let nextId = 0

async function rpc(method: string, params: Record<string, unknown>, notification = false): Promise<Record<string, unknown>> {
  const id = notification ? undefined : ++nextId
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }
  if (sessionId !== undefined) headers['mcp-session-id'] = sessionId
  if (protocolVersion !== undefined) headers['mcp-protocol-version'] = protocolVersion
  const response = await mcp.fetch(serverUrl, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', ...(id !== undefined && { id }), method, params }) })
  sessionId = response.headers.get('mcp-session-id') ?? sessionId
  if (!response.ok) {
    await response.body?.cancel()
    throw new Error(`${method}: HTTP ${response.status}`)
  }
  if (notification) {
    await response.body?.cancel()
    return {}
  }
  const message = (response.headers.get('content-type') ?? '').includes('text/event-stream') ? await fromEvents(response, id) : ((await response.json()) as Record<string, unknown>)
  if (message.error !== undefined) throw new Error(`${method}: ${JSON.stringify(message.error).slice(0, 200)}`)
  return (message.result ?? {}) as Record<string, unknown>
}

/** The JSON-RPC answer with `id` from an SSE stream (at most 1 MiB read). */
async function fromEvents(response: Response, id: number | undefined): Promise<Record<string, unknown>> {
  const reader = (response.body as ReadableStream<Uint8Array>).pipeThrough(new TextDecoderStream()).getReader()
  let buffer = ''
  try {
    for (let read = 0; read < 1 << 20; ) {
      const { value, done } = await reader.read()
      if (done) break
      read += value.length
      buffer += value
      for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
        const event = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        const data = event
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trimStart())
          .join('\n')
        if (data === '') continue
        const message = JSON.parse(data) as Record<string, unknown>
        if (message.id === id) return message
      }
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
  throw new Error('the event stream ended without an answer')
}

try {
  if (!URL.canParse(serverUrl)) throw new Error('usage: mcp-client <server-url>')
  const init = await rpc('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'mcp-client', version: '1.0.0' } })
  protocolVersion = typeof init.protocolVersion === 'string' ? init.protocolVersion : undefined
  await rpc('notifications/initialized', {}, true)
  const { tools } = (await rpc('tools/list', {})) as { tools?: { name: string }[] }
  say(`tools: ${(tools ?? []).map((t) => t.name).join(', ')}`)
  const first = tools?.[0]
  if (first !== undefined) {
    const result = await rpc('tools/call', { name: first.name, arguments: {} })
    say(`called ${first.name}: ${JSON.stringify(result).slice(0, 200)}`)
  }
} catch (error) {
  if (AuthError.isInstance(error)) {
    say(`error[${error.code}]: ${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`)
    process.exitCode = error.exitCode
  } else {
    say(`error: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  }
}
