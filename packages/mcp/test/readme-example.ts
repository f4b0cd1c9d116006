// An MCP client product that logs in to any MCP server from its URL: discovery, registration,
// the browser login (or paste-back over SSH), refresh, one login across processes.
import { homedir } from 'node:os'
import { join } from 'node:path'
import { createFileStore } from '@auth/store-file'
import { createKeychainStore } from '@auth/store-keychain'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { createMcpAuth } from '../src/index.js'

const dir = join(homedir(), '.mycli')
const mcp = createMcpAuth({
  name: 'mycli',
  serverUrl: process.argv[2] ?? 'https://mcp.example.com/mcp',
  dir,
  stores: [createKeychainStore({ service: 'mycli' }), createFileStore({ dir })],
})
const client = new Client({ name: 'mycli', version: '1.0.0' })
await client.connect(new StreamableHTTPClientTransport(new URL(mcp.serverUrl), { fetch: mcp.fetch }))
console.log((await client.listTools()).tools.map((tool) => tool.name))
await client.close()
