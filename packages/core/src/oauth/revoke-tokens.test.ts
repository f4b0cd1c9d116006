import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { revokeTokens, type ClientAuthLike } from './revoke-tokens.js'

interface Seen {
  body: URLSearchParams
  authorization: string | undefined
}
let server: Server
let endpoint: string
let seen: Seen[] = []
let answer: (body: URLSearchParams) => { status: number; json?: unknown } = () => ({ status: 200 })

const read = async (req: IncomingMessage) => {
  let text = ''
  for await (const chunk of req) text += chunk
  return new URLSearchParams(text)
}
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await read(req)
    seen.push({ body, authorization: req.headers.authorization })
    const { status, json } = answer(body)
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(json === undefined ? '' : JSON.stringify(json))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/revoke`
})
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
beforeEach(() => {
  seen = []
  answer = () => ({ status: 200 })
})

describe('revokeTokens', () => {
  it('revokes the refresh token, then the access token, each with its hint; a public client sends client_id', async () => {
    await revokeTokens({ refreshToken: 'rt-1', accessToken: 'at-1' }, { endpoint, clientId: 'cli' })
    expect(seen.map((s) => Object.fromEntries(s.body))).toEqual([
      { token: 'rt-1', token_type_hint: 'refresh_token', client_id: 'cli' },
      { token: 'at-1', token_type_hint: 'access_token', client_id: 'cli' },
    ])
  })
  it('lets the caller authenticate the client (openid-client ClientAuth shape)', async () => {
    const basic: ClientAuthLike = (server, client, _body, headers) => {
      expect(server.issuer).toBe('https://as.test')
      headers.set('authorization', `Basic ${Buffer.from(`${client.client_id}:s3cret`).toString('base64')}`)
    }
    await revokeTokens({ accessToken: 'at-1' }, { endpoint, clientId: 'cli', clientAuth: basic, server: { issuer: 'https://as.test' } })
    expect(seen).toHaveLength(1)
    expect(seen[0]?.authorization).toBe(`Basic ${Buffer.from('cli:s3cret').toString('base64')}`)
    expect(seen[0]?.body.has('client_id')).toBe(false)
  })
  it('tries both tokens and throws the first failure as a typed error', async () => {
    answer = (body) => (body.get('token_type_hint') === 'refresh_token' ? { status: 401, json: { error: 'invalid_client', error_description: 'bad\u001b[2J secret' } } : { status: 200 })
    const error = await revokeTokens({ refreshToken: 'rt', accessToken: 'at' }, { endpoint, clientId: 'cli' }).catch((e: unknown) => e)
    expect(seen).toHaveLength(2)
    expect(error).toMatchObject({ code: 'INVALID_CLIENT', exitCode: 4, error: 'invalid_client', message: 'revocation failed: the server answered invalid_client: bad [2J secret' })
  })
  it('maps 5xx to NETWORK_ERROR and other statuses to BAD_RESPONSE', async () => {
    answer = () => ({ status: 503 })
    await expect(revokeTokens({ accessToken: 'at' }, { endpoint, clientId: 'c' })).rejects.toMatchObject({ code: 'NETWORK_ERROR', exitCode: 5 })
    answer = () => ({ status: 302 })
    await expect(revokeTokens({ accessToken: 'at' }, { endpoint, clientId: 'c' })).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
  })
  it('takes unsupported_token_type as nothing to revoke', async () => {
    answer = (body) => (body.get('token_type_hint') === 'access_token' ? { status: 400, json: { error: 'unsupported_token_type' } } : { status: 200 })
    await expect(revokeTokens({ refreshToken: 'rt', accessToken: 'at' }, { endpoint, clientId: 'c' })).resolves.toBeUndefined()
  })
  it('maps an unreachable server to NETWORK_ERROR, and refuses a plain http endpoint elsewhere', async () => {
    await expect(revokeTokens({ accessToken: 'at' }, { endpoint: 'http://127.0.0.1:1/revoke', clientId: 'c' })).rejects.toMatchObject({ code: 'NETWORK_ERROR' })
    await expect(revokeTokens({ accessToken: 'at' }, { endpoint: 'http://as.example.com/revoke', clientId: 'c' })).rejects.toMatchObject({ code: 'CONFIG_ERROR' })
  })
  it('sends nothing without tokens', async () => {
    await revokeTokens({}, { endpoint, clientId: 'c' })
    expect(seen).toHaveLength(0)
  })
})
