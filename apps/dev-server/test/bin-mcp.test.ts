// `auth-dev-server --mcp`: the BUILT binary (dist/bin.js; `npm test` builds first) prints the MCP
// URL first, serves it until SIGTERM, and the hostile flag reaches the metadata.
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { beforeAll, describe, expect, test } from 'vitest'

const BIN = join(import.meta.dirname, '..', 'dist', 'bin.js')

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build -w @auth/dev-server' (npm test does it)`)
})

/** Starts the binary with `args`; resolves its first stdout lines and a stop function. */
async function start(args: string[]): Promise<{ lines: string[]; stop: () => Promise<number | null> }> {
  const env = { ...process.env }
  delete env['NODE_EXTRA_CA_CERTS']
  const child = spawn(process.execPath, [BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const lines: string[] = []
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line)
      if (line.startsWith('auth dev server listening on')) resolve()
    })
    child.on('exit', (code) => reject(new Error(`exited ${code} before listening`)))
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
  return {
    lines,
    stop: async () => {
      child.kill('SIGTERM')
      return exited
    },
  }
}

describe('auth-dev-server --mcp', () => {
  test('prints the MCP URL first; the URL answers 401 naming its metadata; SIGTERM stops it with 0', async () => {
    const { lines, stop } = await start(['--mcp', '--access-token-ttl', '60'])
    try {
      const url = /^MCP server (http:\/\/127\.0\.0\.1:\d+\/mcp)$/.exec(lines[0] ?? '')?.[1]
      expect(url, lines.join('\n')).toBeDefined()
      expect(lines[1]).toBe(`  resource metadata ${new URL(url as string).origin}/.well-known/oauth-protected-resource/mcp`)
      const response = await fetch(url as string, { method: 'POST' })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toContain(`resource_metadata="${new URL(url as string).origin}/.well-known/oauth-protected-resource/mcp"`)
    } finally {
      expect(await stop()).toBe(0)
    }
  })

  test('--mcp-hostile resource-mismatch: the metadata names another resource', async () => {
    const { lines, stop } = await start(['--mcp', '--mcp-hostile', 'resource-mismatch'])
    try {
      expect(lines[0]).toMatch(/\(hostile: resource-mismatch\)$/)
      const metadataUrl = (lines[1] ?? '').trim().replace('resource metadata ', '')
      expect(((await (await fetch(metadataUrl)).json()) as { resource: string }).resource).toBe('https://attacker.example/mcp')
    } finally {
      await stop()
    }
  })
})
