// What the user sees while the flow polls: a spinner on a terminal, plain lines otherwise. Internal.
import type { Output } from '@auth/core'
import type { PollEvent } from './_poll.js'
import { startSpinner, type Spinner } from './_spinner.js'
import { formatDuration } from '@auth/core/kit'
import { renderWaitingLine } from './render-waiting-line.js'

/** Progress of one login. */
export interface Progress {
  /** Shows that polling goes on (the spinner starts). No-op after `stop`. */
  start(): void
  /** Reports a poll event worth telling: `slow_down`, a retry. */
  event(event: PollEvent): void
  /** Ends the display; the spinner's line is erased. Idempotent. */
  stop(): void
}

/** Options of {@link createProgress}. */
export interface ProgressOptions {
  readonly tty: boolean
  readonly write: (text: string) => void
  readonly output: Output | undefined
  /** Milliseconds left on the device code. */
  readonly remainingMs: () => number
}

/** A spinner with the time left when `tty`, else one line when waiting starts and one per event. */
export function createProgress(options: ProgressOptions): Progress {
  const { output } = options
  let spinner: Spinner | undefined
  let state: 'idle' | 'started' | 'stopped' = 'idle'
  const say = (line: string, warn = false): void => {
    spinner?.clear()
    if (warn) output?.warn(line)
    else output?.info(line)
  }
  return {
    start() {
      if (state !== 'idle') return
      state = 'started'
      if (options.tty) spinner = startSpinner(options.write, (tick) => renderWaitingLine(options.remainingMs(), tick))
      else say(`Waiting for the code to be approved (it expires in ${formatDuration(options.remainingMs())})...`)
    },
    event(event) {
      if (state === 'stopped' || event.type === 'pending') return
      if (event.type === 'slow_down') say(`The server asked to poll less often: now every ${formatDuration(event.intervalMs)}.`)
      else say(`${event.error.message}; retrying in ${formatDuration(event.delayMs)} (retry ${event.failures})`, true)
    },
    stop() {
      state = 'stopped'
      spinner?.stop()
    },
  }
}
