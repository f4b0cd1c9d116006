import { Agent, request } from 'node:http'
import { describe, expect, test } from 'vitest'
import { startDevServer } from '../src/index.js'

describe('start and close', () => {
  test('binds 127.0.0.1 on an ephemeral port; close() is prompt with a keep-alive socket open', async () => {
    const server = await startDevServer()
    expect(server.issuer).toBe(`http://127.0.0.1:${server.port}`)
    expect(server.port).toBeGreaterThan(0)
    const socketClosed = new Promise<void>((resolve, reject) => {
      const req = request(`${server.issuer}/jwks`, { agent: new Agent({ keepAlive: true }) }, (res) => {
        res.resume()
        res.socket.once('close', () => resolve())
      })
      req.on('error', reject).end()
    })
    await new Promise((resolve) => setTimeout(resolve, 50))
    const started = Date.now()
    await server.close()
    await socketClosed
    expect(Date.now() - started).toBeLessThan(500)
    await expect(fetch(`${server.issuer}/jwks`)).rejects.toThrow()
    await server.close() // a second close is fine
  })

  test('two servers side by side have their own ports, clients and secrets', async () => {
    const [a, b] = await Promise.all([startDevServer(), startDevServer({ clientSecret: 'fixed-secret-123' })])
    try {
      expect(a.port).not.toBe(b.port)
      expect(b.clients.confidential.clientSecret).toBe('fixed-secret-123')
      expect(a.clients.confidential.clientSecret).not.toBe('fixed-secret-123')
      expect(a.clients.jwt.kid).not.toBe(b.clients.jwt.kid)
    } finally {
      await Promise.all([a.close(), b.close()])
    }
  })

  test('a port in use is refused with the listen error', async () => {
    const a = await startDevServer()
    try {
      await expect(startDevServer({ port: a.port })).rejects.toThrow(/EADDRINUSE/)
    } finally {
      await a.close()
    }
  })

  test('options out of range are refused, naming the option', async () => {
    await expect(startDevServer({ port: -1 })).rejects.toThrow(/"port"/)
    await expect(startDevServer({ accessTokenTtl: 0 })).rejects.toThrow(/"accessTokenTtl"/)
    await expect(startDevServer({ deviceInterval: 0 })).rejects.toThrow(/"deviceInterval"/)
    await expect(startDevServer({ clockTolerance: 1.5 })).rejects.toThrow(/"clockTolerance"/)
  })
})

describe('oidc-provider notices', () => {
  test('are collected in warnings, not printed; console is restored after close', async () => {
    const originalWarn = console.warn
    const printed: unknown[] = []
    const capture = (...args: unknown[]) => void printed.push(args)
    console.warn = capture
    try {
      const server = await startDevServer()
      expect(server.warnings.some((w) => w.includes('devInteractions'))).toBe(true)
      console.warn('unrelated line')
      await server.close()
      expect(printed).toEqual([['unrelated line']])
      expect(console.warn).toBe(capture)
    } finally {
      console.warn = originalWarn
    }
  })
})
