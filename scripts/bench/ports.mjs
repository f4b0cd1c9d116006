// Free loopback ports for the logins' listeners: not the default 8765-8769, which tests running
// beside the bench may hold (the dev server matches loopback redirect ports loosely, RFC 8252 §7.3).
import { createServer } from 'node:net'

/** The first of `n` consecutive free loopback ports, picked at random in 20000-49999. */
export async function freeRange(n) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const first = 20_000 + Math.floor(Math.random() * 30_000)
    if ((await Promise.all(Array.from({ length: n }, (_, i) => isFree(first + i)))).every(Boolean)) return first
  }
  throw new Error('no free port range')
}

function isFree(port) {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)))
  })
}
