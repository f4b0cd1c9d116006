import { badResponse } from '@auth/core/kit'

/** One server-sent event. */
export interface SseEvent {
  /** `message` when the server names none. */
  readonly event: string
  readonly data: string
  /** The last event id seen on this stream so far (`id:` of this event or an earlier one). */
  readonly id: string | undefined
  /** The reconnection delay the server asked for, in milliseconds. */
  readonly retry: number | undefined
}

/**
 * Parses a `text/event-stream` body as the HTML standard says (lines end in CRLF, LF or CR; `data`
 * lines joined by `\n`; a blank line dispatches; comments ignored), never holding more than
 * `maxBytes` of one event: a longer one stops the stream with an error.
 * @throws NetworkError `BAD_RESPONSE` (exit 5) when an event is larger than `maxBytes`.
 * @example `for await (const event of readSse(response.body, 1 << 20, where)) handle(JSON.parse(event.data))`
 * @see https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation
 */
export async function* readSse(body: ReadableStream<Uint8Array>, maxBytes: number, where: string): AsyncGenerator<SseEvent> {
  const decoder = new TextDecoder()
  let buffer = ''
  let data: string[] = []
  let dataSize = 0
  let event = ''
  let id: string | undefined
  let retry: number | undefined
  const tooLarge = () => badResponse(`a server-sent event is larger than ${maxBytes} bytes`, { operation: 'MCP stream', where })
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      buffer += done ? decoder.decode() : decoder.decode(value, { stream: true })
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer)
        // A lone CR at the end may be the first half of a CRLF: wait for the next chunk.
        if (!match || (match[0] === '\r' && match.index === buffer.length - 1 && !done)) break
        const line = buffer.slice(0, match.index)
        buffer = buffer.slice(match.index + match[0].length)
        if (line === '') {
          if (data.length > 0) yield { event: event || 'message', data: data.join('\n'), id, retry }
          data = []
          dataSize = 0
          event = ''
          continue
        }
        const colon = line.indexOf(':')
        if (colon === 0) continue
        const field = colon === -1 ? line : line.slice(0, colon)
        const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
        if (field === 'data') {
          dataSize += value.length + 1
          if (dataSize > maxBytes) throw tooLarge()
          data.push(value)
        } else if (field === 'event') event = value.slice(0, 100)
        else if (field === 'id' && !value.includes('\0')) id = value.slice(0, 1000)
        else if (field === 'retry' && /^\d{1,9}$/.test(value)) retry = Number(value)
      }
      if (buffer.length > maxBytes) throw tooLarge()
      if (done) return
    }
  } finally {
    await reader.cancel().catch(() => {})
  }
}
