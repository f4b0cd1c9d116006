// Discovery and registration fuzzed with hostile server answers (the fuzz kit's one assertion:
// only a documented AuthError comes out, in time, terminal-safe, secret-free); whatever is
// accepted holds only URLs that pass the guard, so nothing else can reach an opener.
import { createMemoryStore } from '@auth/core'
import { fc, fuzzParams, fuzzTimeout, hostileAnswer, hostileObject, nastyString, routeFetch, settle } from '@auth/testing/fuzz'
import { describe, expect, it } from 'vitest'
import { discoverMcp, isSafeUrl, registerClient } from '../src/index.js'

const SERVER = 'https://mcp.example.com/mcp'
const AS = 'https://as.example.com'
const url = fc.oneof(fc.constantFrom(SERVER, AS, `${AS}/authorize`, 'http://as.example.com/x', 'javascript:alert(1)', 'https://a.example/$(id)', 'file:///etc/passwd'), nastyString(60))
const prm = hostileObject({
  resource: fc.oneof(fc.constant(SERVER), url),
  authorization_servers: fc.oneof(fc.constant([AS]), fc.array(url, { maxLength: 3 })),
  scopes_supported: fc.array(nastyString(20), { maxLength: 4 }),
})
const asMetadata = hostileObject({
  issuer: fc.oneof(fc.constant(AS), url),
  authorization_endpoint: url,
  token_endpoint: url,
  registration_endpoint: url,
  device_authorization_endpoint: url,
  code_challenge_methods_supported: fc.oneof(fc.constant(['S256']), fc.array(nastyString(10), { maxLength: 3 })),
  scopes_supported: fc.array(nastyString(20), { maxLength: 4 }),
})
const registration = hostileObject({
  client_id: nastyString(40),
  client_secret: nastyString(40),
  token_endpoint_auth_method: fc.constantFrom('none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt', 'x'),
})

describe('fuzz: discovery and registration against hostile answers', () => {
  it(
    'discoverMcp: a discovery whose every URL is safe, or a documented AuthError',
    async () => {
      await fc.assert(
        fc.asyncProperty(hostileAnswer(prm), hostileAnswer(asMetadata), async (resourceAnswer, serverAnswer) => {
          const fetch = routeFetch((u) => (u.pathname.includes('oauth-protected-resource') ? resourceAnswer : serverAnswer))
          const outcome = await settle(() => discoverMcp(SERVER, { fetch }))
          if (!outcome.ok) return
          const as = outcome.value.authorizationServer
          for (const field of ['issuer', 'authorization_endpoint', 'token_endpoint', 'registration_endpoint', 'device_authorization_endpoint'] as const) {
            if (as[field] !== undefined) expect(isSafeUrl(as[field]), `${field}: ${String(as[field])}`).toBe(true)
          }
          expect(isSafeUrl(outcome.value.resource)).toBe(true)
        }),
        fuzzParams(150),
      )
    },
    fuzzTimeout(150, 50),
  )

  it(
    'registerClient: a usable client, or a documented AuthError',
    async () => {
      const discovery = {
        resource: SERVER,
        resourceMetadata: undefined,
        authorizationServer: { issuer: AS, registration_endpoint: `${AS}/register`, code_challenge_methods_supported: ['S256'] },
        scopes: [],
        legacy: false,
      }
      await fc.assert(
        fc.asyncProperty(hostileAnswer(registration, 201), async (answer) => {
          const outcome = await settle(() =>
            registerClient(discovery, { clientName: 'x', redirectUris: ['http://127.0.0.1:8765/callback'], stores: [createMemoryStore()], fetch: routeFetch(() => answer) }),
          )
          if (!outcome.ok) return
          expect(outcome.value.clientId).toMatch(/^[\x21-\x7e]+$/)
          expect(['none', 'client_secret_basic', 'client_secret_post']).toContain(outcome.value.tokenEndpointAuthMethod)
        }),
        fuzzParams(150),
      )
    },
    fuzzTimeout(150, 50),
  )
})
