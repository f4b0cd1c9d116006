// `@auth/dev-server/mcp`: the dev server as an MCP authorization server, in front of an MCP
// server built with the official SDK. A separate entry, so the plain dev server never loads the SDK.
export { startMcpServer } from './start-mcp-server.js'
export { MCP_SCOPES, type McpHostileMode, type McpServerOptions, type McpTestServer } from './types.js'
