/**
 * Says how long a duration is in words, for what a flow tells the user (the device code's
 * lifetime, the browser flow's time limit): `45 seconds`, `1 minute`,
 * `10 minutes`, `1 hour 30 minutes`. Seconds are rounded up below a minute, minutes are rounded
 * to the nearest one above it.
 *
 * @param ms - Milliseconds; negative or non-finite values count as 0.
 * @example
 * ```ts
 * formatDuration(600_000) // '10 minutes'
 * formatDuration(1_500)   // '2 seconds'
 * ```
 * @throws Never.
 */
export function formatDuration(ms: number): string {
  const seconds = Number.isFinite(ms) && ms > 0 ? Math.ceil(ms / 1000) : 0
  if (seconds < 60) return plural(seconds, 'second')
  const minutes = Math.round(seconds / 60)
  if (minutes < 60) return plural(minutes, 'minute')
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest === 0 ? plural(hours, 'hour') : `${plural(hours, 'hour')} ${plural(rest, 'minute')}`
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`
}
