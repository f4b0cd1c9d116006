// Personal access tokens: `dvp_` + 32 base62 characters, kept in memory.
import { randomInt } from 'node:crypto'
import { describeAccount, isValidLogin } from './_accounts.js'
import { PAT_PREFIX } from './constants.js'
import type { MintPatOptions } from './types.js'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'
const PAT_BODY_LENGTH = 32

/** What the server knows about a PAT. */
export interface PatRecord {
  readonly login: string
  readonly name: string
  readonly email: string
  readonly scopes: readonly string[]
  /** Epoch milliseconds, or `Infinity`. */
  readonly expiresAt: number
}

/** The PATs of one server. */
export class PatStore {
  readonly #tokens = new Map<string, PatRecord>()

  /**
   * Mints a token for `options.login`.
   * @throws TypeError when the login, scopes or lifetime are malformed.
   */
  mint(options: MintPatOptions): string {
    const record = toRecord(options)
    let token = randomPat()
    while (this.#tokens.has(token)) token = randomPat()
    this.#tokens.set(token, record)
    return token
  }

  /** The record of a live token, or `undefined` (unknown, revoked or expired). */
  find(token: string): PatRecord | undefined {
    const record = this.#tokens.get(token)
    return record !== undefined && record.expiresAt > Date.now() ? record : undefined
  }

  revoke(token: string): boolean {
    return this.#tokens.delete(token)
  }
}

function toRecord(options: MintPatOptions): PatRecord {
  assertMintOptions(options)
  const account = describeAccount(options.login)
  return {
    login: options.login,
    name: options.name ?? account.name,
    email: options.email ?? account.email,
    scopes: [...new Set(options.scopes)],
    expiresAt: options.expiresIn === undefined ? Infinity : Date.now() + options.expiresIn * 1000,
  }
}

function assertMintOptions(options: MintPatOptions): void {
  const fail = (message: string): never => {
    throw new TypeError(`@auth/dev-server: mintPat: ${message}`)
  }
  const { login, scopes, name, email, expiresIn } = options
  if (!isValidLogin(login)) fail('"login" must be 1-64 characters of [A-Za-z0-9_.@+-]')
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && /^\S+$/.test(s))) {
    fail('"scopes" must be an array of scope strings (may be empty)')
  }
  if ((name !== undefined && typeof name !== 'string') || (email !== undefined && typeof email !== 'string')) {
    fail('"name" and "email" must be strings')
  }
  if (expiresIn !== undefined && !(Number.isFinite(expiresIn) && expiresIn > 0)) {
    fail('"expiresIn" must be a positive number of seconds')
  }
}

/** `dvp_` + 32 characters drawn uniformly from base62 (about 190 bits). */
function randomPat(): string {
  let body = ''
  for (let i = 0; i < PAT_BODY_LENGTH; i++) body += BASE62.charAt(randomInt(BASE62.length))
  return PAT_PREFIX + body
}
