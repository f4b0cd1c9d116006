// A reference for the bundles section of `npm run bench` (scripts/bench/bundles.mjs), not product
// code: @azure/msal-node's PublicClientApplication with the device code flow, as its samples write
// it: the code on stderr, then the access token (its in-memory token cache; no persistence plugin).
// Measured only: it talks to Microsoft's login service.
import { PublicClientApplication } from '@azure/msal-node'

const pca = new PublicClientApplication({ auth: { clientId: process.argv[2] ?? '00000000-0000-0000-0000-000000000000', authority: 'https://login.microsoftonline.com/common' } })
const result = await pca.acquireTokenByDeviceCode({
  scopes: ['User.Read'],
  deviceCodeCallback: (response) => process.stderr.write(`${response.message}\n`),
})
console.log(result?.accessToken)
