import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { CancelledError, type Prompter } from '@auth/core'
import type { CliContext } from './context.js'

/**
 * The CLI's {@link Prompter} for a flow that asks at the terminal (the PAT flow's hidden
 * "Paste the token" prompt): the question on stderr, one line read from stdin; with `secret`
 * nothing typed is echoed. Only meaningful when stdin is a terminal (`isInteractive`).
 * @throws CancelledError `CANCELLED` (exit 130) on Ctrl-C (`signal`) or when stdin closes first.
 * @example `const token = await createPrompter(ctx).text('Paste the token:', { secret: true })`
 */
export function createPrompter(ctx: Pick<CliContext, 'stdin' | 'err'>): Prompter {
  const ask = (message: string, secret: boolean, signal?: AbortSignal): Promise<string> =>
    new Promise((resolve, reject) => {
      let muted = false
      const output = new Writable({
        write(chunk, _encoding, done) {
          if (!muted) ctx.err.write(String(chunk))
          done()
        },
      })
      const rl = createInterface({ input: ctx.stdin as unknown as NodeJS.ReadableStream, output, terminal: true })
      let answered = false
      const stop = (): void => rl.close()
      signal?.addEventListener('abort', stop, { once: true })
      rl.on('close', () => {
        signal?.removeEventListener('abort', stop)
        if (secret) ctx.err.write('\n')
        ctx.stdin?.pause?.()
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
