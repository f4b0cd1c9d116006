import type { Logger } from '../model/types.js'

type Fetch = typeof globalThis.fetch

const LOGS = Symbol.for('@auth/core.debugFetch')

/**
 * Wraps `fetch` so that every request is logged at debug level as
 * `HTTP METHOD URL -> STATUS (N ms)` (or `HTTP METHOD URL failed (N ms)`): the URL without its
 * query or fragment (a query may carry a code or a token), never a header or a body. The logger
 * masks registered secrets on top (core `redact`). Wrapping a fetch that already logs returns it
 * as is, so a flow may wrap whatever fetch it is handed without logging each request twice.
 *
 * @param fetch - The fetch to wrap; default the global one.
 * @param logger - Where to log; without one, `fetch` is returned unwrapped.
 * @returns A fetch with the same behaviour (errors rethrown as they are).
 * @throws Never itself; the returned fetch rejects as `fetch` does.
 * @example
 * ```ts
 * const fetch = createDebugFetch(globalThis.fetch, createLogger({ level: 'debug' }))
 * await fetch('https://api.example.com/user?code=x') // debug: HTTP GET https://api.example.com/user -> 200 (41 ms)
 * ```
 */
export function createDebugFetch(fetch: Fetch | undefined, logger: Logger | undefined): Fetch {
  const base = fetch ?? globalThis.fetch
  if (logger === undefined || isDebugFetch(base)) return base
  const logged: Fetch = async (input, init) => {
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
  return Object.defineProperty(logged, LOGS, { value: true })
}

/**
 * Whether `fetch` logs its requests already (it came from {@link createDebugFetch}, or wraps one
 * and says so with {@link markDebugFetch}).
 * @throws Never.
 * @example `if (!isDebugFetch(ctx.fetch)) logger.debug('...')`
 */
export function isDebugFetch(fetch: unknown): boolean {
  return typeof fetch === 'function' && (fetch as unknown as Record<symbol, unknown>)[LOGS] === true
}

/**
 * Marks a fetch that wraps a logging one (adds a signal, caps bodies) as logging, so that
 * {@link createDebugFetch} does not wrap it again. Returns `fetch`.
 * @throws Never.
 * @example `return markDebugFetch(withSignal, isDebugFetch(inner))`
 */
export function markDebugFetch<F extends (...args: never[]) => unknown>(fetch: F, logs = true): F {
  return logs ? Object.defineProperty(fetch, LOGS, { value: true }) : fetch
}

function methodOf(input: Parameters<Fetch>[0], init: RequestInit | undefined): string {
  const method = init?.method ?? (input instanceof Request ? input.method : 'GET')
  return /^[A-Za-z]{1,16}$/.test(method) ? method.toUpperCase() : 'OTHER'
}

function urlOf(input: Parameters<Fetch>[0]): string {
  const raw = input instanceof Request ? input.url : String(input)
  try {
    const url = new URL(raw)
    return `${url.origin}${url.pathname}`
  } catch {
    return '(a URL that does not parse)'
  }
}
