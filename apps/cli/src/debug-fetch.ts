// The CLI's request log is core's `createDebugFetch` (`@auth/core/kit`, wired in login-context.ts):
// `HTTP METHOD URL -> STATUS (N ms)`, the URL without its query, no headers, no body.

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
