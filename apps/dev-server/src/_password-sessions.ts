// A product's own login endpoint, as a password-jwt product has one: POST /api/v1/session with
// JSON { username, password } answers a short-lived HS256 JWT (`{ token, token_type, expires_in }`)
// that /api/* accepts as a bearer token. Passwords are set by the test (`setPassword`); an
// unknown user or a wrong password is 401 `invalid_credentials`, with no hint which.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { describeAccount, isValidLogin } from './_accounts.js'
import type { Identity } from './_bearer.js'
import type { Counters } from './_counters.js'
import { HttpError, readJsonObject, sendJson } from './_http.js'

/** The path of the product's login endpoint. */
export const SESSION_PATH = '/api/v1/session'

const JWT = /^[\w-]+\.[\w-]+\.[\w-]+$/
const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64url')

/** The passwords and the signing key of one server. */
export class PasswordSessions {
  readonly #key = randomBytes(32)
  readonly #passwords = new Map<string, Buffer>()

  /** @param ttl - Lifetime of a session JWT, seconds. */
  constructor(readonly ttl: number) {}

  /** @throws TypeError on a malformed login or an empty password. */
  setPassword(login: string, password: string): void {
    if (!isValidLogin(login)) throw new TypeError('@auth/dev-server: setPassword: "login" must be 1-64 characters of [A-Za-z0-9_.@+-]')
    if (typeof password !== 'string' || password === '') throw new TypeError('@auth/dev-server: setPassword: "password" must be a non-empty string')
    this.#passwords.set(login, Buffer.from(password))
  }

  /** Answers `POST /api/v1/session`. */
  async handle(req: IncomingMessage, res: ServerResponse, counters: Counters): Promise<void> {
    counters.increment('session')
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST')
      throw new HttpError(405, 'method_not_allowed', `${req.method} is not allowed on ${SESSION_PATH}`)
    }
    const { username, password } = await readJsonObject(req)
    if (typeof username !== 'string' || typeof password !== 'string') throw new HttpError(400, 'invalid_request', 'send { "username": string, "password": string }')
    const expected = this.#passwords.get(username)
    const given = Buffer.from(password)
    if (expected === undefined || expected.length !== given.length || !timingSafeEqual(expected, given)) {
      throw new HttpError(401, 'invalid_credentials', 'wrong username or password')
    }
    const now = Math.floor(Date.now() / 1000)
    const token = this.#sign({ sub: username, scope: 'api:read api:write', iat: now, exp: now + this.ttl })
    sendJson(res, 200, { token, token_type: 'Bearer', expires_in: this.ttl })
  }

  /** The caller behind a session JWT; `undefined` when `token` is not one of ours; `expired`. */
  verify(token: string): Identity | 'expired' | undefined {
    if (!JWT.test(token)) return undefined
    const [header, payload, signature] = token.split('.') as [string, string, string]
    const expected = this.#mac(`${header}.${payload}`)
    const given = Buffer.from(signature, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { sub: string; scope: string; exp: number }
    if (claims.exp * 1000 <= Date.now()) return 'expired'
    const { login, name, email } = describeAccount(claims.sub)
    return { login, name, email, scopes: claims.scope.split(' '), tokenType: 'session', clientId: null }
  }

  #sign(claims: Record<string, unknown>): string {
    const body = `${b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${b64(JSON.stringify(claims))}`
    return `${body}.${b64(this.#mac(body))}`
  }

  #mac(text: string): Buffer {
    return createHmac('sha256', this.#key).update(text).digest()
  }
}
