// A one-line spinner on a terminal. Internal.

/** A running spinner. */
export interface Spinner {
  /** Erases the line; the next tick draws it again (call before printing a line of your own). */
  clear(): void
  /** Stops for good and erases the line. Idempotent. */
  stop(): void
}

const ERASE_LINE = '\r\x1b[2K'

/** Draws `render(tick)` at once and every `periodMs`, always over the same line. */
export function startSpinner(write: (text: string) => void, render: (tick: number) => string, periodMs = 100): Spinner {
  let tick = 0
  let stopped = false
  const draw = (): void => write(`${ERASE_LINE}${render(tick++)}`)
  draw()
  const timer = setInterval(draw, periodMs)
  timer.unref?.()
  return {
    clear: () => {
      if (!stopped) write(ERASE_LINE)
    },
    stop: () => {
      if (stopped) return
      stopped = true
      clearInterval(timer)
      write(ERASE_LINE)
    },
  }
}
