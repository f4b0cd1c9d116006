import { AuthenticationError, CancelledError, createTerminalPrompter, ErrorCode, ExitCode, type LoginContext, type LoginStdin } from '@auth/core'
import type { Settings } from './options.js'

/** More than this on stdin is a file piped by mistake, not a token (read no further). */
export const MAX_STDIN_BYTES = 64 * 1024

/** The raw token of one login and where it came from (named in messages, never the token). Internal. */
export interface TokenInput {
  raw: string
  source: string
  /** The token came as a command-line argument: `login` warns ({@link ARGV_TOKEN_WARNING}). */
  fromArgv: boolean
}

/**
 * Reads the token when `login` runs, in this order: `ctx.input.token` (the product passed it
 * for this login), else the whole of `ctx.stdin` when it is piped (not a terminal), else a
 * hidden prompt when `ctx.interactive` (`ctx.prompter`, else core's `createTerminalPrompter` on a
 * terminal `ctx.stdin`: nothing typed is echoed), else an error. `ctx.input.source`
 * names where it came from; a source that is a command-line option (it starts with `-`, as
 * `--token`) marks a token passed as an argument. Internal.
 * @throws AuthenticationError `LOGIN_REQUIRED` (exit 4) when there is no token and nobody to ask.
 * @throws AuthenticationError `INVALID_TOKEN` (exit 4) when stdin holds more than {@link MAX_STDIN_BYTES}.
 * @throws CancelledError `CANCELLED` (exit 130) when `ctx.signal` aborts.
 */
export async function readToken(settings: Settings, ctx: LoginContext): Promise<TokenInput> {
  const signal = ctx.signal
  if (signal?.aborted) throw new CancelledError('login cancelled')
  const given = typeof ctx.input?.source === 'string' && ctx.input.source.trim() !== '' ? ctx.input.source.trim() : undefined
  const from = (source: string) => ({ source: given ?? source, fromArgv: given?.startsWith('-') === true })
  if (ctx.input?.token !== undefined) return { raw: ctx.input.token, ...from('the login input') }
  if (ctx.stdin !== undefined && ctx.stdin.isTTY !== true) return { raw: await readAll(ctx.stdin, given ?? 'stdin', signal), ...from('stdin') }
  if (ctx.interactive === true && (ctx.prompter !== undefined || ctx.stdin?.isTTY === true)) {
    // Without the product's prompter, core's terminal prompter: the pasted token is never echoed.
    const prompter = ctx.prompter ?? createTerminalPrompter({ input: ctx.stdin as LoginStdin })
    const raw = await prompter.text(`Paste the token for ${settings.host}:`, { secret: true, ...(signal && { signal }) })
    if (signal?.aborted) throw new CancelledError('login cancelled')
    return { raw, ...from('the prompt') }
  }
  const name = settings.name
  throw new AuthenticationError(`no token to log in to ${settings.host} with: none was given, standard input is not piped, and nobody is at a terminal to ask`, {
    code: ErrorCode.LOGIN_REQUIRED,
    exitCode: ExitCode.AUTH,
    hint:
      name === undefined
        ? 'pipe the token on standard input, or log in at a terminal to be asked for it'
        : `pipe the token on ${name}'s standard input, or run ${name} at a terminal to be asked for it`,
  })
}

/** The whole of a piped stdin (up to {@link MAX_STDIN_BYTES}), stopping at once on abort. */
async function readAll(stdin: LoginStdin, source: string, signal: AbortSignal | undefined): Promise<string> {
  const iterator = stdin[Symbol.asyncIterator]()
  let onAbort = (): void => {}
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new CancelledError('login cancelled while reading standard input'))
    signal?.addEventListener('abort', onAbort, { once: true })
  })
  aborted.catch(() => {})
  const decoder = new TextDecoder()
  let text = ''
  let bytes = 0
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), aborted])
      if (next.done) return text + decoder.decode()
      const chunk = typeof next.value === 'string' ? new TextEncoder().encode(next.value) : next.value
      bytes += chunk.byteLength
      if (bytes > MAX_STDIN_BYTES) {
        throw new AuthenticationError(`the token from ${source} is longer than ${MAX_STDIN_BYTES} bytes, which is not a token`, {
          code: ErrorCode.INVALID_TOKEN,
          hint: 'pipe the token alone, not a file',
        })
      }
      text += decoder.decode(chunk, { stream: true })
    }
  } finally {
    signal?.removeEventListener('abort', onAbort)
    void iterator.return?.()
  }
}
