import type { Logger } from '@auth/core'
import { createDebugFetch as coreDebugFetch } from '@auth/core/kit'

/**
 * The CLI's request log is core's `createDebugFetch` (`@auth/core/kit`): `HTTP METHOD URL ->
 * STATUS (N ms)`, the URL without its query, no headers, no body. This adapter only keeps the
 * `(logger, base)` argument order `api` calls it with.
 * @example `const fetch = createDebugFetch(ctx.logger); await fetch(url, { method: 'GET' })`
 */
export function createDebugFetch(logger: Logger, base: typeof globalThis.fetch = globalThis.fetch): typeof globalThis.fetch {
  return coreDebugFetch(base, logger)
}

/**
 * Whether a debug line is a flow package's own request log (`HTTP POST https://... -> 200 (3 ms)`,
 * or the older `POST https://... -> 200`), which the CLI's fetch already logs: the CLI drops the
 * duplicate. (A flow handed the CLI's logging fetch does not log again; one wrapped by
 * `wrapFetch` would.)
 * @example `isFlowRequestLine('HTTP POST http://127.0.0.1:1/token -> 200 (3 ms)')` is `true`
 */
export function isFlowRequestLine(message: string): boolean {
  return /^(?:HTTP )?(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|OTHER) \S+ (?:-> \d{3}|failed)(?: \(\d+ ms\))?$/.test(message)
}
