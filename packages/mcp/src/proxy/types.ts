import type { Logger } from '@auth/core'

/** Where the bridge writes: a Node `Writable` (`process.stdout`) fits. */
export interface ProxyOutput {
  write(chunk: string, callback: (error?: Error | null) => void): boolean
}

/** Options of {@link runMcpProxy}. */
export interface McpProxyOptions {
  /** The MCP server's Streamable HTTP endpoint (`https://mcp.example.com/mcp`). */
  url: string | URL
  /**
   * The fetch every request goes through: pass the logged-in one (`createMcpAuth(...).fetch`),
   * which adds the bearer token, refreshes and logs in. Default the global fetch (no login).
   */
  fetch?: typeof globalThis.fetch | undefined
  /** Newline-delimited JSON-RPC from the MCP client: `process.stdin`. */
  input: AsyncIterable<Uint8Array | string>
  /** Newline-delimited JSON-RPC to the MCP client, and nothing else: `process.stdout`. */
  output: ProxyOutput
  /** Diagnostics (never on `output`); default silent. */
  logger?: Logger | undefined
  /** Stops the bridge: requests in flight are aborted, the session is ended (DELETE). */
  signal?: AbortSignal | undefined
  /** The largest message in either direction, in bytes; default 4 MiB. Larger ones are refused, never buffered. */
  maxMessageBytes?: number | undefined
  /** Reconnections of the server's GET stream in a row without an event; default 5. */
  maxReconnects?: number | undefined
}

/** What {@link runMcpProxy} did, once the client has gone. */
export interface McpProxyResult {
  /** Messages read from the client and sent to the server. */
  sent: number
  /** Messages from the server written to the client (errors the bridge made included). */
  received: number
  /** Whether a session was ended with DELETE. */
  sessionEnded: boolean
}
