import type { Flow, LoginContext } from '@auth/core'
import { createOidcClient, flowHints } from '../src/index.js'
import { ClientSecretPost, clientCredentialsGrant } from 'openid-client'

/** A service's own login on @auth/oidc: one grant; discovery, the credential and revocation are the client's. */
export function createBotFlow(options: { issuer: string; clientId: string; secret: string; name?: string }): Flow {
  const oidc = createOidcClient({
    pkg: '@acme/flow-bot',
    kind: 'bot',
    issuer: new URL(options.issuer),
    clientId: options.clientId,
    hints: flowHints(options.name, 'auth login --bot', 'the bot flow'),
    cancelled: 'bot login cancelled',
    clientAuth: () => ClientSecretPost(options.secret),
  })
  async function login(ctx: LoginContext) {
    const call = oidc.call(ctx)
    const config = await call.configuration()
    const tokens = await call.guard(() => clientCredentialsGrant(config, { scope: 'api:read' }))
    return oidc.loginCredential(tokens, config, call, { scopes: ['api:read'], account: { login: options.clientId } })
  }
  return { kind: 'bot', login, refresh: (_credential, ctx) => login(ctx), revoke: oidc.revoke }
}
