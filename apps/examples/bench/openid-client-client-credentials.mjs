// A reference for the bundles section of `npm run bench` (scripts/bench/bundles.mjs), not product
// code: openid-client's own pieces for the client credentials grant, used directly (no @auth
// package): discovery with client_secret_basic, one grant.
// `CLIENT_SECRET=... node openid-client-client-credentials.mjs ISSUER CLIENT_ID` prints the access
// token. No storage. Run by test/bench-references.test.ts.
import * as client from 'openid-client'

const issuer = new URL(process.argv[2] ?? 'https://login.example.com')
const options = issuer.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined
const secret = process.env.CLIENT_SECRET
if (!secret) throw new Error('CLIENT_SECRET is not set')
const config = await client.discovery(issuer, process.argv[3] ?? 'ci-bot', undefined, client.ClientSecretBasic(secret), options)
console.log((await client.clientCredentialsGrant(config, { scope: 'api:read' })).access_token)
