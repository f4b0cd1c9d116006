import type { DevServer, DevServerOptions } from '../types.js'

/** The scopes the test MCP server knows. */
export const MCP_SCOPES = ['mcp:read', 'mcp:write'] as const

/**
 * Ready-made hostile behaviours, so a client's refusals can be tested over real HTTP:
 * - `resource-mismatch`: the protected resource metadata names another `resource`.
 * - `authorization-endpoint-scheme`: the discovery document's `authorization_endpoint` is `file:` URL.
 * - `authorization-endpoint-shell`: it is an http URL full of shell metacharacters.
 * - `wrong-iss` / `no-iss` / `wrong-state`: the authorization response's `iss` or `state` is tampered with.
 */
export type McpHostileMode = 'resource-mismatch' | 'authorization-endpoint-scheme' | 'authorization-endpoint-shell' | 'wrong-iss' | 'no-iss' | 'wrong-state'

/** Options of {@link startMcpServer}. Every field is optional. */
export interface McpServerOptions extends Omit<DevServerOptions, 'port' | 'resourceServers'> {
  /** Port of the MCP server on 127.0.0.1; `0` (default) picks a free one. */
  port?: number
  /** Port of its authorization server (the dev server); `0` (default) picks a free one. */
  authorizationServerPort?: number
  /** Path of the MCP endpoint. Default `/mcp`. */
  path?: string
  /**
   * Where the RFC 9728 metadata is served: `path` (`/.well-known/oauth-protected-resource/mcp`,
   * default), `root` (`/.well-known/oauth-protected-resource`) or `both`.
   */
  metadataLocation?: 'path' | 'root' | 'both'
  /** Whether the 401 challenge carries `resource_metadata="..."`. Default `true`. */
  challengeMetadata?: boolean
  /** Fields merged over the protected resource metadata document. */
  resourceMetadata?: Readonly<Record<string, unknown>>
  /** A ready-made hostile behaviour (see {@link McpHostileMode}). */
  hostile?: McpHostileMode
}

/** A running MCP server and its authorization server. */
export interface McpTestServer {
  /** The MCP endpoint, `http://127.0.0.1:PORT/mcp`: the resource indicator and the tokens' `aud`. */
  readonly url: string
  /** Where the RFC 9728 metadata is (the one the challenge names). */
  readonly resourceMetadataUrl: string
  /** The authorization server's issuer (the dev server). */
  readonly issuer: string
  /** The authorization server (clients, `authorize()`, counters, ...). */
  readonly authorizationServer: DevServer
  /**
   * The MCP server's request counts: `mcp` (every request to the endpoint), `unauthorized`
   * (401), `insufficient_scope` (403), `resource_metadata`, and one per JSON-RPC method
   * (`rpc:initialize`, `rpc:tools/call`, ...).
   */
  counters(): Record<string, number>
  /** How many `refresh_token` grants the authorization server answered. */
  refreshCount(): number
  /** Resets both servers' counters. */
  resetCounters(): void
  /** Stops both servers. */
  close(): Promise<void>
}
