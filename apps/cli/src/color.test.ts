import { describe, expect, it } from 'vitest'
import { createColors, shouldUseColor } from './color.js'

describe('shouldUseColor', () => {
  it.each([
    { isTTY: true, env: {}, color: true, want: true },
    { isTTY: false, env: {}, color: true, want: false },
    { isTTY: undefined, env: {}, color: true, want: false },
    { isTTY: true, env: {}, color: false, want: false },
    { isTTY: true, env: { NO_COLOR: '1' }, color: true, want: false },
    { isTTY: true, env: { NO_COLOR: 'false' }, color: true, want: false },
    { isTTY: true, env: { NO_COLOR: '' }, color: true, want: true },
    { isTTY: true, env: { TERM: 'dumb' }, color: true, want: false },
    { isTTY: false, env: { FORCE_COLOR: '1' }, color: true, want: false },
  ])('isTTY=$isTTY env=$env color=$color -> $want', ({ isTTY, env, color, want }) => {
    expect(shouldUseColor({ isTTY, env, color })).toBe(want)
  })
})

describe('createColors', () => {
  it('wraps text in SGR codes when enabled', () => {
    const c = createColors(true)
    expect(c.enabled).toBe(true)
    expect(c.red('x')).toBe('\x1b[31mx\x1b[39m')
    expect(c.bold('x')).toBe('\x1b[1mx\x1b[22m')
    expect(c.green(c.dim('x'))).toBe('\x1b[32m\x1b[2mx\x1b[22m\x1b[39m')
  })

  it('returns text unchanged when disabled', () => {
    const c = createColors(false)
    for (const style of [c.bold, c.dim, c.red, c.green, c.yellow, c.cyan]) expect(style('x')).toBe('x')
  })
})
