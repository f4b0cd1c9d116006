/** The frames of the spinner, one per tick. */
const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

/**
 * One frame of the spinner shown while the flow waits for approval: a braille spinner, the
 * message, and the time left on the code as `m:ss` (`h:mm:ss` from an hour).
 *
 * @param remainingMs - Time left on the device code; negative counts as 0.
 * @param tick - Which frame (any integer; it wraps).
 * @example
 * ```ts
 * renderWaitingLine(582_000, 0) // '⠋ Waiting for the code to be approved... 9:42 left'
 * ```
 * @throws Never.
 */
export function renderWaitingLine(remainingMs: number, tick: number): string {
  const frame = FRAMES[((Math.trunc(tick) % FRAMES.length) + FRAMES.length) % FRAMES.length] ?? FRAMES[0]
  return `${frame} Waiting for the code to be approved... ${clock(remainingMs)} left`
}

function clock(ms: number): string {
  const total = Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : 0
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}
