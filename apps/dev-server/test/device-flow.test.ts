import * as client from 'openid-client'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { DEVICE_CODE_GRANT, startDevServer, type DevServer } from '../src/index.js'
import { browse, discoverNative, formAction, formFields } from './_helpers.js'

let server: DevServer
let config: client.Configuration
beforeAll(async () => {
  server = await startDevServer({ port: 0, deviceInterval: 0.05 })
  config = await discoverNative(server)
})
afterAll(() => server.close())

describe('device authorization grant', () => {
  test('announces the configured interval and a verification URI on the server', async () => {
    const response = await client.initiateDeviceAuthorization(config, { scope: 'openid' })
    expect(response.interval).toBe(0.05)
    expect(response.verification_uri).toBe(`${server.issuer}/device`)
    expect(response.user_code).toMatch(/^[B-Z]{4}-[B-Z]{4}$/)
    expect(response.expires_in).toBe(600)
  })

  test('approve → tokens with a refresh token → userinfo', async () => {
    const response = await client.initiateDeviceAuthorization(config, { scope: 'openid profile email offline_access api:read' })
    const polling = client.pollDeviceAuthorizationGrant(config, response)
    await new Promise((resolve) => setTimeout(resolve, 120)) // a few authorization_pending polls first
    await server.approveDevice(response.user_code.toLowerCase(), { login: 'bob' })
    const tokens = await polling
    expect(tokens.refresh_token).toBeTypeOf('string')
    expect(tokens.scope?.split(' ').sort()).toEqual(['api:read', 'email', 'offline_access', 'openid', 'profile'])
    expect(tokens.claims()?.sub).toBe('bob')
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, 'bob')
    expect(userinfo).toMatchObject({
      sub: 'bob',
      login: 'bob',
      preferred_username: 'bob',
      name: 'Bob',
      email: 'bob@example.test',
    })
    expect(server.counters()[DEVICE_CODE_GRANT]).toBeGreaterThanOrEqual(2)
  })

  test('deny → access_denied', async () => {
    const response = await client.initiateDeviceAuthorization(config, { scope: 'openid' })
    await server.denyDevice(response.user_code)
    const error = await client.pollDeviceAuthorizationGrant(config, response).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(client.ResponseBodyError)
    expect((error as client.ResponseBodyError).error).toBe('access_denied')
  })

  test('a code is answered once; unknown codes are refused', async () => {
    const response = await client.initiateDeviceAuthorization(config, { scope: 'openid' })
    await server.approveDevice(response.user_code)
    await expect(server.approveDevice(response.user_code)).rejects.toThrow(/already answered/)
    await expect(server.denyDevice('BCDF-GHJK')).rejects.toThrow(/no pending device authorization/)
  })

  test('POST /_dev/device/approve does the same over HTTP', async () => {
    const response = await client.initiateDeviceAuthorization(config, { scope: 'openid' })
    const approved = await fetch(`${server.issuer}/_dev/device/approve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user_code: response.user_code, login: 'carol' }),
    })
    expect(approved.status).toBe(200)
    const tokens = await client.pollDeviceAuthorizationGrant(config, response)
    expect(tokens.claims()?.sub).toBe('carol')
    expect(tokens.refresh_token).toBeUndefined() // no offline_access asked
  })
})

describe('the browser pages of the device flow', () => {
  test('verification_uri_complete → sign in → success, with no consent page', async () => {
    const response = await client.initiateDeviceAuthorization(config, { scope: 'openid offline_access' })
    const page = await browse(response.verification_uri_complete!) // auto-submits the user code
    const confirmPage = await browse(formAction(page.html), formFields(page.html), page.jar)
    expect(confirmPage.html).toContain('Confirm Device')
    expect(confirmPage.html).not.toContain('fonts.googleapis.com')
    const confirm = await browse(formAction(confirmPage.html), formFields(confirmPage.html), page.jar)
    const login = await browse(new URL(confirm.location!, server.issuer).href, undefined, page.jar)
    expect(login.html).toContain('name="prompt" value="login"')
    expect(login.html).not.toContain('fonts.googleapis.com')
    const signedIn = await browse(formAction(login.html), { prompt: 'login', login: 'zed', password: 'any' }, page.jar)
    const done = await browse(new URL(signedIn.location!, server.issuer).href, undefined, page.jar)
    expect(done.html).toContain('Sign-in Success')
    const tokens = await client.pollDeviceAuthorizationGrant(config, response)
    expect(tokens.claims()?.sub).toBe('zed')
    expect(tokens.refresh_token).toBeTypeOf('string')
  })
})

describe('device code lifetime', () => {
  test('an expired device code gives expired_token', async () => {
    const short = await startDevServer({ port: 0, deviceCodeTtl: 1, deviceInterval: 0.2 })
    try {
      const shortConfig = await discoverNative(short)
      const response = await client.initiateDeviceAuthorization(shortConfig, { scope: 'openid' })
      // openid-client stops polling at expires_in on its own; stretch it to see the server's answer
      const error = await client.pollDeviceAuthorizationGrant(shortConfig, { ...response, expires_in: 5 }).catch((e: unknown) => e)
      expect((error as client.ResponseBodyError).error).toBe('expired_token')
    } finally {
      await short.close()
    }
  })
})
