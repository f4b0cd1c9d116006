import { type AuthError, AuthenticationError, ErrorCode, ExitCode, NetworkError } from '@auth/core'
import { isRecord, readJsonResponse, sanitizeText } from '@auth/core/kit'
import { badResponse } from './bad-response.js'
import { challengeParam } from './challenge.js'
import { notJson } from './discover-userinfo.js'

type Body = Record<string, unknown>

/**
 * The error for a profile request that did not answer 2xx: 401 `INVALID_TOKEN` and 403
 * `INSUFFICIENT_SCOPE` (exit 4), a 5xx, 429 or rate limit `NETWORK_ERROR` (exit 5), anything
 * else `BAD_RESPONSE` (exit 5). Server text is cleaned and never carries the token. Internal.
 */
export async function refusal(response: Response, url: URL, token: string, operation: string): Promise<AuthError> {
  const where = `${url.origin}${url.pathname}`
  const read = await readJsonResponse(response, { operation, where }).catch(notJson)
  const body: Body = isRecord(read) ? read : {}
  const challenge = response.headers.get('www-authenticate')
  const { status } = response
  if (status === 401) return invalidToken(where, describe(body, challenge, token))
  if (status === 403 && response.headers.get('x-ratelimit-remaining') !== '0') return insufficientScope(where, response.headers, body, challenge)
  if (status >= 500 || status === 429 || status === 403) {
    return new NetworkError(`${where} answered HTTP ${status}${suffix(describe(body, challenge, token))}`, {
      code: ErrorCode.NETWORK_ERROR,
      exitCode: ExitCode.NETWORK,
      hint: 'the server is unavailable or rate-limited; try again later',
    })
  }
  if (status >= 300 && status < 400) return badResponse(where, `HTTP ${status} redirect (the token is not sent to another URL)`)
  return badResponse(where, `HTTP ${status}${suffix(describe(body, challenge, token))}`)
}

function invalidToken(where: string, description: string | undefined): AuthenticationError {
  return new AuthenticationError(`invalid token: ${where} refused it (HTTP 401${suffix(description)})`, {
    code: ErrorCode.INVALID_TOKEN,
    hint: 'the token is mistyped, expired or revoked; create a new one and log in again',
  })
}

function insufficientScope(where: string, headers: Headers, body: Body, challenge: string | null): AuthenticationError {
  const has = headers.get('x-oauth-scopes') ?? listText(body['scopes'])
  const accepted = headers.get('x-accepted-oauth-scopes') ?? listText(body['accepted_scopes']) ?? challengeParam(challenge, 'scope')
  const hasText = has === undefined ? '' : `; the token has ${scopeList(has) || 'no scopes'}`
  const acceptedText = accepted === undefined ? '' : `; accepted: ${scopeList(accepted)}`
  return new AuthenticationError(`the token lacks the scopes ${where} requires (HTTP 403${hasText}${acceptedText})`, {
    code: ErrorCode.INSUFFICIENT_SCOPE,
    hint: `create a token with ${accepted ? `one of: ${scopeList(accepted)}` : 'the scopes this API needs'}; a token created without scopes is refused everywhere`,
  })
}

/** The server's own words: the challenge's or body's `error_description`, or GitHub's `message`. */
function describe(body: Body, challenge: string | null, token: string): string | undefined {
  const text = [challengeParam(challenge, 'error_description'), body['error_description'], body['message']].find((t) => typeof t === 'string' && t.trim() !== '')
  return text === undefined ? undefined : sanitizeText(String(text).split(token).join('***'), 200)
}

function listText(value: unknown): string | undefined {
  return Array.isArray(value) && value.every((s) => typeof s === 'string') ? value.join(' ') : undefined
}

function scopeList(text: string): string {
  return sanitizeText(
    text
      .split(/[\s,]+/)
      .filter((s) => s !== '')
      .join(', '),
    300,
  )
}

function suffix(description: string | undefined): string {
  return description ? `: ${description}` : ''
}
