// The hooks of the tests that start one test MCP server per test: a fresh temp folder for
// each, and the server the test started closed after it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import type { McpTestServer } from './_mcp-server.js'

/** The current test's folder, and the server it started (closed and cleared after it). */
export interface PerTest {
  readonly dir: string
  server: McpTestServer | undefined
}

/**
 * Registers the hooks: a temp folder named `<prefix>XXXXXX` before each test; after it, the
 * server closed (when the test set one) and the folder removed.
 *
 * @example
 * const t = perTestServer('mcp-login-')
 * t.server = await startMcpTestServer()
 * createMcpAuth({ serverUrl: t.server.url, dir: t.dir, ... })
 */
export function perTestServer(prefix: string): PerTest {
  let dir: string | undefined
  const state: PerTest = {
    get dir() {
      if (dir === undefined) throw new Error('perTestServer: the folder exists only inside a test')
      return dir
    },
    server: undefined,
  }
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix))
  })
  afterEach(async () => {
    await state.server?.close()
    state.server = undefined
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })
  return state
}

/** A JSON-RPC ping, as `init` of a POST to an MCP server. */
export const ping = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' }
