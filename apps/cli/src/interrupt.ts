import { CancelledError } from '@auth/core'

/** What {@link onInterrupt} listens on: `process`, or an emitter in tests. */
export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown
  off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown
}

/** Options of {@link onInterrupt}. */
export interface InterruptOptions {
  /** Aborted (with a `CancelledError`) on the first Ctrl-C. */
  controller: AbortController
  /** Ends the process with exit 130 when the command does not stop in time, or on a second Ctrl-C. */
  forceExit: () => void
  /** How long the command gets to clean up after the first Ctrl-C. */
  graceMs?: number
}

/**
 * Ctrl-C (SIGINT) and SIGTERM handling: the first one aborts the run's signal so the command can
 * clean up (close its listener, release a refresh lock, remove partial state) and exit 130; if
 * it has not stopped after `graceMs`, or on a second signal, `forceExit` runs. The abort's
 * reason is a `CancelledError` whose `cause` names the signal ({@link afterCtrlC}). Returns a
 * function that uninstalls it.
 */
export function onInterrupt(source: SignalSource, options: InterruptOptions): () => void {
  const { controller, forceExit, graceMs = 2000 } = options
  let timer: ReturnType<typeof setTimeout> | undefined
  const listen = (signal: 'SIGINT' | 'SIGTERM') => () => {
    if (controller.signal.aborted) return forceExit()
    controller.abort(new CancelledError('interrupted', { cause: signal }))
    timer = setTimeout(forceExit, graceMs)
    timer.unref?.()
  }
  const onInt = listen('SIGINT')
  const onTerm = listen('SIGTERM')
  source.on('SIGINT', onInt)
  source.on('SIGTERM', onTerm)
  return () => {
    source.off('SIGINT', onInt)
    source.off('SIGTERM', onTerm)
    if (timer !== undefined) clearTimeout(timer)
  }
}

/**
 * Whether `error` is the cancellation of a Ctrl-C delivered as SIGINT: the terminal then echoed
 * `^C` where the cursor was, so the error must start on a fresh line.
 * @example `afterCtrlC(controller.signal.reason)` is `true` after Ctrl-C
 */
export function afterCtrlC(error: unknown): boolean {
  return CancelledError.isInstance(error) && error.cause === 'SIGINT'
}
