// A reference for the bundles section of `npm run bench` (scripts/bench/bundles.mjs), not product
// code: @octokit/auth-oauth-device, the device flow of GitHub's SDK, as its README writes it: the
// code on stderr, then the access token. Measured only: it talks to github.com.
import { createOAuthDeviceAuth } from '@octokit/auth-oauth-device'

const auth = createOAuthDeviceAuth({
  clientType: 'oauth-app',
  clientId: process.argv[2] ?? '1234567890abcdef1234',
  scopes: ['repo'],
  onVerification: (verification) => process.stderr.write(`Open ${verification.verification_uri} and enter the code:\n  ${verification.user_code}\n`),
})
console.log((await auth({ type: 'oauth' })).token)
