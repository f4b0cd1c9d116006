// A real HTTP server on loopback for the unit tests that need one (core's own included: it
// depends on nothing of ours).
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What {@link startLocalServer} gives: the base URL (`http://127.0.0.1:PORT`, no slash) and `close`. */
export interface LocalServer {
  readonly base: string
  /** Stops listening and drops open connections. */
  close(): Promise<void>
}

/**
 * Starts a real HTTP server on 127.0.0.1, on an ephemeral port, that answers with `handler`.
 *
 * @example
 * const server = await startLocalServer((req, res) => res.end('ok'))
 * await fetch(`${server.base}/x`)
 * await server.close()
 */
export async function startLocalServer(handler: RequestListener): Promise<LocalServer> {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
