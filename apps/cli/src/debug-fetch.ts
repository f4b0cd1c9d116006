import type { Logger } from '@auth/core'

/**
 * A fetch that logs every request at debug level as `HTTP METHOD URL -> STATUS (N ms)` (or
 * `HTTP METHOD URL failed (N ms)`): the URL without its query (a query may carry a code), no
 * headers, no body. The logger masks secrets on top (core `redact`). With a logger below debug
 * level it costs one timer read per request.
 * @example `const fetch = createDebugFetch(ctx.logger); await fetch(url, { method: 'GET' })`
 */
export function createDebugFetch(logger: Logger, base: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const started = performance.now()
    const line = `HTTP ${methodOf(input, init)} ${urlOf(input)}`
    const ms = () => `(${Math.round(performance.now() - started)} ms)`
    try {
      const response = await base(input, init)
      logger.debug(`${line} -> ${response.status} ${ms()}`)
      return response
    } catch (error) {
      logger.debug(`${line} failed ${ms()}`)
      throw error
    }
  }
}

/**
 * Whether a debug line is a flow package's own request log (`POST https://... -> 200`), which
 * {@link createDebugFetch} already logs with its timing: the CLI drops the duplicate.
 * @example `isFlowRequestLine('POST http://127.0.0.1:1/token -> 200')` is `true`
 */
export function isFlowRequestLine(message: string): boolean {
  return /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) \S+ (-> \d{3}|failed)$/.test(message)
}

function methodOf(input: Parameters<typeof fetch>[0], init: RequestInit | undefined): string {
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
  return method.toUpperCase()
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  const raw = input instanceof Request ? input.url : String(input)
  try {
    const url = new URL(raw)
    return `${url.origin}${url.pathname}`
  } catch {
    return '(a URL that does not parse)'
  }
}
