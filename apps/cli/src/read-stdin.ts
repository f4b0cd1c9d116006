import { CancelledError, ConfigError, ErrorCode } from '@auth/core'
import type { InputStream } from './context.js'

/** Options of {@link readStdin}. */
export interface ReadStdinOptions {
  /** Named in messages: `--token-stdin`, `--with-token`. */
  flag: string
  /** Aborts the read (Ctrl-C). */
  signal?: AbortSignal
  /** Refuse more than this many bytes (a token is not a file dump). Default 64 KiB. */
  maxBytes?: number
  /** Where a TTY prompt goes (stderr). Without it nothing is printed. */
  prompt?: (text: string) => void
}

const DEFAULT_MAX_BYTES = 64 * 1024

/**
 * Reads what the user pipes in: the whole of stdin up to EOF, or on a terminal one line after
 * a prompt. Secrets stay out of argv and shell history this way.
 * @throws ConfigError `USAGE_ERROR` (exit 2) when there is no stdin or it holds more than `maxBytes`.
 * @throws CancelledError `CANCELLED` (exit 130) when `signal` aborts.
 * @example `const token = await readStdin(ctx.stdin, { flag: '--token-stdin', signal: ctx.signal })`
 */
export async function readStdin(stream: InputStream | undefined, options: ReadStdinOptions): Promise<string> {
  if (!stream) throw new ConfigError(`${options.flag}: there is no standard input to read`, { code: ErrorCode.USAGE_ERROR })
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES
  if (stream.isTTY) options.prompt?.('Paste the token and press Enter: ')
  stream.setEncoding?.('utf8')
  let text = ''
  for await (const chunk of abortable(stream, options.signal)) {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    if (Buffer.byteLength(text) > max) {
      throw new ConfigError(`${options.flag}: standard input holds more than ${max} bytes, which is not a token`, {
        code: ErrorCode.USAGE_ERROR,
        hint: 'pipe the token alone: authcli auth login --token-stdin < token.txt',
      })
    }
    if (stream.isTTY && text.includes('\n')) break
  }
  if (stream.isTTY) stream.pause?.()
  return stream.isTTY ? (text.split(/\r?\n/)[0] ?? '') : text
}

async function* abortable<T>(source: AsyncIterable<T>, signal: AbortSignal | undefined): AsyncGenerator<T> {
  if (!signal) return yield* source
  const iterator = source[Symbol.asyncIterator]()
  let onAbort: (() => void) | undefined
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new CancelledError('interrupted while reading standard input'))
    if (signal.aborted) onAbort()
    else signal.addEventListener('abort', onAbort, { once: true })
  })
  aborted.catch(() => {})
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted])
      if (next.done) return
      yield next.value
    }
  } finally {
    if (onAbort) signal.removeEventListener('abort', onAbort)
    await iterator.return?.()
  }
}
