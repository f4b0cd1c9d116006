// One bounded GET of a JSON metadata document. Internal.
import { badResponse, isRecord, readJsonResponse } from '@auth/core/kit'

/** What a metadata GET found: a JSON object, or "not here" (a 4xx: try the next location). */
export type Found = { readonly kind: 'found'; readonly body: Record<string, unknown> } | { readonly kind: 'absent'; readonly status: number }

/**
 * GETs `url` (no redirects followed: a metadata document answers where it is asked) and reads
 * a JSON object from a 200 (bounded by the flow fetch's cap). A 4xx is "absent"; anything else
 * (5xx, a redirect, not JSON, not an object) is a BAD_RESPONSE.
 */
export async function getJson(fetch: typeof globalThis.fetch, url: URL, operation: string, headers?: Record<string, string>): Promise<Found> {
  const where = `${url.origin}${url.pathname}`
  const response = await fetch(url.href, { method: 'GET', redirect: 'manual', headers: { accept: 'application/json', ...headers } })
  if (response.status >= 400 && response.status < 500) {
    await response.body?.cancel().catch(() => {})
    return { kind: 'absent', status: response.status }
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => {})
    throw badResponse(`HTTP ${response.status}`, { operation, where })
  }
  const body = await readJsonResponse(response, { operation, where })
  if (!isRecord(body)) throw badResponse('not a JSON object', { operation, where })
  return { kind: 'found', body }
}
