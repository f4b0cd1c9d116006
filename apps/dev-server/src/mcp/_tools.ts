// The MCP server itself (official SDK): `whoami` (needs mcp:read) and `add-note` (needs
// mcp:write, so a client with only mcp:read must step up).
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'

/** Which scope each tool needs beyond `mcp:read` (checked over HTTP before the SDK sees the call). */
export const TOOL_SCOPES: Readonly<Record<string, string>> = { 'add-note': 'mcp:write' }

/** A fresh MCP server with the two tools (one per request: the transport is stateless). */
export function createToolServer(): McpServer {
  const server = new McpServer({ name: 'auth-dev-mcp', version: '0.0.0' })
  server.registerTool('whoami', { description: 'Who the bearer token stands for: subject, client, scopes.' }, async (extra) => {
    const auth = extra.authInfo
    const who = { sub: auth?.extra?.['sub'] ?? null, clientId: auth?.clientId ?? null, scopes: auth?.scopes ?? [] }
    return { content: [{ type: 'text', text: JSON.stringify(who) }], structuredContent: who }
  })
  server.registerTool('add-note', { description: 'Stores nothing, but needs the mcp:write scope.', inputSchema: { text: z.string().max(1000) } }, async ({ text }) => ({
    content: [{ type: 'text', text: `noted: ${text}` }],
  }))
  return server
}
