import { describe, expect, it } from 'vitest'
import { readSse } from './_sse.js'

function body(chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk))
      controller.close()
    },
  })
}

async function collect(chunks: string[], max = 1024) {
  const events = []
  for await (const event of readSse(body(chunks), max, 'https://mcp.example.com/mcp')) events.push(event)
  return events
}

describe('readSse', () => {
  it('parses events split anywhere, with CRLF, CR or LF line ends, comments, ids and retry', async () => {
    const events = await collect([': keep-alive\r\nid: 7\r', '\nretry: 250\ndata: {"a"', '\ndata: :1}\n\nevent: other\rdata: x\r\r', 'data: no end'])
    expect(events).toEqual([
      { event: 'message', data: '{"a"\n:1}', id: '7', retry: 250 },
      { event: 'other', data: 'x', id: '7', retry: 250 },
    ])
  })

  it('ignores an event without data and an id with NUL', async () => {
    expect(await collect(['id: 1\n\nid: a\u0000b\ndata: y\n\n'])).toEqual([{ event: 'message', data: 'y', id: '1', retry: undefined }])
  })

  it('stops with BAD_RESPONSE on an event larger than the cap, even without a line end', async () => {
    await expect(collect([`data: ${'x'.repeat(2000)}\n\n`])).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
    await expect(collect(['data: ', 'x'.repeat(2000)])).rejects.toMatchObject({ code: 'BAD_RESPONSE' })
  })
})
