import { AuthError, ErrorCode, NetworkError, toAuthError } from '@auth/core'
import { ResponseBodyError } from 'openid-client'
import { describe, expect, it } from 'vitest'
import { flowHints } from '@auth/oidc'
import { classifyPollError } from './_token-request.js'

const hints = flowHints('mycli', 'auth login --device', 'the device flow')

/** An error as openid-client throws it for an OAuth error body, and its core mapping. */
function oauth(body: Record<string, unknown>, status = 400): [AuthError, unknown] {
  const raw = new ResponseBodyError('server responded with an error in the response body', { cause: body as never, response: new Response(null, { status }) })
  return [toAuthError(raw), raw]
}

const classify = ([mapped, raw]: [AuthError, unknown]) => classifyPollError(mapped, raw, hints)
const thrown = (f: () => unknown): AuthError => {
  try {
    f()
  } catch (error) {
    if (AuthError.isInstance(error)) return error
  }
  throw new Error('expected an AuthError')
}

describe('classifyPollError', () => {
  it('continues on authorization_pending', () => {
    expect(classify(oauth({ error: 'authorization_pending' }))).toEqual({ status: 'pending' })
  })

  it('slows down on slow_down, taking a sane interval from the body', () => {
    expect(classify(oauth({ error: 'slow_down' }))).toEqual({ status: 'slow_down' })
    expect(classify(oauth({ error: 'slow_down', interval: 10 }))).toEqual({ status: 'slow_down', intervalMs: 10_000 })
    for (const interval of ['10', 0, -1, 1e9, Number.NaN, null]) {
      expect(classify(oauth({ error: 'slow_down', interval }))).toEqual({ status: 'slow_down' })
    }
  })

  it('access_denied is ACCESS_DENIED, exit 4, with a hint naming the CLI', () => {
    const error = thrown(() => classify(oauth({ error: 'access_denied', error_description: 'no' })))
    expect(error).toMatchObject({ name: 'AuthenticationError', code: ErrorCode.ACCESS_DENIED, exitCode: 4, message: 'the authorization was denied' })
    expect(error.hint).toBe('run `mycli auth login --device` again and approve the request')
  })

  it('expired_token is DEVICE_CODE_EXPIRED, exit 4', () => {
    const error = thrown(() => classify(oauth({ error: 'expired_token' })))
    expect(error).toMatchObject({ name: 'AuthenticationError', code: ErrorCode.DEVICE_CODE_EXPIRED, exitCode: 4, hint: 'run `mycli auth login --device` again' })
  })

  it('retries network failures, timeouts, 5xx and 429', () => {
    const down = new NetworkError('down')
    expect(classifyPollError(down, down, hints)).toEqual({ status: 'retry', error: down })
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })
    expect(classifyPollError(toAuthError(refused), refused, hints).status).toBe('retry')
    const timeout = new DOMException('timed out', 'TimeoutError')
    expect(classifyPollError(toAuthError(timeout), timeout, hints).status).toBe('retry')
    expect(classify(oauth({ error: 'server_error' }, 500)).status).toBe('retry')
    expect(classify(oauth({ error: 'temporarily_unavailable' }, 503)).status).toBe('retry')
    expect(classify(oauth({ error: 'too_many' }, 429)).status).toBe('retry')
  })

  it('throws any other error as mapped', () => {
    const [mapped, raw] = oauth({ error: 'invalid_grant' })
    expect(thrown(() => classifyPollError(mapped, raw, hints))).toBe(mapped)
    const [client] = oauth({ error: 'invalid_client' }, 401)
    expect(thrown(() => classifyPollError(client, null, hints)).code).toBe(ErrorCode.INVALID_CLIENT)
  })

  it('survives odd raw errors', () => {
    const mapped = new AuthError('odd')
    for (const raw of [undefined, null, 'text', 42, { status: '500' }, { cause: 'x' }, { cause: null }]) {
      expect(thrown(() => classifyPollError(mapped, raw, hints))).toBe(mapped)
    }
  })
})
