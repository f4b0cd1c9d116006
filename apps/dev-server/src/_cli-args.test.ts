import { describe, expect, test } from 'vitest'
import { parseCliArgs } from './_cli-args.js'

describe('parseCliArgs', () => {
  test('defaults to an ephemeral port', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'start', options: { port: 0 } })
  })

  test('--port wins over PORT', () => {
    expect(parseCliArgs(['--port', '9000'], { PORT: '8000' })).toEqual({ kind: 'start', options: { port: 9000 } })
    expect(parseCliArgs([], { PORT: '8000' })).toEqual({ kind: 'start', options: { port: 8000 } })
  })

  test('lifetimes, interval and secret', () => {
    const command = parseCliArgs(['--access-token-ttl', '60', '--device-interval', '1', '--client-secret', 's3cret-value'])
    expect(command).toEqual({
      kind: 'start',
      options: { port: 0, accessTokenTtl: 60, deviceInterval: 1, clientSecret: 's3cret-value' },
    })
  })

  test('--mcp with its port and a hostile mode', () => {
    expect(parseCliArgs(['--mcp'])).toEqual({ kind: 'start', options: { port: 0 }, mcp: { port: 0 } })
    const command = parseCliArgs(['--mcp', '--mcp-port', '7000', '--mcp-hostile', 'wrong-iss', '--refreshed-access-token-ttl', '600'])
    expect(command).toEqual({ kind: 'start', options: { port: 0, refreshedAccessTokenTtl: 600 }, mcp: { port: 7000, hostile: 'wrong-iss' } })
    expect(() => parseCliArgs(['--mcp', '--mcp-hostile', 'rm -rf'])).toThrow(/--mcp-hostile must be one of/)
    expect(() => parseCliArgs(['--mcp-port', '7000'])).toThrow(/need --mcp/)
    expect(parseCliArgs(['--mcp', '--cross-app-access'])).toEqual({ kind: 'start', options: { port: 0, crossAppAccess: true }, mcp: { port: 0 } })
  })

  test('help, unknown flags and bad numbers', () => {
    expect(parseCliArgs(['-h'])).toEqual({ kind: 'help' })
    expect(() => parseCliArgs(['--bogus'])).toThrow(/bogus/)
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port must be a number/)
    expect(() => parseCliArgs(['--port', ''])).toThrow(/--port/)
  })
})
