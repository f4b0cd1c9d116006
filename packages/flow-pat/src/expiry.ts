import { badResponse } from './bad-response.js'

/** The last instant a `Date` can hold (ms): an expiry past it is treated as unknown, never stored. */
const MAX_DATE_MS = 8.64e15

/**
 * Reads a token expiry a server reports: a date string (`2026-01-01T00:00:00Z`, GitHub's
 * `2026-01-01 00:00:00 UTC`) or epoch seconds. Returns epoch ms; `undefined` when absent, or so
 * far away that no date can hold it (`1e300`: treated as unknown, as core's `expiresAtFrom` does).
 * Internal.
 * @throws NetworkError `BAD_RESPONSE` on anything else.
 */
export function parseExpiry(value: unknown, field: string, where: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return inRange(Math.round(value * 1000))
  if (typeof value === 'string' && value.length <= 64) {
    const ms = Date.parse(value.replace(/ UTC$/, 'Z').replace(/^(\d{4}-\d\d-\d\d) /, '$1T'))
    if (Number.isFinite(ms)) return inRange(ms)
  }
  throw badResponse(where, `${field} is not a date`)
}

function inRange(ms: number): number | undefined {
  return ms > 0 && ms <= MAX_DATE_MS ? ms : undefined
}
