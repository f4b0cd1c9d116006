import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { pingBus } from './ping-bus.js'

const cleanups: Array<() => void> = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

async function server(onSocket: (s: Socket) => void): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'ping-bus-'))
  const path = join(dir, 'bus')
  const sockets: Socket[] = []
  const srv: Server = createServer((s) => {
    sockets.push(s)
    onSocket(s)
  })
  await new Promise<void>((resolve) => srv.listen(path, resolve))
  cleanups.push(() => {
    for (const s of sockets) s.destroy()
    srv.close()
    rmSync(dir, { recursive: true, force: true })
  })
  return path
}

describe('pingBus', () => {
  it('resolves when the bus answers the AUTH line', async () => {
    let got = ''
    const path = await server((s) =>
      s.on('data', (d) => {
        got += d.toString('latin1')
        s.write('REJECTED EXTERNAL\r\n')
      }),
    )
    await pingBus({ path }, new AbortController().signal)
    expect(got).toBe('\0AUTH\r\n')
  })

  it('rejects when the signal fires on a bus that never answers', async () => {
    const path = await server(() => {})
    const started = performance.now()
    await expect(pingBus({ path }, AbortSignal.timeout(100))).rejects.toThrow('the D-Bus session bus did not answer')
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('rejects at once when nothing listens', async () => {
    await expect(pingBus({ path: join(tmpdir(), 'no-such-bus-socket') }, new AbortController().signal)).rejects.toThrow(/not reachable \(ENOENT\)/)
  })

  it('rejects when the bus hangs up without a word', async () => {
    const path = await server((s) => s.end())
    await expect(pingBus({ path }, new AbortController().signal)).rejects.toThrow(/closed the connection/)
  })
})
