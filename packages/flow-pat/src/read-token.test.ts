import { ErrorCode, type LoginContext, type LoginStdin, type Prompter } from '@auth/core'
import { describe, expect, it } from 'vitest'
import { resolveOptions } from './options.js'
import { MAX_STDIN_BYTES, readToken } from './read-token.js'

const settings = resolveOptions({ name: 'mycli', host: 'https://api.example.com' })

function stdin(chunks: (string | Uint8Array)[], isTTY = false): LoginStdin {
  return Object.assign(
    (async function* () {
      yield* chunks
    })(),
    { isTTY },
  )
}

/** A piped stdin that never ends (a writer that never closes it). */
const silent: LoginStdin = { isTTY: false, [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<string>>(() => {}) }) }

function prompter(answer: string): Prompter & { asked: [string, unknown][] } {
  const asked: [string, unknown][] = []
  return {
    asked,
    text: async (message, options) => {
      asked.push([message, options])
      return answer
    },
    confirm: async () => false,
  }
}

async function failure(ctx: LoginContext): Promise<Record<string, unknown>> {
  return readToken(settings, ctx).then(
    () => ({}),
    (error: unknown) => ({ ...(error as object), message: (error as Error).message }),
  )
}

describe('readToken: the token is login-time input', () => {
  it('takes ctx.input.token first, without touching stdin or the prompter', async () => {
    const ask = prompter('from-prompt')
    expect(await readToken(settings, { input: { token: 'given' }, stdin: silent, interactive: true, prompter: ask })).toEqual({ raw: 'given', source: 'the login input', fromArgv: false })
    expect(ask.asked).toEqual([])
  })

  it('names the input source, and marks a command-line option as argv', async () => {
    expect(await readToken(settings, { input: { token: 't', source: '--token' } })).toEqual({ raw: 't', source: '--token', fromArgv: true })
    expect(await readToken(settings, { input: { token: 't', source: 'MYCLI_TOKEN' } })).toEqual({ raw: 't', source: 'MYCLI_TOKEN', fromArgv: false })
  })

  it('reads a piped stdin to its end, strings and bytes alike', async () => {
    const read = await readToken(settings, { stdin: stdin(['dvp_', new TextEncoder().encode('abc\n')]), interactive: true, prompter: prompter('no') })
    expect(read).toEqual({ raw: 'dvp_abc\n', source: 'stdin', fromArgv: false })
    expect(await readToken(settings, { stdin: stdin([]), input: { source: 'stdin (piped)' } })).toEqual({ raw: '', source: 'stdin (piped)', fromArgv: false })
  })

  it('asks through the prompter, hidden, when stdin is a terminal and someone is there', async () => {
    const ask = prompter('typed')
    expect(await readToken(settings, { stdin: stdin(['never read'], true), interactive: true, prompter: ask })).toEqual({ raw: 'typed', source: 'the prompt', fromArgv: false })
    expect(ask.asked).toEqual([['Paste the token for https://api.example.com:', { secret: true }]])
  })

  it('without a token, a pipe or someone to ask: LOGIN_REQUIRED, exit 4, never prompting', async () => {
    const ask = prompter('typed')
    for (const ctx of [{}, { stdin: stdin([], true), prompter: ask }, { interactive: true }, { interactive: false, prompter: ask }] as LoginContext[]) {
      expect(await failure(ctx)).toMatchObject({
        code: ErrorCode.LOGIN_REQUIRED,
        exitCode: 4,
        message: 'no token to log in to https://api.example.com with: none was given, standard input is not piped, and nobody is at a terminal to ask',
        hint: "pipe the token on mycli's standard input, or run mycli at a terminal to be asked for it",
      })
    }
    expect(ask.asked).toEqual([])
    const unnamed = resolveOptions({ host: 'https://api.example.com' })
    await expect(readToken(unnamed, {})).rejects.toMatchObject({ hint: 'pipe the token on standard input, or log in at a terminal to be asked for it' })
  })

  it('refuses a pipe holding more than 64 KiB (a file, not a token) without reading on', async () => {
    const big = 'x'.repeat(MAX_STDIN_BYTES)
    expect(await failure({ stdin: stdin([big, 'y', 'never']) })).toMatchObject({
      code: ErrorCode.INVALID_TOKEN,
      exitCode: 4,
      message: `the token from stdin is longer than ${MAX_STDIN_BYTES} bytes, which is not a token`,
    })
  })

  it('gives up on Ctrl-C while waiting for stdin: CANCELLED, exit 130', async () => {
    const controller = new AbortController()
    const reading = failure({ stdin: silent, signal: controller.signal })
    controller.abort()
    expect(await reading).toMatchObject({ code: ErrorCode.CANCELLED, exitCode: 130 })
    const aborted = AbortSignal.abort()
    expect(await failure({ input: { token: 't' }, signal: aborted })).toMatchObject({ code: ErrorCode.CANCELLED })
  })
})
