import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { CancelledError } from '../errors/classes.js'
import type { Prompter } from '../model/types.js'

/** Where {@link createTerminalPrompter} asks: a readable terminal and the stream the question goes to. */
export interface TerminalPrompterOptions {
  /** Read from; default `process.stdin`. Only meaningful when it is a terminal. */
  input?: NodeJS.ReadableStream | AsyncIterable<string | Uint8Array>
  /** The question goes here (never stdout, which scripts read); default `process.stderr`. */
  output?: { write(text: string): unknown }
}

/**
 * A {@link Prompter} at the terminal, for every product: the question on stderr, one line read
 * from stdin; with `secret: true` nothing typed is echoed (a pasted token never shows, as gh
 * masks it), and the line ends once the answer is in. Pass it as the login context's `prompter`;
 * the PAT flow uses it by itself when the context is interactive and has none.
 *
 * Ctrl-C at the prompt (the terminal is in raw mode, so no SIGINT reaches the process) and a
 * closed input both end the prompt on a fresh line and reject.
 *
 * @throws CancelledError `CANCELLED` (exit 130) on Ctrl-C, an aborted `signal`, or an input that ends first.
 * @example
 * ```ts
 * const token = await createTerminalPrompter().text('Paste the token:', { secret: true })
 * ```
 */
export function createTerminalPrompter(options: TerminalPrompterOptions = {}): Prompter {
  const ask = (message: string, secret: boolean, signal?: AbortSignal): Promise<string> =>
    new Promise((resolve, reject) => {
      // Read at the question, not before: Node creates process.stdin on first access.
      const input = (options.input ?? process.stdin) as NodeJS.ReadableStream & { pause?: () => unknown }
      const output = options.output ?? process.stderr
      if (signal?.aborted) return reject(new CancelledError('cancelled before the question was asked'))
      let muted = false
      const echo = new Writable({
        write(chunk, _encoding, done) {
          if (!muted) output.write(String(chunk))
          done()
        },
      })
      const rl = createInterface({ input, output: echo, terminal: true })
      let answered = false
      const stop = (): void => rl.close()
      signal?.addEventListener('abort', stop, { once: true })
      rl.on('close', () => {
        signal?.removeEventListener('abort', stop)
        // A hidden answer left the cursor after the question; an unanswered one too.
        if (secret || !answered) output.write('\n')
        input.pause?.()
        if (!answered) reject(new CancelledError('cancelled while waiting for an answer at the terminal'))
      })
      rl.question(`${message} `, (answer) => {
        answered = true
        resolve(answer)
        rl.close()
      })
      muted = secret
    })
  return {
    text: (message, options) => ask(message, options?.secret === true, options?.signal),
    confirm: async (message, options) => {
      const answer = (await ask(`${message} ${options?.default === true ? '[Y/n]' : '[y/N]'}`, false, options?.signal)).trim().toLowerCase()
      return answer === '' ? options?.default === true : answer === 'y' || answer === 'yes'
    },
  }
}
