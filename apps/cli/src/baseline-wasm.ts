type Fetch = typeof globalThis.fetch

let switched: Promise<void> | undefined

/**
 * `fetch` that first tells V8 to compile WebAssembly with its baseline compiler only
 * (`--liftoff-only`). Node's fetch parses HTTP with llhttp, compiled to WebAssembly on the
 * first request; V8 then recompiles it with TurboFan on background threads, and the process
 * does not exit before those jobs end: ~60 ms of CPU and ~100 ms (far more on a busy machine)
 * between the last response and the exit of every command that made a request (a refresh by
 * `auth token` above all), to speed up a parser that reads a few small responses. The flag
 * is process-wide and only affects WebAssembly compiled later; the CLI runs no other.
 * `node:v8` is loaded on the first request, not at start-up.
 * @example `createDebugFetch(withBaselineWasm(createNetworkFetch({ env })), logger)`
 */
export function withBaselineWasm(fetch: Fetch): Fetch {
  return async (input, init) => {
    switched ??= import('node:v8').then(
      (v8) => v8.setFlagsFromString('--liftoff-only'),
      () => {},
    )
    await switched
    return fetch(input, init)
  }
}
