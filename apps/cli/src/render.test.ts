import { describe, expect, it } from 'vitest'
import { formatJson, formatTable } from './render.js'

describe('formatTable', () => {
  it('aligns columns with two spaces and no trailing blanks', () => {
    expect(
      formatTable([
        ['a', 'bb', 'c'],
        ['ccc', 'd', ''],
      ]),
    ).toBe('a    bb  c\nccc  d\n')
  })

  it('puts the header first and styles cells after padding', () => {
    const text = formatTable([['x', 'long value']], {
      header: ['NAME', 'V'],
      styleHeader: (t) => `<${t}>`,
      style: (t, row, column) => (row === 0 && column === 0 ? `[${t}]` : t),
    })
    expect(text).toBe('<NAME>  <V>\n[x   ]  long value\n')
  })

  it('is empty without rows or header', () => {
    expect(formatTable([])).toBe('')
  })
})

describe('formatJson', () => {
  it('is one line with a newline', () => {
    expect(formatJson({ a: [1, 'b'], c: null })).toBe('{"a":[1,"b"],"c":null}\n')
  })
})
