import { describe, expect, it } from 'vitest'
import { findTomlLine, readDottedKey } from './toml-line.js'

describe('readDottedKey', () => {
  it.each([
    ['a = 1', ['a'], '= 1'],
    ['a.b.c=1', ['a', 'b', 'c'], '=1'],
    ['"q.r" . s = 1', ['q.r', 's'], '= 1'],
    ["'lit.x'.y = 1", ['lit.x', 'y'], '= 1'],
    ['"esc\\"aped" = 1', ['esc"aped'], '= 1'],
    ['profiles."eu.prod"]', ['profiles', 'eu.prod'], ']'],
  ])('reads %j', (text, parts, rest) => {
    expect(readDottedKey(text)).toEqual({ parts, rest })
  })

  it.each(['', '= 1', '"unterminated = 1', 'a. = 1', '.a = 1', '# comment'])('gives up on %j', (text) => {
    expect(readDottedKey(text)).toBeUndefined()
  })
})

describe('findTomlLine', () => {
  const text = '# comment\nactive_profile = "x"\n\n[profiles.a]\nhost = "h"\n[profiles."b.c"]\nflow = "x"\n[[arr]]\nk = 1\n'

  it('finds keys and tables', () => {
    expect(findTomlLine(text, ['active_profile'])).toBe(2)
    expect(findTomlLine(text, ['profiles', 'a'])).toBe(4)
    expect(findTomlLine(text, ['profiles', 'a', 'host'])).toBe(5)
    expect(findTomlLine(text, ['profiles', 'b.c', 'flow'])).toBe(7)
    expect(findTomlLine(text, ['arr', 'k'])).toBe(9)
  })

  it('returns undefined when unsure', () => {
    expect(findTomlLine(text, ['nope'])).toBeUndefined()
    expect(findTomlLine(text, [])).toBeUndefined()
    expect(findTomlLine('[broken\nx = 1', ['broken', 'x'])).toBeUndefined()
    expect(findTomlLine('\u0000\u0001', ['a'])).toBeUndefined()
  })
})
