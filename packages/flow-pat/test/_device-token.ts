// An OIDC access token for alice, obtained with plain HTTP through the dev server's device flow
// (RFC 8628), so that the userinfo endpoint has something it accepts. No OAuth library needed.
import type { DevServer } from '@auth/dev-server'

export async function deviceAccessToken(server: DevServer, login = 'alice'): Promise<string> {
  const discovery = (await (await fetch(`${server.issuer}/.well-known/openid-configuration`)).json()) as Record<string, string>
  const clientId = server.clients.native.clientId
  const form = (fields: Record<string, string>) => ({ method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() })
  const start = await fetch(discovery['device_authorization_endpoint'] as string, form({ client_id: clientId, scope: 'openid profile email' }))
  const { device_code: deviceCode, user_code: userCode } = (await start.json()) as Record<string, string>
  await server.approveDevice(userCode as string, { login })
  const grant = 'urn:ietf:params:oauth:grant-type:device_code'
  const token = await fetch(discovery['token_endpoint'] as string, form({ client_id: clientId, grant_type: grant, device_code: deviceCode as string }))
  const body = (await token.json()) as Record<string, string>
  if (typeof body['access_token'] !== 'string') throw new Error(`device flow failed: ${JSON.stringify(body)}`)
  return body['access_token']
}
