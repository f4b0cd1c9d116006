import { createConnection } from 'node:net'
import type { BusSocket } from './bus-address.js'

/**
 * Checks that the D-Bus daemon answers, before the native module talks to it: the native
 * module opens its connection synchronously, on the main thread, and a hung bus would block
 * the whole process there (no timer can fire). This sends the first line of the D-Bus
 * authentication protocol (`AUTH` without a mechanism) and waits for any answer (`REJECTED
 * EXTERNAL ...`); about 1 ms on a live bus. Rejects when the socket cannot be reached; never
 * settles by itself on a hung bus, so the caller's signal ends it.
 * @see https://dbus.freedesktop.org/doc/dbus-specification.html#auth-protocol
 */
export function pingBus(socket: BusSocket, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const conn = createConnection(socket)
    const done = (error?: Error): void => {
      signal.removeEventListener('abort', abort)
      conn.destroy()
      if (error) reject(error)
      else resolve()
    }
    const abort = (): void => done(new Error('the D-Bus session bus did not answer'))
    if (signal.aborted) return abort()
    signal.addEventListener('abort', abort, { once: true })
    conn.on('connect', () => conn.write('\0AUTH\r\n'))
    conn.once('data', () => done())
    conn.once('error', (error: NodeJS.ErrnoException) => done(new Error(`the D-Bus session bus is not reachable (${error.code ?? 'error'})`)))
    conn.once('close', () => done(new Error('the D-Bus session bus closed the connection')))
  })
}
