// Section `mcp`: an MCP client's first call (discovery + registration + login + one tools/call)
// and a warm call, in process, with @auth/mcp's createMcpAuth (file store) against the test MCP
// server of @auth/testing (startMcpServer: the official SDK behind bearer auth, the dev server
// as its authorization server). The user is played by an `open` hook that walks the dev
// server's sign-in pages over HTTP and delivers the redirect to the login's loopback listener.
// References, alternating: the same first call written on openid-client directly
// (references/mcp-first-call.mjs), and a plain fetch with the bearer token for the warm call.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { alternate, RUNS, timeAsync } from './measure.mjs'
import { rpcHeaders } from './mcp-headers.mjs'
import { missingModule } from './optional.mjs'
import { freeRange } from './ports.mjs'
import { heading, row, skip } from './report.mjs'

const SECTION = 'mcp'
const CALL = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'whoami', arguments: {} } })

export async function benchMcp({ root }) {
  heading(SECTION, 'MCP client against startMcpServer(), in process (server in the same process)')
  const load = (path) => import(pathToFileURL(join(root, path)).href)
  const { startMcpServer } = await load('apps/dev-server/dist/mcp.js')
  const { createMcpAuth } = await load('packages/mcp/dist/index.js')
  const { createFileStore } = await load('packages/store-file/dist/index.js')
  const server = await startMcpServer({ accessTokenTtl: 3600 })
  const home = mkdtempSync(join(tmpdir(), 'authcli-bench-mcp-'))
  let sessions = 0
  const walk = (url) => server.authorizationServer.authorize(url)
  /** The `open` hook: the dev server's pages over HTTP, then the redirect to the listener. */
  const open = async (url) => {
    const answer = await fetch(await walk(url))
    await answer.text()
    return true
  }
  const first = await freeRange(5)
  const portRange = [first, first + 4]
  const session = () => {
    const dir = join(home, `session-${++sessions}`)
    return createMcpAuth({
      name: 'bench-mcp',
      serverUrl: server.url,
      dir,
      stores: [createFileStore({ dir })],
      open,
      portRange,
      timeoutMs: 20_000,
      context: { output: { info() {}, warn() {}, data() {} } },
    })
  }
  const call = async (fetcher, token) => {
    const answer = await fetcher(server.url, { method: 'POST', headers: rpcHeaders(token), body: CALL })
    const text = await answer.text()
    if (answer.status !== 200 || !text.includes('"result"')) throw new Error(`tools/call answered ${answer.status}: ${text.slice(0, 200)}`)
  }
  try {
    const missing = missingModule('openid-client')
    if (missing) skip(SECTION, 'first call (discovery+register+login+call)', `its reference needs ${missing}`)
    else {
      // Loaded here: the reference imports openid-client, a bench-only dependency.
      const { rawFirstCall } = await import('./references/mcp-first-call.mjs')
      const first = await alternate(
        () => timeAsync(() => call(session().fetch)),
        () => timeAsync(() => rawFirstCall(server.url, CALL, walk)),
      )
      row(SECTION, { name: 'first call (discovery+register+login+call)', reference: 'the same on raw openid-client', m: first })
    }
    // A logged-in session, and its token for the plain fetch.
    const warm = session()
    await call(warm.fetch)
    const token = await tokenOf(warm)
    const m = await alternate(
      () => timeAsync(() => call(warm.fetch)),
      () => timeAsync(() => call(fetch, token)),
      { runs: RUNS * 5 },
    )
    row(SECTION, { name: 'warm call (mcp.fetch, stored token)', reference: 'fetch with the bearer token', m, extra: { pairs: m.case.n } })
  } finally {
    await server.close()
    rmSync(home, { recursive: true, force: true })
  }
}

/** The access token a logged-in session holds (what its next request sends). */
async function tokenOf(mcp) {
  const token = await mcp.getAccessToken({ noLogin: true })
  if (typeof token !== 'string' || token === '') throw new Error('the logged-in MCP session has no token')
  return token
}
