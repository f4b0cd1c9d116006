// A reference for the bundles section of `npm run bench` (scripts/bench/bundles.mjs), not product
// code: openid-client's own pieces for a device-flow CLI with refresh, used directly (no @auth
// package): discovery, the device authorization, the polling, a refresh.
// `node openid-client-device.mjs ISSUER CLIENT_ID` prints the code on stderr, then the access token
// and, with a refresh token, the refreshed one. No storage. Run by test/bench-references.test.ts.
import * as client from 'openid-client'

const issuer = new URL(process.argv[2] ?? 'https://login.example.com')
const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined
const config = await client.discovery(issuer, process.argv[3] ?? 'mycli', undefined, client.None(), options)
const device = await client.initiateDeviceAuthorization(config, { scope: 'openid offline_access api:read' })
process.stderr.write(`Open ${device.verification_uri} and enter the code:\n  ${device.user_code}\n`)
const tokens = await client.pollDeviceAuthorizationGrant(config, device)
console.log(tokens.access_token)
if (tokens.refresh_token) console.log((await client.refreshTokenGrant(config, tokens.refresh_token)).access_token)
