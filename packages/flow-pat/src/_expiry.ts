import { badResponse } from './_bad-response.js'

/**
 * Reads a token expiry a server reports: a date string (`2026-01-01T00:00:00Z`, GitHub's
 * `2026-01-01 00:00:00 UTC`) or epoch seconds. Returns epoch ms; `undefined` when absent. Internal.
 * @throws NetworkError `BAD_RESPONSE` on anything else.
 */
export function parseExpiry(value: unknown, field: string, where: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.round(value * 1000)
  if (typeof value === 'string' && value.length <= 64) {
    const ms = Date.parse(value.replace(/ UTC$/, 'Z').replace(/^(\d{4}-\d\d-\d\d) /, '$1T'))
    if (Number.isFinite(ms)) return ms
  }
  throw badResponse(where, `${field} is not a date`)
}
