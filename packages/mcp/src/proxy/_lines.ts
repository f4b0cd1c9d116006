/** One item of {@link readLines}: a whole line, or the news that one was longer than the cap. */
export type LineItem = { readonly line: string } | { readonly tooLong: number }

/**
 * Splits a byte stream into newline-delimited lines (a trailing `\r` dropped, blank lines skipped),
 * each at most `maxBytes`: a longer line is never buffered whole; its bytes are skipped up to the
 * next newline and reported once as `{ tooLong: bytes }`. A last line without a newline counts.
 * @example `for await (const item of readLines(process.stdin, 1 << 20)) if ('line' in item) use(item.line)`
 */
export async function* readLines(input: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>, maxBytes: number): AsyncGenerator<LineItem> {
  let parts: Uint8Array[] = []
  let size = 0
  let skipping = false
  const decoder = new TextDecoder('utf-8', { fatal: false })
  const take = (): LineItem | undefined => {
    const bytes = Buffer.concat(parts, size)
    parts = []
    size = 0
    const line = decoder.decode(bytes).replace(/\r$/, '')
    return line.trim() === '' ? undefined : { line }
  }
  for await (const chunk of input) {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk
    while (bytes.byteLength > 0) {
      const newline = bytes.indexOf(0x0a)
      const end = newline === -1 ? bytes.byteLength : newline
      if (!skipping) {
        if (size + end > maxBytes) {
          skipping = true
          size += end
          parts = []
        } else {
          parts.push(bytes.subarray(0, end))
          size += end
        }
      } else size += end
      if (newline === -1) break
      bytes = bytes.subarray(newline + 1)
      if (skipping) {
        yield { tooLong: size }
        skipping = false
        size = 0
        continue
      }
      const item = take()
      if (item) yield item
    }
  }
  if (skipping) yield { tooLong: size }
  else if (size > 0) {
    const item = take()
    if (item) yield item
  }
}
