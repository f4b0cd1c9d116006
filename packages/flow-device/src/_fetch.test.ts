import type { Logger } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { boundFetch } from './_fetch.js'

describe('boundFetch', () => {
  it("aborts the request with either the library's signal or the login's, and logs the status", async () => {
    const signals: Array<AbortSignal | null | undefined> = []
    const base = (async (_url: string, init: RequestInit) => {
      signals.push(init.signal)
      return new Response('{}', { status: 201 })
    }) as unknown as typeof fetch
    const lines: string[] = []
    const logger: Logger = { debug: (l) => lines.push(l), info: () => {}, warn: () => {}, error: () => {} }
    const login = new AbortController()
    const library = new AbortController()
    const bound = boundFetch(base, login.signal, logger)
    await bound('https://example.com/token', { method: 'POST', body: 'a=b', headers: {}, redirect: 'manual', signal: library.signal } as never)
    expect(lines).toEqual(['POST https://example.com/token -> 201'])
    const merged = signals[0] as AbortSignal
    expect(merged.aborted).toBe(false)
    login.abort()
    expect(merged.aborted).toBe(true)
    await boundFetch(base, undefined, undefined)('https://example.com/x', { method: 'GET', headers: {}, redirect: 'manual', body: undefined } as never)
    expect(signals[1]).toBeUndefined()
  })
})
