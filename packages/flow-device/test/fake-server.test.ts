// The polling rules against a real HTTP server that answers what the dev server never does:
// slow_down, access_denied, expired_token, 5xx, garbage. The flow runs on a virtual monotonic
// clock that the server stamps requests with, so the schedule is checked to the millisecond
// without waiting for it.
import { ErrorCode, type LoginContext } from '@auth/core'
import { afterEach, describe, expect, it } from 'vitest'
import { closedPort } from '@auth/dev-server/testing'
import { authFailure } from '@auth/testing/errors'
import { createDeviceFlow, type DeviceFlowOptions } from '../src/index.js'
import { PENDING, SLOW_DOWN, TOKENS, startFakeServer, type Answer, type FakeServer, type FakeServerOptions } from './_fake-server.js'

/** Simulated request latency on the virtual clock. */
const LATENCY = 37

let server: FakeServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

/** Starts the fake server on a virtual clock and a flow sleeping on that clock. */
async function setup(token: Answer[], options: Partial<FakeServerOptions> = {}, flowOptions: Partial<DeviceFlowOptions> = {}) {
  let now = 0
  server = await startFakeServer({ token, clock: () => now, onRequest: () => (now += LATENCY), ...options })
  const flow = createDeviceFlow({
    issuer: server.issuer,
    clientId: 'fake-cli',
    isTTY: false,
    intervalMs: 1000,
    monotonicNow: () => now,
    sleep: async (ms) => {
      now += ms
    },
    ...flowOptions,
  })
  return { flow, server, gaps: () => gapsOf(server!) }
}

/** Gaps between consecutive token requests, the first from the device authorization. */
function gapsOf(s: FakeServer): number[] {
  const times = s.requests.filter((r) => r.path === '/device' || r.path === '/token').map((r) => r.at)
  return times.slice(1).map((t, i) => t - (times[i] as number))
}

function recorder(): { ctx: LoginContext; info: string[]; warn: string[] } {
  const info: string[] = []
  const warn: string[] = []
  return { ctx: { output: { info: (l) => info.push(l), warn: (l) => warn.push(l) } }, info, warn }
}

describe('polling schedule', () => {
  it('slow_down adds 5 s for the rest of the flow; no request comes early', async () => {
    const { flow, server: s, gaps } = await setup([PENDING, SLOW_DOWN, PENDING, SLOW_DOWN, PENDING, TOKENS])
    const { ctx, info } = recorder()
    const credential = await flow.login(ctx)
    expect(credential.accessToken).toBe('fake-access-token-0123456789')
    expect(s.tokenRequests()).toHaveLength(6)
    // Each wait counts from the end of the previous response, so the server sees interval + latency.
    expect(gaps()).toEqual([1000, 1000, 6000, 6000, 11000, 11000].map((ms) => ms + LATENCY))
    expect(info).toContain('The server asked to poll less often: now every 6 seconds.')
    expect(info).toContain('The server asked to poll less often: now every 11 seconds.')
  })

  it('takes the interval a slow_down answer carries when it is longer (GitHub sends one)', async () => {
    const { flow, gaps } = await setup([{ status: 400, body: { error: 'slow_down', interval: 20 } }, PENDING, TOKENS])
    await flow.login({})
    expect(gaps()).toEqual([1000, 20000, 20000].map((ms) => ms + LATENCY))
  })

  it("uses the server's interval without the option, and 5 s when it has none", async () => {
    const withInterval = await setup([PENDING, TOKENS], { device: { interval: 2 } }, { intervalMs: undefined })
    await withInterval.flow.login({})
    expect(withInterval.gaps()).toEqual([2000, 2000].map((ms) => ms + LATENCY))
    await server?.close()
    const without = await setup([PENDING, TOKENS], {}, { intervalMs: undefined })
    await without.flow.login({})
    expect(without.gaps()).toEqual([5000, 5000].map((ms) => ms + LATENCY))
  })

  it('sends the device code and the grant type, and the requested scopes', async () => {
    const { flow, server: s } = await setup([TOKENS])
    await flow.login({})
    const [device, token] = [s.requests.find((r) => r.path === '/device'), s.tokenRequests()[0]]
    expect(device?.form.get('scope')).toBe('openid profile email offline_access')
    expect(device?.form.get('client_id')).toBe('fake-cli')
    expect(token?.form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:device_code')
    expect(token?.form.get('device_code')).toBe('fake-device-code-0123456789')
  })

  it('expires locally: no request at or after the deadline', async () => {
    const { flow, server: s } = await setup([PENDING], { device: { expires_in: 3 } })
    const error = await authFailure(flow.login({}))
    expect(error).toMatchObject({ code: ErrorCode.DEVICE_CODE_EXPIRED, exitCode: 4 })
    // Polls at ~1 s and ~2 s; a third at ~3.1 s would be past the 3 s lifetime.
    expect(s.tokenRequests()).toHaveLength(2)
  })
})

describe('answers that end the flow', () => {
  it('access_denied: exit 4 ACCESS_DENIED, "the authorization was denied"', async () => {
    const { flow, server: s } = await setup([PENDING, { status: 400, body: { error: 'access_denied' } }])
    const error = await authFailure(flow.login({}))
    expect(error).toMatchObject({ code: ErrorCode.ACCESS_DENIED, exitCode: 4, message: 'the authorization was denied' })
    expect(s.tokenRequests()).toHaveLength(2)
  })

  it('expired_token: exit 4 DEVICE_CODE_EXPIRED with the hint naming the CLI', async () => {
    const { flow } = await setup([PENDING, { status: 400, body: { error: 'expired_token' } }], {}, { name: 'acme' })
    const error = await authFailure(flow.login({}))
    expect(error).toMatchObject({ code: ErrorCode.DEVICE_CODE_EXPIRED, exitCode: 4, hint: 'run `acme auth login --device` again' })
  })

  it('another OAuth error (invalid_grant) ends the flow as core maps it', async () => {
    const { flow, server: s } = await setup([{ status: 400, body: { error: 'invalid_grant', error_description: 'bad code' } }])
    const error = await authFailure(flow.login({}))
    expect(error).toMatchObject({ code: ErrorCode.INVALID_GRANT, exitCode: 4 })
    expect(error.message).toContain('bad code')
    expect(s.tokenRequests()).toHaveLength(1)
  })
})

describe('network failures and garbage', () => {
  const HTML_500: Answer = { status: 500, body: '<html>oops</html>' }

  it('retries a 500 with backoff, then exits 5', async () => {
    const { flow, server: s, gaps } = await setup([HTML_500])
    const { ctx, warn } = recorder()
    const error = await authFailure(flow.login(ctx))
    expect(error).toMatchObject({ code: ErrorCode.BAD_RESPONSE, exitCode: 5 })
    expect(error.message).toContain('HTTP 500')
    expect(s.tokenRequests()).toHaveLength(4) // 1 + maxNetworkRetries (3)
    expect(gaps()).toEqual([1000, 2000, 4000, 8000].map((ms) => ms + LATENCY))
    expect(warn).toHaveLength(3)
    expect(warn[0]).toMatch(/HTTP 500.*retrying in 2 seconds \(retry 1\)/)
  })

  it('recovers when the server comes back, and the backoff resets', async () => {
    const { flow, gaps } = await setup([HTML_500, { status: 503, body: { error: 'temporarily_unavailable' } }, PENDING, TOKENS])
    await flow.login({})
    expect(gaps()).toEqual([1000, 2000, 4000, 1000].map((ms) => ms + LATENCY))
  })

  it('retries a 429 too; maxNetworkRetries: 0 gives up at once', async () => {
    const { flow, server: s } = await setup([{ status: 429, body: 'slow' }], {}, { maxNetworkRetries: 0 })
    const error = await authFailure(flow.login({}))
    expect(error.exitCode).toBe(5)
    expect(s.tokenRequests()).toHaveLength(1)
  })

  it('a malformed body ends the flow at once with exit 5 BAD_RESPONSE', async () => {
    for (const answer of [
      { status: 200, body: 'not json at all', contentType: 'application/json' },
      { status: 200, body: '<html>login</html>' },
      { status: 200, body: { token_type: 'Bearer' } },
      { status: 200, body: { access_token: 42, token_type: 'Bearer' } },
      { status: 200, body: { access_token: 'tok\nen-0123456789', token_type: 'Bearer' } },
      { status: 200, body: { access_token: 'fake-access-token-0123456789', token_type: 'mac' } },
      { status: 400, body: '<html>bad request</html>' },
    ] satisfies Answer[]) {
      const { flow, server: s } = await setup([answer])
      const error = await authFailure(flow.login({}))
      expect(error, JSON.stringify(answer)).toMatchObject({ code: ErrorCode.BAD_RESPONSE, exitCode: 5 })
      expect(s.tokenRequests()).toHaveLength(1)
      await s.close()
      server = undefined
    }
  })

  it('a token endpoint that refuses connections: NETWORK_ERROR after the retries', async () => {
    const { flow, server: s } = await setup([TOKENS], { discovery: { token_endpoint: `http://127.0.0.1:${await closedPort()}/token` } })
    const error = await authFailure(flow.login({}))
    expect(error).toMatchObject({ code: ErrorCode.NETWORK_ERROR, exitCode: 5 })
    expect(s.tokenRequests()).toHaveLength(0)
  })

  it('checks the device authorization response: garbage is exit 5, nothing polled, nothing shown', async () => {
    for (const device of [
      { user_code: undefined },
      { user_code: 'ABCD\u001b[2J' },
      { verification_uri: 'javascript:alert(1)' },
      { verification_uri: 'http://evil.example/device' },
      { verification_uri_complete: 'file:///etc/passwd' },
      { expires_in: 0 },
      { expires_in: 'soon' },
      { device_code: '' },
    ]) {
      const { flow, server: s } = await setup([TOKENS], { device })
      const { ctx, info } = recorder()
      const error = await authFailure(flow.login(ctx))
      expect(error.exitCode, JSON.stringify(device)).toBe(5)
      expect(s.tokenRequests()).toHaveLength(0)
      expect(info).toEqual([])
      await s.close()
      server = undefined
    }
  })

  it('ignores an unusable interval from the server (5 s applies)', async () => {
    const { flow, gaps } = await setup([TOKENS], { device: { interval: 1e9 } }, { intervalMs: undefined })
    await flow.login({})
    expect(gaps()).toEqual([5000 + LATENCY])
  })

  it('a server without a device endpoint is a config error naming the way out', async () => {
    const { flow } = await setup([TOKENS], { discovery: { device_authorization_endpoint: undefined } })
    const error = await authFailure(flow.login({}))
    expect(error).toMatchObject({ code: ErrorCode.CONFIG_ERROR, exitCode: 2 })
    expect(error.hint).toBe('log in with the browser (authorization code) flow instead')
  })

  it('Ctrl-C during a request that hangs: CancelledError at once, exit 130', async () => {
    const controller = new AbortController()
    const { flow, server: s } = await setup([{ status: 0, body: '' }], { onRequest: (path) => path === '/token' && setTimeout(() => controller.abort(), 50) })
    const started = performance.now()
    const error = await authFailure(flow.login({ signal: controller.signal }))
    expect(error).toMatchObject({ code: ErrorCode.CANCELLED, exitCode: 130 })
    expect(performance.now() - started).toBeLessThan(1000)
    expect(s.tokenRequests()).toHaveLength(1)
  })

  it('cannot revoke without a revocation endpoint: nothing happens', async () => {
    const { flow, server: s } = await setup([TOKENS])
    const credential = await flow.login({})
    const before = s.requests.length
    await flow.revoke!(credential, {})
    expect(s.requests.length).toBe(before)
  })
})
