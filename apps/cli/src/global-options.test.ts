import { describe, expect, it } from 'vitest'
import { parseGlobalOptions, scanOutputFlags } from './global-options.js'

describe('parseGlobalOptions', () => {
  it('defaults the booleans', () => {
    expect(parseGlobalOptions({ color: true })).toEqual({ json: false, debug: false, color: true })
  })

  it('keeps the values', () => {
    expect(parseGlobalOptions({ host: 'https://h', profile: ' work ', config: 'c.toml', json: true, debug: true, color: false })).toEqual({
      host: 'https://h',
      profile: 'work',
      config: 'c.toml',
      json: true,
      debug: true,
      color: false,
    })
  })

  it.each(['host', 'profile', 'config'])('rejects an empty --%s as a usage error', (name) => {
    expect(() => parseGlobalOptions({ [name]: ' ' })).toThrowError(expect.objectContaining({ code: 'USAGE_ERROR', exitCode: 2, message: `--${name} needs a non-empty value` }))
  })
})

describe('scanOutputFlags', () => {
  it('finds the output flags anywhere before --', () => {
    expect(scanOutputFlags(['nope', '--json', '--debug', '--no-color'])).toEqual({ json: true, debug: true, color: false })
    expect(scanOutputFlags(['x', '--', '--json'])).toEqual({ json: false, debug: false, color: true })
  })
})
