// `@auth/testing/mcp`: an MCP server (official SDK) behind bearer auth, with the dev server as
// its authorization server (RFC 8707 resource indicators, RFC 7591 registration), on ephemeral
// ports, for the tests of MCP clients. Needs `@auth/dev-server` built (a devDependency of the
// consumer, so turbo builds it first).
export { MCP_SCOPES, startMcpServer, type McpHostileMode, type McpServerOptions, type McpTestServer } from '@auth/dev-server/mcp'
