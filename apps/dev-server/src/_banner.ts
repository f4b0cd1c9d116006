// What `auth-dev-server` prints once it listens.
import type { DevServer } from './types.js'

/** The start-up text: issuer, clients, the secret, and how to mint a PAT. */
export function banner(server: DevServer): string {
  const { native, confidential, post, jwt } = server.clients
  return `auth dev server listening on ${server.issuer}

  discovery   ${server.issuer}/.well-known/openid-configuration
  scopes      ${native.scopes.join(' ')}

clients
  ${native.clientId.padEnd(22)} public native: PKCE code flow, device flow, refresh tokens
  ${confidential.clientId.padEnd(22)} client credentials, client_secret_basic
  ${post.clientId.padEnd(22)} client credentials, client_secret_post
  ${jwt.clientId.padEnd(22)} client credentials, private_key_jwt (key below)
  client secret (both secret clients): ${confidential.clientSecret}

mint a personal access token:
  curl -s -X POST ${server.issuer}/_dev/pats -H 'content-type: application/json' \\
    -d '{"login":"alice","scopes":["api:read"]}'
call the API with it:
  curl -s ${server.issuer}/api/v1/profile -H "authorization: Bearer dvp_..."
approve a device code:
  curl -s -X POST ${server.issuer}/_dev/device/approve -H 'content-type: application/json' \\
    -d '{"user_code":"XXXX-XXXX","login":"alice"}'
sign in on the browser pages with any login and any password.

private key of ${jwt.clientId} (kid ${jwt.kid}, ${jwt.alg}):
${jwt.privateKeyPem.trimEnd()}

Ctrl-C stops the server.`
}
