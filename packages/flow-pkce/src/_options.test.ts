import { describe, expect, it } from 'vitest'
import { DEFAULT_PORTS, resolveOptions } from './_options.js'

const base = { issuer: 'https://auth.example.com', clientId: 'my-cli' }
const bad = (options: Record<string, unknown>, message: RegExp) =>
  expect(() => resolveOptions({ ...base, ...options } as never)).toThrowError(expect.objectContaining({ code: 'CONFIG_ERROR', exitCode: 2, message: expect.stringMatching(message) }))

describe('resolveOptions', () => {
  it('defaults: ports 8765-8769, 5 minutes, browser mode, stdin', () => {
    const settings = resolveOptions(base)
    expect(settings.ports).toEqual([8765, 8766, 8767, 8768, 8769])
    expect(settings.rangeLabel).toBe(`${DEFAULT_PORTS[0]}-${DEFAULT_PORTS[1]}`)
    expect(settings.timeoutMs).toBe(300_000)
    expect(settings.browser).toBe(true)
    expect(settings.scopes).toContain('openid')
    expect(settings.input()).toBe(process.stdin)
    expect(settings.name).toBeUndefined()
  })

  it('a fixed port wins over the range; resources and extra parameters are kept', () => {
    const settings = resolveOptions({ ...base, port: 9000, portRange: [1, 2], resource: ['https://a.example', 'urn:x:y'], authorizationParams: { prompt: 'consent', audience: 'api' } })
    expect(settings.ports).toEqual([9000])
    expect(settings.resources).toEqual(['https://a.example', 'urn:x:y'])
    expect(settings.authorizationParams).toEqual({ prompt: 'consent', audience: 'api' })
  })

  it.each([
    [{ issuer: 'http://auth.example.com' }, /"issuer" uses plain http:\/\//],
    [{ issuer: 'https://auth.example.com/?x=1' }, /"issuer" must not contain a query/],
    [{ clientId: '' }, /createPkceFlow: "clientId" must be a non-empty string/],
    [{ scopes: ['a b'] }, /"scopes" must be an array of scope names/],
    [{ resource: 'https://a.example/#frag' }, /"resource" must hold absolute URIs without a fragment/],
    [{ authorizationParams: { state: 'x' } }, /must not set "state"/],
    [{ authorizationParams: { code_challenge_method: 'plain' } }, /must not set "code_challenge_method"/],
    [{ portRange: [9005, 9000] }, /"portRange" must be \[first, last\]/],
    [{ port: 70000 }, /"port" must be a whole number/],
    [{ timeoutMs: 0 }, /"timeoutMs" must be a number of milliseconds/],
    [{ name: 'my cli' }, /"name" must be a command name/],
    [{ input: 'stdin' }, /"input" must be a readable stream/],
    [{ openBrowser: 'firefox' }, /"openBrowser" must be a function/],
    [{ signal: {} }, /"signal" must be an AbortSignal/],
  ])('%j is refused, naming the option', (options, message) => {
    bad(options, message)
  })

  it('messages name the package, never a CLI flag or variable', () => {
    try {
      resolveOptions({ ...base, clientId: '' })
    } catch (error) {
      const text = `${(error as Error).message} ${(error as { hint?: string }).hint ?? ''}`
      expect(text).toMatch(/^@auth\/flow-pkce: createPkceFlow:/)
      expect(text).not.toMatch(/authcli|AUTHCLI_|--/)
    }
  })
})
