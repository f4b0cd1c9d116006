// The device flow against the real dev server (oidc-provider), the device approved over HTTP.
import { ErrorCode, redact, type Credential, type LoginContext } from '@auth/core'
import { startDevServer, type DevServer } from '@auth/dev-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authFailure } from '@auth/testing/errors'
import { createDeviceFlow, type DeviceCodeInfo, type DeviceFlowOptions } from '../src/index.js'

const GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

let server: DevServer
let short: DevServer

beforeAll(async () => {
  ;[server, short] = await Promise.all([startDevServer({ port: 0, deviceInterval: 0.05 }), startDevServer({ port: 0, deviceInterval: 0.05, deviceCodeTtl: 1 })])
})
afterAll(async () => {
  await Promise.all([server?.close(), short?.close()])
})

/** A login context that records what the flow shows and answers the device code with `onCode`. */
function context(onCode: (info: DeviceCodeInfo) => void | Promise<void>, extra: Partial<LoginContext> = {}) {
  const info: string[] = []
  const warn: string[] = []
  const data: unknown[] = []
  const ctx: LoginContext = {
    output: {
      info: (line) => info.push(line),
      warn: (line) => warn.push(line),
      data: (value) => {
        data.push(value)
        void Promise.resolve(onCode(value as DeviceCodeInfo)).catch((error: unknown) => warn.push(`test: ${String(error)}`))
      },
    },
    ...extra,
  }
  return { ctx, info, warn, data }
}

function flowFor(s: DevServer, options: Partial<DeviceFlowOptions> = {}) {
  return createDeviceFlow({ issuer: s.issuer, clientId: s.clients.native.clientId, isTTY: false, ...options })
}

describe('login against the dev server', () => {
  it('logs in once the device is approved: tokens, scopes, account from userinfo', async () => {
    server.resetCounters()
    let pollsAtData = -1
    const { ctx, info, data } = context(async (code) => {
      pollsAtData = server.counters()[GRANT] ?? 0
      await server.approveDevice(code.user_code, { login: 'bob' })
    })
    const before = Date.now()
    const credential = await flowFor(server).login(ctx)

    expect(pollsAtData).toBe(0) // the JSON object comes before the first poll
    expect(data).toHaveLength(1)
    const shown = data[0] as DeviceCodeInfo
    expect(Object.keys(shown).sort()).toEqual(['expires_in', 'user_code', 'verification_uri', 'verification_uri_complete'])
    expect(shown.verification_uri).toBe(`${server.issuer}/device`)
    expect(shown.verification_uri_complete).toContain(encodeURIComponent(shown.user_code).replace('%2D', '-'))
    expect(info).toContain(`  ${shown.user_code}`)
    expect(info).toContain(`  ${shown.verification_uri}`)
    expect(info.join('\n')).not.toContain('▀') // no QR code off a terminal

    expect(credential).toMatchObject({
      tokenType: 'Bearer',
      flow: 'device',
      issuer: server.issuer,
      clientId: 'authcli',
      scopes: ['openid', 'profile', 'email', 'offline_access'],
      account: { login: 'bob', name: 'Bob', email: 'bob@example.test', id: 'bob' },
    })
    expect(credential.refreshToken).toEqual(expect.any(String))
    expect(credential.idToken).toMatch(/^eyJ/)
    expect(credential.obtainedAt).toBeGreaterThanOrEqual(before)
    expect(credential.expiresAt).toBeGreaterThan(credential.obtainedAt + 3_500_000)
    expect(server.counters()).toMatchObject({ device_authorization: 1, userinfo: 1 })
    // Every token is a registered secret.
    expect(redact(`${credential.accessToken} ${credential.refreshToken}`)).toBe('*** ***')
    const profile = await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${credential.accessToken}` } })
    expect(await profile.json()).toMatchObject({ login: 'bob' })
  })

  it('fills the account from profileUrl when given, and asks for the scopes given', async () => {
    const { ctx } = context((code) => server.approveDevice(code.user_code))
    const flow = flowFor(server, { scopes: ['openid', 'api:read'], profileUrl: `${server.issuer}/api/v1/profile` })
    const credential = await flow.login(ctx)
    expect(credential.scopes).toEqual(['openid', 'api:read'])
    expect(credential.refreshToken).toBeUndefined()
    expect(credential.account).toEqual({ login: 'alice', name: 'Alice', email: 'alice@example.test', id: 'alice' })
  })

  it('polls at the server interval when no option overrides it, and keeps polling while pending', async () => {
    server.resetCounters()
    const { ctx } = context(async (code) => {
      await new Promise((resolve) => setTimeout(resolve, 300))
      await server.approveDevice(code.user_code)
    })
    const started = performance.now()
    await flowFor(server).login(ctx)
    const polls = server.counters()[GRANT] ?? 0
    expect(polls).toBeGreaterThanOrEqual(3)
    expect(polls).toBeLessThanOrEqual(Math.ceil((performance.now() - started) / 50) + 1)
  })

  it('exits 4 ACCESS_DENIED when the user denies', async () => {
    const { ctx } = context((code) => server.denyDevice(code.user_code))
    const error = await authFailure(flowFor(server, { name: 'mycli' }).login(ctx))
    expect(error).toMatchObject({ code: ErrorCode.ACCESS_DENIED, exitCode: 4, message: 'the authorization was denied' })
    expect(error.hint).toContain('mycli auth login --device')
  })

  it('exits 4 DEVICE_CODE_EXPIRED when the code expires before approval', async () => {
    const { ctx } = context(() => {})
    const started = performance.now()
    const error = await authFailure(flowFor(short, { intervalMs: 200 }).login(ctx))
    expect(error).toMatchObject({ code: ErrorCode.DEVICE_CODE_EXPIRED, exitCode: 4 })
    expect(error.hint).toBe('log in again with the device flow')
    expect(performance.now() - started).toBeLessThan(2500)
  })

  it('stops at once on abort mid-poll: CancelledError, exit 130, nothing returned', async () => {
    const controller = new AbortController()
    const { ctx } = context(
      () => {
        setTimeout(() => controller.abort(), 150)
      },
      { signal: controller.signal },
    )
    const started = performance.now()
    const error = await authFailure(flowFor(server, { intervalMs: 5000 }).login(ctx))
    expect(error).toMatchObject({ code: ErrorCode.CANCELLED, exitCode: 130 })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  it('never starts when the signal has already aborted', async () => {
    server.resetCounters()
    const { ctx } = context(() => {}, { signal: AbortSignal.abort() })
    const error = await authFailure(flowFor(server).login(ctx))
    expect(error.code).toBe(ErrorCode.CANCELLED)
    expect(server.counters()['device_authorization']).toBeUndefined()
  })

  it('shows a QR code and a spinner on a terminal, and erases the spinner line at the end', async () => {
    const written: string[] = []
    const { ctx, info } = context(async (code) => {
      await new Promise((resolve) => setTimeout(resolve, 250))
      await server.approveDevice(code.user_code)
    })
    await flowFor(server, { isTTY: true, write: (text) => written.push(text) }).login(ctx)
    expect(info.join('\n')).toMatch(/[▀▄█]/)
    expect(written.some((text) => /Waiting for the code to be approved\.\.\. \d+:\d\d left/.test(text))).toBe(true)
    expect(written.at(-1)).toBe('\r\x1b[2K')
  })

  it('leaves the QR code out with qr: false', async () => {
    const { ctx, info } = context((code) => server.approveDevice(code.user_code))
    await flowFor(server, { isTTY: true, qr: false, write: () => {} }).login(ctx)
    expect(info.join('\n')).not.toMatch(/[▀▄█]/)
  })

  it('offers to open the browser on the complete URL, and goes on polling meanwhile', async () => {
    const opened: string[] = []
    let userCode = ''
    const { ctx } = context(
      (code) => {
        userCode = code.user_code
      },
      {
        interactive: true,
        prompter: {
          text: async () => '',
          confirm: async () => {
            await server.approveDevice(userCode)
            return true
          },
        },
      },
    )
    const flow = flowFor(server, { openBrowser: async (url) => (opened.push(url), true) })
    await flow.login(ctx)
    expect(opened).toEqual([`${server.issuer}/device?user_code=${userCode}`])
  })

  it('refuses an unknown client with INVALID_CLIENT', async () => {
    const error = await authFailure(createDeviceFlow({ issuer: server.issuer, clientId: 'nobody', isTTY: false }).login({}))
    expect(error.code).toBe(ErrorCode.INVALID_CLIENT)
    expect(error.exitCode).toBe(4)
  })
})

describe('refresh and revoke against the dev server', () => {
  async function loggedIn(): Promise<{ flow: ReturnType<typeof flowFor>; credential: Credential }> {
    const flow = flowFor(server)
    const { ctx } = context((code) => server.approveDevice(code.user_code))
    return { flow, credential: await flow.login(ctx) }
  }

  it('refreshes with rotation: a new refresh token, the old one spent', async () => {
    const { flow, credential } = await loggedIn()
    const renewed = await flow.refresh!(credential, {})
    expect(renewed.accessToken).not.toBe(credential.accessToken)
    expect(renewed.refreshToken).toEqual(expect.any(String))
    expect(renewed.refreshToken).not.toBe(credential.refreshToken)
    expect(renewed.account).toEqual(credential.account)
    expect(renewed).toMatchObject({ flow: 'device', issuer: server.issuer, clientId: 'authcli', scopes: credential.scopes })

    const again = await authFailure(flow.refresh!(credential, {}))
    expect(again).toMatchObject({ code: ErrorCode.INVALID_GRANT, exitCode: 4 })
  })

  it('refreshes to narrower scopes with RefreshOptions.scopes, and refuses wider ones before any request', async () => {
    const { flow, credential } = await loggedIn()
    const narrowed = await flow.refresh!(credential, {}, { scopes: ['openid', 'offline_access'] })
    expect(narrowed.scopes).toEqual(['openid', 'offline_access'])
    server.resetCounters()
    const wider = await authFailure(flow.refresh!(narrowed, {}, { scopes: ['openid', 'email'] }))
    expect(wider).toMatchObject({ code: ErrorCode.CONFIG_ERROR, message: expect.stringContaining('a refresh can only narrow them') })
    expect(server.counters()['token'] ?? 0).toBe(0)
  })

  it('renews any device credential at the issuer and client it recorded, not the configured ones', async () => {
    const { credential } = await loggedIn()
    const elsewhere = createDeviceFlow({ issuer: 'http://127.0.0.1:9', clientId: 'another-cli', isTTY: false })
    const renewed = await elsewhere.refresh!(credential, {})
    expect(renewed).toMatchObject({ issuer: server.issuer, clientId: 'authcli', flow: 'device', account: credential.account })
    expect(renewed.accessToken).not.toBe(credential.accessToken)
    const odd = await authFailure(elsewhere.refresh!({ ...renewed, issuer: 'ftp://as.example' }, {}))
    expect(odd).toMatchObject({ code: ErrorCode.NOT_REFRESHABLE, message: 'the credential records an issuer that is not an http(s) URL' })
    const { refreshToken: _, ...withoutRefresh } = renewed
    expect((await authFailure(elsewhere.refresh!(withoutRefresh, {}))).code).toBe(ErrorCode.NOT_REFRESHABLE)
  })

  it('revokes: the tokens stop working', async () => {
    const { flow, credential } = await loggedIn()
    server.resetCounters()
    await flow.revoke!(credential, {})
    expect(server.counters()['revocation']).toBe(2)
    const profile = await fetch(`${server.issuer}/api/v1/profile`, { headers: { authorization: `Bearer ${credential.accessToken}` } })
    expect(profile.status).toBe(401)
    expect((await authFailure(flow.refresh!(credential, {}))).code).toBe(ErrorCode.INVALID_GRANT)
  })
})
