// The McpGrantContext a machine grant gets, built the way createMcpAuth does for the test MCP
// server: its RFC 9728 metadata, then its authorization server's metadata.
import type { McpTestServer } from '@auth/testing/mcp'
import type { McpGrantContext } from '../src/types.js'

export async function grantContext(mcp: McpTestServer, scopes: readonly string[] = ['mcp:read']): Promise<McpGrantContext> {
  const prm = (await (await fetch(mcp.resourceMetadataUrl)).json()) as { resource: string; authorization_servers: string[] }
  const issuer = prm.authorization_servers[0] as string
  const authorizationServer = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as McpGrantContext['authorizationServer']
  return { resource: prm.resource, scopes, authorizationServer, fetch: globalThis.fetch, signal: undefined, now: Date.now, logger: undefined }
}

/** The claims of a JWT (not verified: the MCP server verifies). */
export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>
}
