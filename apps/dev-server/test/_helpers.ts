// Shared test helpers: openid-client configurations for the dev clients.
import * as client from 'openid-client'
import { CookieJar } from '../src/_cookie-jar.js'
import type { DevServer } from '../src/index.js'

/** Discovery for `http://127.0.0.1` (openid-client refuses plain http unless told). */
export function discover(server: DevServer, clientId: string, auth: client.ClientAuth = client.None(), metadata: Partial<client.ClientMetadata> = {}): Promise<client.Configuration> {
  return client.discovery(new URL(server.issuer), clientId, metadata, auth, {
    execute: [client.allowInsecureRequests],
  })
}

/** The public native client `authcli`. */
export function discoverNative(server: DevServer): Promise<client.Configuration> {
  return discover(server, server.clients.native.clientId)
}

/** A GET of the dev server's API with an optional bearer token. */
export function callApi(server: DevServer, path: string, token?: string, headers: Record<string, string> = {}): Promise<Response> {
  const auth: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` }
  return fetch(`${server.issuer}${path}`, { headers: { ...auth, ...headers } })
}

/** Runs the PKCE code flow for `authcli` through `server.authorize` and returns the tokens. */
export async function codeFlow(server: DevServer, config: client.Configuration, scope = 'openid profile email offline_access api:read', extra: Record<string, string> = {}) {
  const verifier = client.randomPKCECodeVerifier()
  const state = client.randomState()
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: 'http://127.0.0.1:8765/callback',
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...extra,
  })
  const callback = await server.authorize(url.href)
  return client.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: verifier, expectedState: state })
}

/** One browser request with cookies and no redirect following; a form body makes it a POST. */
export async function browse(url: string, form?: Record<string, string>, jar = new CookieJar()) {
  const headers = new Headers()
  const cookie = jar.header()
  if (cookie !== undefined) headers.set('cookie', cookie)
  const init: RequestInit = { headers, redirect: 'manual' }
  if (form !== undefined) Object.assign(init, { method: 'POST', body: new URLSearchParams(form) })
  const response = await fetch(url, init)
  jar.store(response.headers)
  return { status: response.status, location: response.headers.get('location'), html: await response.text(), jar }
}

/** The `action` of the first form of a page. */
export function formAction(html: string): string {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
  if (action === undefined) throw new Error(`no form on the page: ${html.slice(0, 200)}`)
  return action
}

/** The hidden fields of a page's forms. */
export function formFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) fields[name!] = value!
  return fields
}
