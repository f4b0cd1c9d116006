// The same schedule on real timers and the real monotonic clock (performance.now), against the
// fake server stamping requests with performance.now. One slow_down costs 5 s of real time:
// this file runs beside the others.
import { afterEach, describe, expect, it } from 'vitest'
import { createDeviceFlow } from '../src/index.js'
import { PENDING, SLOW_DOWN, TOKENS, startFakeServer, type FakeServer } from './_fake-server.js'

let server: FakeServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function tokenGaps(s: FakeServer): number[] {
  const times = s.requests.filter((r) => r.path === '/device' || r.path === '/token').map((r) => r.at)
  return times.slice(1).map((t, i) => t - (times[i] as number))
}

describe('real timers', () => {
  it('never polls before the interval is over', async () => {
    server = await startFakeServer({ token: [PENDING, PENDING, PENDING, PENDING, TOKENS] })
    await createDeviceFlow({ issuer: server.issuer, clientId: 'fake-cli', isTTY: false, interval: 0.05 }).login({})
    const gaps = tokenGaps(server)
    expect(gaps).toHaveLength(5)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(50)
  })

  it('slow_down: the next poll waits the interval + 5 s', async () => {
    server = await startFakeServer({ token: [SLOW_DOWN, TOKENS] })
    await createDeviceFlow({ issuer: server.issuer, clientId: 'fake-cli', isTTY: false, interval: 0.05 }).login({})
    const [first, second] = tokenGaps(server) as [number, number]
    expect(first).toBeGreaterThanOrEqual(50)
    expect(second).toBeGreaterThanOrEqual(5050)
    expect(second).toBeLessThan(6000)
  }, 10_000)
})
