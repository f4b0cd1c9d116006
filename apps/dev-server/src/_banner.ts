// What `auth-dev-server` prints once it listens.
import type { DevServer } from './types.js'

/**
 * One working `authcli auth login` line per flow against this server. A PAT is checked at the
 * API's profile endpoint (`--profile-url`): the OIDC userinfo endpoint knows only OAuth tokens.
 */
export function loginLines(server: DevServer): string[] {
  const { issuer, clients } = server
  const host = `--host ${issuer}`
  return [
    `  browser:     authcli auth login ${host} --web          (--no-browser: paste the address back)`,
    `  device code: authcli auth login ${host} --device`,
    `  PAT:         curl -s -X POST ${issuer}/_dev/pats -H 'content-type: application/json' -d '{"login":"alice","scopes":["api:read"]}' \\`,
    `                 | sed 's/.*"token":"\\([^"]*\\)".*/\\1/' | authcli auth login ${host} --with-token --profile-url ${issuer}/api/v1/profile`,
    `  client:      AUTHCLI_CLIENT_SECRET=${clients.confidential.clientSecret} authcli auth login ${host} --client-credentials --client-id ${clients.confidential.clientId} --scope api:read`,
  ]
}

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

log in with authcli (apps/cli), one line per flow:
${loginLines(server).join('\n')}

private key of ${jwt.clientId} (kid ${jwt.kid}, ${jwt.alg}):
${jwt.privateKeyPem.trimEnd()}

Ctrl-C stops the server.`
}
