import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { bridgeEnds, byId, closeServer, initialize, startSdkServer, type SdkServer } from './_test-server.js'
import { runMcpProxy } from './run-mcp-proxy.js'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

async function sdkServer(options: Parameters<typeof startSdkServer>[0] = {}): Promise<SdkServer> {
  const server = await startSdkServer(options)
  cleanups.push(server.close)
  return server
}

/** A raw HTTP server answering every request with `answer`, for hostile answers the SDK never gives. */
async function rawServer(answer: Parameters<typeof createServer>[1]): Promise<string> {
  const server: Server = createServer(answer)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  cleanups.push(() => closeServer(server))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`
}

/** initialize + initialized through the bridge. */
async function handshake(ends: ReturnType<typeof bridgeEnds>) {
  ends.send(initialize(1))
  const init = await ends.next(byId(1))
  ends.send({ jsonrpc: '2.0', method: 'notifications/initialized' })
  return init
}

describe('runMcpProxy against the MCP SDK server', () => {
  for (const json of [false, true]) {
    it(`relays initialize, tools/list and tools/call, keeps the session, and ends it with DELETE (${json ? 'JSON' : 'SSE'} answers)`, async () => {
      const server = await sdkServer({ json })
      const ends = bridgeEnds()
      const done = runMcpProxy({ url: server.url, input: ends.input, output: ends.output })
      const init = await handshake(ends)
      expect(init).toMatchObject({ jsonrpc: '2.0', id: 1, result: { protocolVersion: '2025-06-18', serverInfo: { name: 'proxy-test' } } })
      ends.send({ jsonrpc: '2.0', id: 'list', method: 'tools/list' })
      const list = await ends.next(byId('list'))
      expect((list.result as { tools: { name: string }[] }).tools.map((t) => t.name)).toEqual(['echo', 'big'])
      ends.send({ jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'echo', arguments: {} } })
      const call = await ends.next(byId(3))
      const session = server.log.requests.find((r) => r.session !== undefined)?.session
      expect(call).toMatchObject({ result: { content: [{ type: 'text', text: `echo:${session}` }] } })
      ends.input.end()
      const result = await done
      expect(result).toEqual({ sent: 4, received: 3, sessionEnded: true })
      expect(server.log.closedSessions).toEqual([session])
      // Every request after initialize carries the session and the negotiated version.
      const later = server.log.requests.slice(1)
      expect(later.every((r) => r.session === session && r.protocolVersion === '2025-06-18')).toBe(true)
      expect(later.map((r) => r.method)).toContain('DELETE')
      expect(ends.raw.every((line) => JSON.parse(line).jsonrpc === '2.0')).toBe(true)
    })
  }

  it("opens the server's GET stream after initialized and relays what the server sends on it", async () => {
    const server = await sdkServer()
    const ends = bridgeEnds()
    const done = runMcpProxy({ url: server.url, input: ends.input, output: ends.output })
    await handshake(ends)
    await waitFor(() => server.log.requests.some((r) => r.method === 'GET'))
    // The server drops a notification while no GET stream is attached yet: announce until one arrives.
    const heard = ends.next((m) => m.method === 'notifications/tools/list_changed')
    const announcing = setInterval(() => server.announce(), 100)
    try {
      expect(await heard).toEqual({ jsonrpc: '2.0', method: 'notifications/tools/list_changed' })
    } finally {
      clearInterval(announcing)
    }
    ends.input.end()
    expect((await done).sessionEnded).toBe(true)
  })

  it('refuses a line larger than maxMessageBytes without buffering it, and goes on', async () => {
    const server = await sdkServer()
    const ends = bridgeEnds()
    const done = runMcpProxy({ url: server.url, input: ends.input, output: ends.output, maxMessageBytes: 64 * 1024 })
    await handshake(ends)
    ends.send({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: 'echo', arguments: { pad: 'y'.repeat(200_000) } } })
    expect(await ends.next((m) => m.id === null)).toMatchObject({ error: { code: -32600, message: 'Invalid Request: larger than 65536 bytes' } })
    ends.send({ jsonrpc: '2.0', id: 10, method: 'ping' })
    expect(await ends.next(byId(10))).toEqual({ jsonrpc: '2.0', id: 10, result: {} })
    ends.input.end()
    await done
    expect(server.log.requests.filter((r) => r.method === 'POST')).toHaveLength(3)
  })

  for (const json of [false, true]) {
    it(`answers a request whose answer is larger than maxMessageBytes with an error carrying its id (${json ? 'JSON' : 'SSE'})`, async () => {
      const server = await sdkServer({ json, bigBytes: 300_000 })
      const ends = bridgeEnds()
      const done = runMcpProxy({ url: server.url, input: ends.input, output: ends.output, maxMessageBytes: 100_000 })
      await handshake(ends)
      ends.send({ jsonrpc: '2.0', id: 'big', method: 'tools/call', params: { name: 'big', arguments: {} } })
      const answer = await ends.next(byId('big'))
      expect(answer).toMatchObject({ error: { code: -32000, data: { code: 'BAD_RESPONSE' } } })
      expect(String((answer.error as { message: string }).message)).toContain('larger than 100000 bytes')
      ends.input.end()
      await done
    })
  }

  it('answers a line that is not JSON, or not JSON-RPC 2.0, with the JSON-RPC error, and sends nothing', async () => {
    const server = await sdkServer()
    const ends = bridgeEnds()
    const done = runMcpProxy({ url: server.url, input: ends.input, output: ends.output })
    ends.send('{not json')
    ends.send({ jsonrpc: '1.0', id: 4, method: 'ping' })
    ends.send([])
    await ends.next((m) => m.id === 4)
    ends.input.end()
    await done
    expect(ends.messages).toEqual([
      { jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error: the line is not JSON' } },
      { jsonrpc: '2.0', id: 4, error: { code: -32600, message: 'Invalid Request: not a JSON-RPC 2.0 message' } },
      { jsonrpc: '2.0', id: null, error: { code: -32600, message: 'Invalid Request: not a JSON-RPC 2.0 message' } },
    ])
    expect(server.log.requests).toEqual([])
  })

  for (const json of [false, true]) {
    it(`starts a new session when the server forgets one (404), replaying the client's initialize, and retries (${json ? 'JSON' : 'SSE'})`, async () => {
      const server = await sdkServer({ json })
      const ends = bridgeEnds()
      const done = runMcpProxy({ url: server.url, input: ends.input, output: ends.output })
      await handshake(ends)
      await waitFor(() => server.log.requests.filter((r) => r.method === 'POST').length === 2)
      const first = server.log.requests.find((r) => r.session !== undefined)?.session
      server.forgetSessions()
      ends.send({ jsonrpc: '2.0', id: 5, method: 'tools/call', params: { name: 'echo', arguments: {} } })
      const answer = await ends.next(byId(5))
      const posts = server.log.requests.filter((r) => r.method === 'POST')
      const second = posts.at(-1)?.session
      expect(second).toBeDefined()
      expect(second).not.toBe(first)
      expect(answer).toEqual({ jsonrpc: '2.0', id: 5, result: { content: [{ type: 'text', text: `echo:${second}` }] } })
      // 404, then initialize without a session id, initialized, and the retry in the new session.
      expect(posts.slice(-4).map((r) => r.session)).toEqual([first, undefined, second, second])
      // The client saw one initialize answer: its own.
      expect(ends.messages.filter((m) => (m.result as { protocolVersion?: string } | undefined)?.protocolVersion)).toHaveLength(1)
      ends.input.end()
      expect((await done).sessionEnded).toBe(true)
    })
  }

  it('answers with the 404 when the server will not start a new session either', async () => {
    let n = 0
    const url = await rawServer((req, res) => {
      req.resume()
      if (req.method !== 'POST') return res.writeHead(405).end()
      n++
      if (n === 1)
        return res
          .writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 's1' })
          .end('{"jsonrpc":"2.0","id":1,"result":{"protocolVersion":"2025-06-18","capabilities":{},"serverInfo":{"name":"x","version":"1"}}}')
      if (n === 2) return res.writeHead(202).end()
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null}')
    })
    const ends = bridgeEnds()
    const done = runMcpProxy({ url, input: ends.input, output: ends.output })
    await handshake(ends)
    ends.send({ jsonrpc: '2.0', id: 5, method: 'ping' })
    expect(await ends.next(byId(5))).toMatchObject({ error: { code: -32000, message: expect.stringContaining('answered 404'), data: { status: 404 } } })
    ends.input.end()
    await done
    expect(n).toBe(4)
  })
})

describe('runMcpProxy against hostile or absent servers', () => {
  it('answers every request with an error carrying its id when the server cannot be reached', async () => {
    const url = await rawServer((_req, res) => res.end())
    await cleanups.pop()?.()
    const ends = bridgeEnds()
    const done = runMcpProxy({ url, input: ends.input, output: ends.output })
    ends.send(initialize('a'))
    const answer = await ends.next(byId('a'))
    expect(answer).toMatchObject({ jsonrpc: '2.0', id: 'a', error: { code: -32000, data: { code: 'NETWORK_ERROR' } } })
    ends.input.end()
    expect(await done).toEqual({ sent: 1, received: 1, sessionEnded: false })
  })

  it('relays only JSON-RPC: junk in a JSON body, an SSE stream or a content type is never written out', async () => {
    let n = 0
    const url = await rawServer((req, res) => {
      req.resume()
      if (req.method !== 'POST') return res.writeHead(405).end()
      n++
      if (n === 1) return res.writeHead(200, { 'content-type': 'application/json' }).end('{"hello":"world"}\n\u001b[31m')
      if (n === 2) {
        res.writeHead(200, { 'content-type': 'text/event-stream' })
        res.write('data: {"not":"rpc"}\n\n')
        res.write('data: \u001b]0;evil\u0007\n\n')
        res.end('event: message\ndata: {"jsonrpc":"2.0","id":2,"result":{"ok":true}}\n\n')
        return
      }
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>')
    })
    const ends = bridgeEnds()
    const done = runMcpProxy({ url, input: ends.input, output: ends.output })
    ends.send({ jsonrpc: '2.0', id: 1, method: 'ping' })
    expect(await ends.next(byId(1))).toMatchObject({ error: { code: -32000 } })
    ends.send({ jsonrpc: '2.0', id: 2, method: 'ping' })
    expect(await ends.next(byId(2))).toEqual({ jsonrpc: '2.0', id: 2, result: { ok: true } })
    ends.send({ jsonrpc: '2.0', id: 3, method: 'ping' })
    expect(await ends.next(byId(3))).toMatchObject({ error: { code: -32000, data: { code: 'BAD_RESPONSE' } } })
    ends.input.end()
    await done
    expect(ends.raw.join('\n')).not.toMatch(/hello|not":"rpc|evil|<html>|\u001b/)
  })

  it('refuses a session id that is not visible ASCII and never sends it back', async () => {
    const seen: (string | undefined)[] = []
    const url = await rawServer((req, res) => {
      req.resume()
      seen.push(req.headers['mcp-session-id'] as string | undefined)
      res.writeHead(200, { 'content-type': 'application/json', 'mcp-session-id': 'abc def' }).end('{"jsonrpc":"2.0","id":1,"result":{}}')
    })
    const ends = bridgeEnds()
    const done = runMcpProxy({ url, input: ends.input, output: ends.output })
    ends.send(initialize(1))
    expect(await ends.next(byId(1))).toMatchObject({ error: { data: { code: 'BAD_RESPONSE' }, message: expect.stringContaining('Mcp-Session-Id') } })
    ends.send({ jsonrpc: '2.0', id: 2, method: 'ping' })
    await ends.next(byId(2))
    ends.input.end()
    await done
    expect(seen).toEqual([undefined, undefined])
  })

  it('says 401 with the UNAUTHORIZED code, in the server words cleaned to one line', async () => {
    const url = await rawServer((req, res) => {
      req.resume()
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"invalid_token","error_description":"expired\\n\\u001b[2Jtoken"}')
    })
    const ends = bridgeEnds()
    const done = runMcpProxy({ url, input: ends.input, output: ends.output })
    ends.send({ jsonrpc: '2.0', id: 1, method: 'ping' })
    expect(await ends.next(byId(1))).toMatchObject({ error: { code: -32001, message: `the MCP server at ${url} answered 401: expired [2Jtoken` } })
    ends.input.end()
    await done
  })

  it('stops and ends the session when the signal aborts, even with a request still waiting', async () => {
    const server = await sdkServer()
    const ends = bridgeEnds()
    const controller = new AbortController()
    const done = runMcpProxy({ url: server.url, input: ends.input, output: ends.output, signal: controller.signal })
    await handshake(ends)
    await waitFor(() => server.log.requests.some((r) => r.method === 'GET'))
    controller.abort()
    expect((await done).sessionEnded).toBe(true)
    expect(server.log.closedSessions).toHaveLength(1)
  })

  it('refuses a URL that is not http(s), or plain http to a host that is not loopback', async () => {
    const ends = bridgeEnds()
    await expect(runMcpProxy({ url: 'file:///etc/passwd', input: ends.input, output: ends.output })).rejects.toMatchObject({ code: 'CONFIG_ERROR' })
    await expect(runMcpProxy({ url: 'http://mcp.example.com/mcp', input: ends.input, output: ends.output })).rejects.toMatchObject({ code: 'CONFIG_ERROR' })
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe('runMcpProxy when the client goes away', () => {
  it('stops (and ends the session) when writing to the client fails, without an unhandled error', async () => {
    const server = await sdkServer()
    const ends = bridgeEnds()
    let writes = 0
    const output = {
      write(chunk: string, callback: (error?: Error | null) => void) {
        writes++
        if (writes === 1) return ends.output.write(chunk, callback)
        throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })
      },
    }
    const done = runMcpProxy({ url: server.url, input: ends.input, output })
    await handshake(ends)
    ends.send({ jsonrpc: '2.0', id: 2, method: 'ping' })
    const result = await done
    expect(result.sessionEnded).toBe(true)
    expect(writes).toBe(2)
  })
})
