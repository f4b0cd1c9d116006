// Reference: the cold start of a program that imports openid-client (the OIDC library under
// @auth/oidc), as a product built on it directly would.
import * as client from 'openid-client'

if (typeof client.discovery !== 'function') process.exit(1)
