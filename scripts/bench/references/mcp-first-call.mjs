// Reference for the MCP client's first call: the same protocol steps written directly on
// openid-client, in process: the 401 and its resource_metadata, the protected resource
// metadata, the authorization server's discovery and dynamic registration
// (dynamicClientRegistration), PKCE with state and `resource`, a loopback listener the user's
// redirect reaches, authorizationCodeGrant, then the tools/call with the bearer token.
import { createServer } from 'node:http'
import * as client from 'openid-client'
import { rpcHeaders } from '../mcp-headers.mjs'

/**
 * One first call against `url` (an MCP endpoint); `walk(authorizationUrl)` plays the user and
 * returns the redirect to our listener (the dev server's authorize()). Resolves to the body.
 */
export async function rawFirstCall(url, body, walk) {
  const challenge = await fetch(url, { method: 'POST', headers: rpcHeaders(), body })
  await challenge.body?.cancel()
  const metadataUrl = /resource_metadata="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '')?.[1]
  if (challenge.status !== 401 || metadataUrl === undefined) throw new Error(`expected a 401 with resource_metadata, got ${challenge.status}`)
  const resource = await (await fetch(metadataUrl)).json()
  let deliver
  const delivered = new Promise((resolve) => (deliver = resolve))
  const listener = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' }).end('done')
    deliver(new URL(req.url ?? '/', redirectUri))
  })
  await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve))
  const redirectUri = `http://127.0.0.1:${listener.address().port}/callback`
  try {
    const config = await client.dynamicClientRegistration(
      new URL(resource.authorization_servers[0]),
      { redirect_uris: [redirectUri], token_endpoint_auth_method: 'none', grant_types: ['authorization_code', 'refresh_token'], response_types: ['code'], client_name: 'bench' },
      client.None(),
      { execute: [client.allowInsecureRequests] },
    )
    const verifier = client.randomPKCECodeVerifier()
    const state = client.randomState()
    const authorizationUrl = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: (resource.scopes_supported ?? []).join(' '),
      resource: url,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
    })
    const answer = await fetch(await walk(authorizationUrl.href))
    await answer.text()
    const tokens = await client.authorizationCodeGrant(config, await delivered, { pkceCodeVerifier: verifier, expectedState: state }, { resource: url })
    const call = await fetch(url, { method: 'POST', headers: rpcHeaders(tokens.access_token), body })
    if (call.status !== 200) throw new Error(`tools/call answered ${call.status}`)
    return await call.text()
  } finally {
    listener.closeAllConnections()
    listener.close()
  }
}
