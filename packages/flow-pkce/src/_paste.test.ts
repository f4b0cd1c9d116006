import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { parsePasted, readPasted } from './_paste.js'

describe('parsePasted', () => {
  it('a whole redirect URL, quoted or not', () => {
    expect(parsePasted('http://127.0.0.1:8765/callback?code=abc&state=s1')?.params.get('code')).toBe('abc')
    expect(parsePasted('"http://127.0.0.1:8765/callback?code=abc&state=s1"')?.bare).toBe(false)
    expect(parsePasted('<http://127.0.0.1:8765/callback?error=access_denied&state=s1>')?.params.get('error')).toBe('access_denied')
  })

  it('only the query, or only the code', () => {
    expect(parsePasted('?code=abc&state=s1')?.params.get('state')).toBe('s1')
    expect(parsePasted('code=abc&state=s1')?.bare).toBe(false)
    expect(parsePasted('SplxlOBeZQQYbYS6WxSbIA')).toEqual({ params: new URLSearchParams({ code: 'SplxlOBeZQQYbYS6WxSbIA' }), bare: true })
  })

  it('anything else is nothing', () => {
    expect(parsePasted('hello world')).toBeUndefined()
    expect(parsePasted('x'.repeat(3000))).toBeUndefined()
  })
})

describe('readPasted', () => {
  it('hands lines to take until it accepts one; the stream is paused, not destroyed', async () => {
    const input = new PassThrough()
    const seen: string[] = []
    const done = readPasted({ input }, 'Paste: ', (line) => (seen.push(line), line === 'yes'), new AbortController().signal)
    input.write('no\r\n\n  ')
    input.write('yes  \nafter\n')
    expect(await done).toBe(true)
    expect(seen).toEqual(['no', 'yes'])
    expect(input.destroyed).toBe(false)
  })

  it('the last line without a newline counts at the end; an abort ends the read', async () => {
    const input = new PassThrough()
    input.end('last')
    expect(await readPasted({ input }, '', (line) => line === 'last', new AbortController().signal)).toBe(true)
    const controller = new AbortController()
    const open = readPasted({ input: new PassThrough() }, '', () => true, controller.signal)
    controller.abort()
    expect(await open).toBe(false)
  })

  it('an async iterable that is not a Node stream works too', async () => {
    async function* lines() {
      yield 'a\nb'
      yield '\n'
    }
    expect(await readPasted({ input: lines() }, '', (line) => line === 'b', new AbortController().signal)).toBe(true)
  })
})
