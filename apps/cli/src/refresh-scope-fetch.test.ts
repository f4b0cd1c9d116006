import { describe, expect, it } from 'vitest'
import { withRefreshScope } from './refresh-scope-fetch.js'

/** A fetch that records what it was given (the wrapper's only job is to change the request). */
function recorder() {
  const calls: { input: unknown; init: RequestInit | undefined }[] = []
  const fetch = (async (input: unknown, init?: RequestInit) => {
    calls.push({ input, init })
    return new Response('{}')
  }) as typeof globalThis.fetch
  return { calls, fetch }
}

describe('withRefreshScope', () => {
  it('adds scope to a refresh-token grant, leaving the original body alone', async () => {
    const { calls, fetch } = recorder()
    const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'rt-123', client_id: 'authcli' })
    await withRefreshScope(fetch, ['openid', 'api:read'])('https://h/token', { method: 'POST', body, headers: { a: 'b' } })
    const sent = calls[0]?.init?.body as URLSearchParams
    expect(Object.fromEntries(sent)).toEqual({ grant_type: 'refresh_token', refresh_token: 'rt-123', client_id: 'authcli', scope: 'openid api:read' })
    expect(calls[0]?.init?.headers).toEqual({ a: 'b' })
    expect(body.has('scope')).toBe(false)
  })

  it.each([
    ['another grant', { method: 'POST', body: new URLSearchParams({ grant_type: 'client_credentials' }) }],
    ['a refresh that already has a scope', { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', scope: 'x' }) }],
    ['a GET', { method: 'GET' }],
    ['a string body', { method: 'POST', body: 'grant_type=refresh_token' }],
    ['no init', undefined],
  ])('passes %s through unchanged', async (_what, init) => {
    const { calls, fetch } = recorder()
    await withRefreshScope(fetch, ['openid'])('https://h/token', init as RequestInit | undefined)
    expect(calls[0]?.init).toBe(init)
  })
})
