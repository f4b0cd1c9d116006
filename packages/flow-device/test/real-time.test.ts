// The same schedule on real timers and the real monotonic clock (performance.now), against the
// fake server stamping requests with the flow's clock. The 5 s a slow_down adds is skipped on a
// clock that jumps forward instead of waiting (the shorter waits stay real).
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

/** performance.now plus the time skipped: sleeps of a second or more jump the clock instead of waiting. */
function skippingClock() {
  let skipped = 0
  const now = () => performance.now() + skipped
  const sleep = (ms: number) => {
    if (ms < 1000) return new Promise<void>((resolve) => setTimeout(resolve, ms))
    skipped += ms
    return Promise.resolve()
  }
  return { now, sleep, skipped: () => skipped }
}

describe('real timers', () => {
  it('never polls before the interval is over', async () => {
    server = await startFakeServer({ token: [PENDING, PENDING, PENDING, PENDING, TOKENS] })
    await createDeviceFlow({ issuer: server.issuer, clientId: 'fake-cli', isTTY: false, intervalMs: 50 }).login({})
    const gaps = tokenGaps(server)
    expect(gaps).toHaveLength(5)
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(50)
  })

  it('slow_down: the next poll waits the interval + 5 s', async () => {
    const clock = skippingClock()
    server = await startFakeServer({ token: [SLOW_DOWN, TOKENS], clock: clock.now })
    const started = performance.now()
    await createDeviceFlow({ issuer: server.issuer, clientId: 'fake-cli', isTTY: false, intervalMs: 50, monotonicNow: clock.now, sleep: clock.sleep }).login({})
    const [first, second] = tokenGaps(server) as [number, number]
    expect(first).toBeGreaterThanOrEqual(50)
    expect(second).toBeGreaterThanOrEqual(5050)
    expect(second).toBeLessThan(6000)
    expect(clock.skipped()).toBeGreaterThanOrEqual(5000)
    expect(performance.now() - started).toBeLessThan(3000)
  })
})
