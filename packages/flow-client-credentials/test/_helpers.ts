// Test helpers: a tiny real HTTP server that answers what a test tells it, a closed port,
// a logger that keeps raw lines (no redaction, so a leak would show), and error text.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Logger } from '@auth/core'
import { expect } from 'vitest'

export interface TinyServer {
  url: string
  requests: { method: string; path: string; authorization: string | undefined; headers: IncomingMessage['headers'] }[]
  close(): Promise<void>
}

/** Starts a real HTTP server on 127.0.0.1 that answers every request with `handler`. */
export async function startTinyServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<TinyServer> {
  const requests: TinyServer['requests'] = []
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', authorization: req.headers.authorization, headers: req.headers })
    try {
      handler(req, res)
    } catch {
      res.destroy()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** A port on 127.0.0.1 that nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A logger that keeps every line as given: nothing is masked, so a secret passed to it shows. */
export function rawLogger(): Logger & { lines: string[] } {
  const lines: string[] = []
  const keep = (level: string) => (message: string) => void lines.push(`${level}: ${message}`)
  return { lines, debug: keep('debug'), info: keep('info'), warn: keep('warn'), error: keep('error') }
}

/** Everything a user or a log could see of an error: message, hint, JSON, string form, and its causes' messages. */
export function errorText(error: unknown): string {
  const parts: string[] = []
  let e: unknown = error
  for (let depth = 0; e !== undefined && e !== null && depth < 5; depth++) {
    const r = e as { message?: unknown; hint?: unknown; toJSON?: () => unknown; cause?: unknown }
    parts.push(String(r.message), String(r.hint), String(e))
    if (typeof r.toJSON === 'function') parts.push(JSON.stringify(r.toJSON()))
    e = r.cause
  }
  return parts.join('\n')
}

/** Runs `fn` and returns what it threw. */
export async function rejection(fn: () => Promise<unknown>): Promise<Error & { code?: string; exitCode?: number; hint?: string }> {
  try {
    await fn()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected a rejection')
}

/** Asserts that `text` does not contain `secret` (trimmed; empty and tiny inputs are not secrets). */
export function expectNoLeak(text: string, secret: string): void {
  const value = secret.trim()
  if (value.length >= 4) expect(text).not.toContain(value)
}
