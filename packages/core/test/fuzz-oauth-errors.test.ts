// Fuzzing toAuthError, the one mapping of what an OAuth call throws: errors shaped like
// openid-client's and oauth4webapi's with hostile fields (error, error_description, status,
// WWW-Authenticate parameters, causes) map to a documented AuthError with a terminal-safe message.
import { toAuthError } from '@auth/core'
import { sanitizeText } from '@auth/core/kit'
import { describe, expect, it } from 'vitest'
import { assertDocumentedAuthError, fc, fuzzParams, hostileJsonValue, hostileNumber, nastyString } from '@auth/testing/fuzz'

const field = fc.oneof(nastyString(60), hostileJsonValue, hostileNumber)
const oauthShaped = fc.record(
  {
    name: fc.constantFrom(
      'ResponseBodyError',
      'AuthorizationResponseError',
      'WWWAuthenticateChallengeError',
      'ClientError',
      'OperationProcessingError',
      'TypeError',
      'Error',
      'AbortError',
      'TimeoutError',
    ),
    code: fc.oneof(
      fc.constantFrom(
        'OAUTH_RESPONSE_BODY_ERROR',
        'OAUTH_WWW_AUTHENTICATE_CHALLENGE',
        'OAUTH_AUTHORIZATION_RESPONSE_ERROR',
        'OAUTH_INVALID_RESPONSE',
        'OAUTH_TIMEOUT',
        'OAUTH_ABORT',
        'OAUTH_HTTP_REQUEST_FORBIDDEN',
        'ERR_JWT_EXPIRED',
        'ECONNREFUSED',
      ),
      field,
    ),
    message: field,
    error: field,
    error_description: field,
    status: fc.oneof(fc.integer({ min: 100, max: 599 }), field),
    cause: fc.oneof(
      field,
      fc.array(fc.record({ scheme: fc.constant('bearer'), parameters: fc.dictionary(fc.constantFrom('error', 'error_description', 'realm'), field) }), { maxLength: 2 }),
      fc.record({ status: fc.oneof(fc.integer({ min: 100, max: 599 }), field), code: field, message: field }),
    ),
  },
  { requiredKeys: ['name'] },
)

describe('fuzz: toAuthError', () => {
  it('sanitizeText never throws, whatever it is given (a null-prototype object, a throwing toString)', () => {
    const hostile = [
      Object.create(null),
      {
        toString: () => {
          throw new Error('boom')
        },
      },
      Symbol('s'),
      [Object.create(null)],
    ]
    for (const value of hostile) expect(typeof sanitizeText(value)).toBe('string')
    fc.assert(
      fc.property(hostileJsonValue, (v) => typeof sanitizeText(v) === 'string'),
      fuzzParams(200),
    )
  })

  it("any error shaped like the OAuth libraries' maps to a documented AuthError with a terminal-safe message", () => {
    fc.assert(
      fc.property(oauthShaped, nastyString(20), nastyString(40), (fields, operation, host) => {
        const error = Object.assign(fields.name === 'TypeError' ? new TypeError('x') : new Error('x'), fields)
        const mapped = toAuthError(error, { operation, host })
        if (mapped.code === 'INTERNAL_ERROR') return // an error the mapping does not know is a bug by design; its message is still checked
        assertDocumentedAuthError(mapped)
      }),
      fuzzParams(500),
    )
  })

  it('an invalid URL from a discovered document is BAD_RESPONSE, not INTERNAL_ERROR (found by the fuzzer)', () => {
    let thrown: unknown
    try {
      new URL('x')
    } catch (error) {
      thrown = error
    }
    const mapped = toAuthError(thrown, { operation: 'discovery', host: 'http://127.0.0.1:9' })
    expect(mapped.code).toBe('BAD_RESPONSE')
    expect(mapped.exitCode).toBe(5)
    expect(mapped.message).toBe("discovery failed: unexpected response from http://127.0.0.1:9: a URL in the server's answer is not valid")
  })
})
