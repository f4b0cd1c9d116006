// A reference for the bundles section of `npm run bench` (scripts/bench/bundles.mjs), not product
// code: openid-client's own pieces for a browser login with refresh, used directly (no @auth
// package): discovery, PKCE and state, the authorization URL, a loopback listener on 127.0.0.1 (an
// ephemeral port, RFC 8252 §7.3) for the redirect, the code grant, a refresh.
// `node openid-client-pkce.mjs ISSUER CLIENT_ID` prints the URL on stderr (a product would open a
// browser), then the access token and the refreshed one. No storage. Run by test/bench-references.test.ts.
import { createServer } from 'node:http'
import * as client from 'openid-client'

const issuer = new URL(process.argv[2] ?? 'https://login.example.com')
const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined
const config = await client.discovery(issuer, process.argv[3] ?? 'mycli', undefined, client.None(), options)
const verifier = client.randomPKCECodeVerifier()
const state = client.randomState()
const server = createServer()
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
const redirect_uri = `http://127.0.0.1:${server.address().port}/callback`
const url = client.buildAuthorizationUrl(config, {
  redirect_uri,
  scope: 'openid offline_access api:read',
  code_challenge: await client.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
  state,
})
process.stderr.write(`Open ${url.href}\n`)
const callback = await new Promise((resolve) =>
  server.once('request', (req, res) => {
    res.end('You can close this window.')
    resolve(new URL(req.url ?? '/', redirect_uri))
  }),
)
server.close()
const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state })
console.log(tokens.access_token)
if (tokens.refresh_token) console.log((await client.refreshTokenGrant(config, tokens.refresh_token)).access_token)
