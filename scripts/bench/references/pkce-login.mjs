// Reference for the browser login: the same PKCE login written directly on openid-client, as
// a product without this toolkit would: discovery, buildAuthorizationUrl with PKCE and state, a
// loopback listener, the browser opened through $BROWSER, authorizationCodeGrant, exit.
//   node pkce-login.mjs <issuer> <client-id>
import { spawn } from 'node:child_process'
import { createServer } from 'node:http'
import * as client from 'openid-client'

const [issuer, clientId] = process.argv.slice(2)
const config = await client.discovery(new URL(issuer), clientId, undefined, client.None(), { execute: [client.allowInsecureRequests] })
const verifier = client.randomPKCECodeVerifier()
const state = client.randomState()
let redirectUri = ''
let finish
const done = new Promise((resolve, reject) => (finish = { resolve, reject }))
const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', redirectUri)
  if (url.pathname === '/done') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!doctype html><title>Logged in</title><p>You can close this tab.')
    return finish.resolve()
  }
  if (url.pathname !== '/callback') return void res.writeHead(404).end()
  try {
    const tokens = await client.authorizationCodeGrant(config, url, { pkceCodeVerifier: verifier, expectedState: state })
    if (typeof tokens.access_token !== 'string') throw new Error('no access token')
    res.writeHead(303, { location: '/done' }).end()
  } catch (error) {
    res.writeHead(400).end('login failed')
    finish.reject(error)
  }
})
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
redirectUri = `http://127.0.0.1:${server.address().port}/callback`
const url = client.buildAuthorizationUrl(config, {
  redirect_uri: redirectUri,
  scope: process.env.BENCH_SCOPE ?? 'openid',
  code_challenge: await client.calculatePKCECodeChallenge(verifier),
  code_challenge_method: 'S256',
  state,
})
spawn(process.env.BROWSER ?? 'xdg-open', [url.href], { stdio: 'ignore' }).unref()
await done
server.closeAllConnections()
server.close()
