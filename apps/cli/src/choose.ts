import { CancelledError } from '@auth/core'
import { sanitizeText } from '@auth/core/kit'
import type { CliContext } from './context.js'
import { isInteractive } from './login-context.js'
import { createPrompter } from './prompter.js'

/** One option of {@link choose}. */
export interface Choice<T> {
  label: string
  value: T
}

/**
 * Whether the CLI may ask: stdin and stderr are terminals and `--json` is not set. Never true in
 * a pipe, a script or for an agent.
 * @example `if (mayPrompt(ctx)) host = await ask(ctx, 'Host to log in to:')`
 */
export function mayPrompt(ctx: Pick<CliContext, 'stdin' | 'err' | 'globals'>): boolean {
  return isInteractive(ctx) && ctx.globals.json !== true
}

/**
 * A numbered list on stderr and one answer read at the terminal (Enter takes `defaultIndex`);
 * a wrong answer asks again (three times at most).
 * @throws CancelledError `CANCELLED` (exit 130) on Ctrl-C, a closed stdin, or three wrong answers.
 * @example `const flow = await choose(ctx, 'How do you want to log in?', [{ label: 'in a browser', value: 'pkce' }])`
 */
export async function choose<T>(ctx: CliContext, question: string, choices: readonly Choice<T>[], defaultIndex = 0): Promise<T> {
  const first = choices[0]
  if (first === undefined) throw new CancelledError('nothing to choose from')
  if (choices.length === 1) return first.value
  ctx.err.line(`? ${question}`)
  for (const [i, c] of choices.entries()) ctx.err.line(`  ${i + 1}) ${sanitizeText(c.label, 300)}${i === defaultIndex ? ' (default)' : ''}`)
  const prompter = createPrompter(ctx)
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = (await prompter.text(`Enter a number [${defaultIndex + 1}]:`, ctx.signal ? { signal: ctx.signal } : {})).trim()
    const index = answer === '' ? defaultIndex : Number(answer) - 1
    const picked = Number.isInteger(index) ? choices[index] : undefined
    if (picked) return picked.value
    ctx.err.line(`  answer with a number from 1 to ${choices.length}`)
  }
  throw new CancelledError('no valid choice was made')
}

/**
 * One line of text read at the terminal, trimmed; an empty answer asks again (three times at most).
 * @throws CancelledError `CANCELLED` (exit 130) on Ctrl-C, a closed stdin, or three empty answers.
 */
export async function ask(ctx: CliContext, question: string): Promise<string> {
  const prompter = createPrompter(ctx)
  for (let attempt = 0; attempt < 3; attempt++) {
    const answer = (await prompter.text(`? ${question}`, ctx.signal ? { signal: ctx.signal } : {})).trim()
    if (answer !== '') return answer
  }
  throw new CancelledError('no answer was given')
}
