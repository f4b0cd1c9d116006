// The node:http server on 127.0.0.1 and its prompt shutdown.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** The loopback address the dev server binds to. */
export const HOST = '127.0.0.1'

/** Starts listening on 127.0.0.1:`port` (0 = any free port); resolves with the port. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, HOST, () => {
      server.off('error', reject)
      resolve((server.address() as AddressInfo).port)
    })
  })
}

/** Stops accepting, drops every open connection (idle keep-alive ones too) and waits for the close. */
export function closeServer(server: Server): Promise<void> {
  if (!server.listening) return Promise.resolve()
  return new Promise((resolve, reject) => {
    server.close((error) => (error === undefined ? resolve() : reject(error)))
    server.closeAllConnections()
  })
}
