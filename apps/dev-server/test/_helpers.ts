// Shared test helpers: openid-client configurations for the dev clients.
import * as client from 'openid-client'
import type { DevServer } from '../src/index'

/** Discovery for `http://127.0.0.1` (openid-client refuses plain http unless told). */
export function discover(
  server: DevServer,
  clientId: string,
  auth: client.ClientAuth = client.None(),
  metadata: Partial<client.ClientMetadata> = {},
): Promise<client.Configuration> {
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
export async function codeFlow(
  server: DevServer,
  config: client.Configuration,
  scope = 'openid profile email offline_access api:read',
  extra: Record<string, string> = {},
) {
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
