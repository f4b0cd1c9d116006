import { describe, expect, it } from 'vitest'
import { readLines } from './_lines.js'

async function collect(chunks: (string | Uint8Array)[], max = 16) {
  const items = []
  for await (const item of readLines(chunks, max)) items.push(item)
  return items
}

describe('readLines', () => {
  it('splits on newlines across chunks, drops a trailing CR and blank lines, keeps a last line without newline', async () => {
    expect(await collect(['{"a"', ':1}\r\n\n  \n{"b":2}\n{"c"', ':3}'])).toEqual([{ line: '{"a":1}' }, { line: '{"b":2}' }, { line: '{"c":3}' }])
  })

  it('decodes UTF-8 split inside a character', async () => {
    const bytes = Buffer.from('"é€"\n', 'utf8')
    expect(await collect([bytes.subarray(0, 2), bytes.subarray(2, 4), bytes.subarray(4)])).toEqual([{ line: '"é€"' }])
  })

  it('reports a line over the cap once, with its size, and goes on with the next line', async () => {
    expect(await collect(['0123456789', '0123456789', '01\n', 'ok\n'])).toEqual([{ tooLong: 22 }, { line: 'ok' }])
    expect(await collect(['x'.repeat(40)])).toEqual([{ tooLong: 40 }])
    expect(await collect(['x'.repeat(16), '\n'])).toEqual([{ line: 'x'.repeat(16) }])
  })
})
