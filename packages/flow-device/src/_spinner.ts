// A one-line spinner on a terminal. Internal.

/** A running spinner. */
export interface Spinner {
  /** Erases the line; the next tick draws it again (call before printing a line of your own). */
  clear(): void
  /** Stops for good and erases the line. Idempotent. */
  stop(): void
}

const ERASE_LINE = '\r\x1b[2K'

/**
 * Draws `render(tick)` at once and every `periodMs`, always over the same line. A `write` that
 * throws stops the spinner quietly: progress display never fails a login.
 */
export function startSpinner(write: (text: string) => void, render: (tick: number) => string, periodMs = 100): Spinner {
  let tick = 0
  let stopped = false
  const safeWrite = (text: string): void => {
    try {
      write(text)
    } catch {
      stopped = true
      clearInterval(timer)
    }
  }
  const timer = setInterval(() => safeWrite(`${ERASE_LINE}${render(tick++)}`), periodMs)
  timer.unref?.()
  safeWrite(`${ERASE_LINE}${render(tick++)}`)
  return {
    clear: () => {
      if (!stopped) safeWrite(ERASE_LINE)
    },
    stop: () => {
      if (stopped) return
      stopped = true
      clearInterval(timer)
      safeWrite(ERASE_LINE)
    },
  }
}
