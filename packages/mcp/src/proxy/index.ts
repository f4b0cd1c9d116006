// The stdio ↔ Streamable HTTP bridge, re-exported by name from the package's src/index.ts.
export { runMcpProxy } from './run-mcp-proxy.js'
export type { McpProxyOptions, McpProxyResult, ProxyOutput } from './types.js'
