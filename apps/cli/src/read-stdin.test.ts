import { describe, expect, it } from 'vitest'
import type { InputStream } from './context.js'
import { readStdin } from './read-stdin.js'

function stream(chunks: (string | Uint8Array)[], isTTY = false): InputStream {
  return {
    isTTY,
    async *[Symbol.asyncIterator]() {
      for (const chunk of chunks) yield chunk
    },
  }
}

/** A stream that never ends (a user who does not type). */
function silent(): InputStream {
  return { isTTY: false, [Symbol.asyncIterator]: () => ({ next: () => new Promise<IteratorResult<string>>(() => {}) }) }
}

describe('readStdin', () => {
  it('reads a pipe to EOF, strings and bytes alike', async () => {
    expect(await readStdin(stream(['dvp_', new TextEncoder().encode('abc\n')]), { flag: '--token-stdin' })).toBe('dvp_abc\n')
  })

  it('reads one line on a terminal, after a prompt on stderr', async () => {
    const prompts: string[] = []
    const text = await readStdin(stream(['tok', 'en\nignored\n'], true), { flag: '--with-token', prompt: (t) => prompts.push(t) })
    expect(text).toBe('token')
    expect(prompts).toEqual(['Paste the token and press Enter: '])
  })

  it('refuses more than maxBytes', async () => {
    await expect(readStdin(stream(['x'.repeat(10), 'y'.repeat(10)]), { flag: '--token-stdin', maxBytes: 15 })).rejects.toMatchObject({
      code: 'USAGE_ERROR',
      message: '--token-stdin: standard input holds more than 15 bytes, which is not a token',
    })
  })

  it('refuses a missing stdin', async () => {
    await expect(readStdin(undefined, { flag: '--token-stdin' })).rejects.toMatchObject({ code: 'USAGE_ERROR', exitCode: 2 })
  })

  it('gives up on Ctrl-C with CANCELLED (exit 130)', async () => {
    const controller = new AbortController()
    const reading = readStdin(silent(), { flag: '--token-stdin', signal: controller.signal })
    controller.abort()
    await expect(reading).rejects.toMatchObject({ code: 'CANCELLED', exitCode: 130 })
  })

  it('an empty pipe gives an empty string (the flow says the token is empty)', async () => {
    expect(await readStdin(stream([]), { flag: '--token-stdin' })).toBe('')
  })
})
