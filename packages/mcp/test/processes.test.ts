// Several processes of one MCP client product, started at once with nothing stored: one login
// (one authorization request, one registration), every process gets the same token.
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startMcpTestServer, type McpTestServer } from './_mcp-server.js'

let work: string
let bundle: string
let server: McpTestServer
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'mcp-processes-'))
  bundle = join(work, 'login-client.mjs')
  await build({ entryPoints: [join(import.meta.dirname, 'fixtures', 'login-client.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: bundle, logLevel: 'silent' })
  server = await startMcpTestServer()
}, 60_000)
afterAll(async () => {
  await server?.close()
  if (work) await rm(work, { recursive: true, force: true })
})

function run(dir: string, target: McpTestServer = server): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bundle, target.url, dir], { env: { PATH: process.env.PATH ?? '', HOME: dir }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (c: string) => void (stdout += c))
  child.stderr.setEncoding('utf8').on('data', (c: string) => void (stderr += c))
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
}

describe('one login per server across processes', () => {
  it('four processes at once: one authorization, one registration, one token for all', async () => {
    const dir = join(work, 'product')
    const runs = await Promise.all([run(dir), run(dir), run(dir), run(dir)])
    for (const r of runs) expect(r.code, r.stderr).toBe(0)
    expect(new Set(runs.map((r) => r.stdout.trim()))).toEqual(new Set(['200 good-1']))
    expect(server.counts['/authorize']).toBe(1)
    expect(server.counts['/register']).toBe(1)
    expect(server.counts['/token']).toBe(1)
  }, 60_000)

  it('ten processes with an expiring token: one refresh request, all succeed with the renewed token', async () => {
    // A short first token and long renewed ones (a 2 s token is always inside the 60 s skew).
    const refreshing = await startMcpTestServer({ refresh: { expiresIn: 2, refreshedExpiresIn: 3600 } })
    try {
      const dir = join(work, 'refresh')
      expect((await run(dir, refreshing)).code).toBe(0)
      const runs = await Promise.all(Array.from({ length: 10 }, () => run(dir, refreshing)))
      for (const r of runs) expect(r.code, r.stderr).toBe(0)
      const refreshes = refreshing.requests.filter((r) => r.path === '/token' && r.body.get('grant_type') === 'refresh_token')
      expect(refreshes).toHaveLength(1)
      expect(refreshes[0]?.body.get('resource')).toBe(refreshing.url)
      expect(new Set(runs.map((r) => r.stdout.trim()))).toEqual(new Set(['200 good-2']))
      expect(refreshing.counts['/authorize']).toBe(1)
    } finally {
      await refreshing.close()
    }
  }, 90_000)

  it('with a 30 s token (inside the 60 s refresh skew) and a refresh token: still one authorization', async () => {
    const short = await startMcpTestServer({ refresh: { expiresIn: 30 } })
    try {
      const dir = join(work, 'short')
      const runs = await Promise.all([run(dir, short), run(dir, short), run(dir, short)])
      for (const r of runs) expect(r.code, r.stderr).toBe(0)
      expect(short.counts['/authorize']).toBe(1)
      expect(short.counts['/register']).toBe(1)
    } finally {
      await short.close()
    }
  }, 60_000)
})
