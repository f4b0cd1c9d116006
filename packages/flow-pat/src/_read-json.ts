import { toAuthError } from '@auth/core'

/** A body larger than this is not a profile. */
const MAX_BODY = 1 << 20

/** What {@link readJson} found: the parsed value, or `undefined` for a body that is not JSON. Internal. */
export type JsonBody = { json: true; value: unknown } | { json: false; contentType: string }

/**
 * Reads a response body as JSON. A body that is not JSON (an HTML page, an empty body, more
 * than 1 MiB) gives `{ json: false }` for the caller to report; a failure while reading
 * (connection reset) maps through `toAuthError`. Internal.
 */
export async function readJson(response: Response, operation: string, host: string): Promise<JsonBody> {
  const contentType = (response.headers.get('content-type') ?? 'no content-type').split(';')[0]?.trim().slice(0, 60) ?? ''
  let text: string
  try {
    text = await response.text()
  } catch (error) {
    throw toAuthError(error, { operation, host })
  }
  if (text.length > MAX_BODY) return { json: false, contentType }
  try {
    return { json: true, value: JSON.parse(text) as unknown }
  } catch {
    return { json: false, contentType }
  }
}
