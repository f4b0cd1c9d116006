// What the flows' `test/fuzz-server-answers.test.ts` share: generators for the answers an OAuth
// server gives (discovery, the token endpoint and its errors, a profile), the sometimes endless
// body, and the one loop: call the flow against one hostile endpoint, then check the outcome,
// the terminal and the log.
import {
  assertNoSecret,
  assertSaneCredential,
  assertTerminalSafe,
  fc,
  fuzzParams,
  hostileObject,
  jsonResponse,
  nastyString,
  routeFetch,
  settle,
  streamingResponse,
  type HostileAnswer,
  type RouteAnswer,
} from './kit.js'

/** A login a profile should send, sometimes with bidi controls, escapes or 5000 characters. */
export const hostileLogin: fc.Arbitrary<string> = fc.oneof({ weight: 5, arbitrary: fc.constant('alice') }, { weight: 1, arbitrary: fc.constantFrom('al\u202eice', '\u001b[2J', 'a'.repeat(5000)) })

/** An endpoint URL: mostly `good`, sometimes a `javascript:` URL, another server's, or no URL at all. */
export function hostileEndpoint(good: string): fc.Arbitrary<string> {
  return fc.oneof({ weight: 5, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: fc.constantFrom('javascript:alert(1)', `https://evil.example${new URL(good).pathname}`, 'x') })
}

/**
 * A discovery document for `issuer`: each of `endpoints` (a field to its good URL) a
 * {@link hostileEndpoint}, plus the `extra` fields, each field sometimes missing or of a hostile kind.
 */
export function hostileDiscovery(issuer: string, endpoints: Record<string, string>, extra: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Record<string, unknown>> {
  const urls = Object.fromEntries(Object.entries(endpoints).map(([field, url]) => [field, hostileEndpoint(url)]))
  return hostileObject({ issuer: fc.constant(issuer), ...urls, ...extra })
}

/** A token endpoint's success answer (RFC 6749 §5.1) for `accessToken` (and `refreshToken`), with hostile lifetimes and scopes. */
export function hostileTokenSuccess(tokens: { accessToken: string; refreshToken?: string; scope: string }): fc.Arbitrary<Record<string, unknown>> {
  return hostileObject({
    access_token: fc.constant(tokens.accessToken),
    ...(tokens.refreshToken === undefined ? {} : { refresh_token: fc.constant(tokens.refreshToken) }),
    token_type: fc.constantFrom('Bearer', 'bearer'),
    expires_in: fc.constantFrom(3600, 1e300, 8.64e12, -5, 0.5, Number.MAX_SAFE_INTEGER + 2),
    scope: fc.oneof({ weight: 5, arbitrary: fc.constant(tokens.scope) }, { weight: 1, arbitrary: fc.constantFrom('a\u001b[2Jb \u202eevil', `${tokens.scope}\tx`, `${tokens.scope}  x`, ' ') }),
  })
}

/** An OAuth error answer (RFC 6749 §5.2): one of `errors` or a hostile code, a nasty description (ending in `secret` when given: it must not be echoed). */
export function hostileOAuthError(errors: readonly string[], secret?: string): fc.Arbitrary<Record<string, unknown>> {
  return hostileObject({
    error: fc.constantFrom(...errors, '\u001b[31mx', ''),
    error_description: secret === undefined ? nastyString(80) : nastyString(80).map((d) => `${d} ${secret}`),
    error_uri: nastyString(),
  })
}

/** A token endpoint answer: three times in four a {@link hostileTokenSuccess}, else a {@link hostileOAuthError}. */
export function hostileTokenAnswer(success: fc.Arbitrary<Record<string, unknown>>, error: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.oneof({ weight: 3, arbitrary: success }, { weight: 1, arbitrary: error })
}

/** Whether the hostile endpoint answers with an endless body instead (one case in 16). */
export const endless: fc.Arbitrary<boolean> = fc.oneof({ weight: 15, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })

/** A 64 MiB body that must be cut off at the body cap. */
export function endlessResponse(): Response {
  return streamingResponse(1 << 20, 64)
}

/**
 * The `fetch` of one fuzz case: `endpointOf(url)` names the endpoint a request is for (none: a
 * 404 `not_found`); the `hostile` one answers `answer`, or an {@link endlessResponse} when
 * `stream`; every other endpoint answers `good(endpoint)`.
 *
 * @example
 * const fetch = hostileRoutes((url) => PATHS[url.pathname], hostile, answer, stream, (endpoint) => jsonResponse(good[endpoint]))
 */
export function hostileRoutes<E extends string>(endpointOf: (url: URL) => E | undefined, hostile: E, answer: HostileAnswer, stream: boolean, good: (endpoint: E) => RouteAnswer): typeof fetch {
  return routeFetch((url) => {
    const endpoint = endpointOf(url)
    if (endpoint === undefined) return jsonResponse({ error: 'not_found' }, 404)
    if (endpoint === hostile) return stream ? endlessResponse() : answer
    return good(endpoint)
  })
}

/** What one fuzz case of {@link fuzzServerAnswers} runs: the call, and what it wrote to the terminal and the log. */
export interface ServerAnswerCase {
  call: () => Promise<unknown>
  terminal?: readonly string[]
  logged: readonly string[]
}

/**
 * The property every server-answer fuzz test checks: for each generated answer, `setup` builds
 * a flow that gets it and the call to make; the call gives a sane credential (or nothing) or a
 * documented AuthError in time, without one of `secrets`; the terminal output is safe and holds
 * no secret, and neither does the log. Resolves how many cases ended each way.
 *
 * @example
 * const seen = await fuzzServerAnswers(hostileAnswer(profile), { runs: 200, secrets: [TOKEN] }, (answer, stream) => setup(answer, stream))
 * if (ENOUGH_RUNS) expect(seen.error).toBeGreaterThan(0)
 */
export async function fuzzServerAnswers<A>(
  answers: fc.Arbitrary<A>,
  options: { runs: number; secrets: readonly string[] },
  setup: (answer: A, endless: boolean) => ServerAnswerCase,
): Promise<{ ok: number; error: number }> {
  const seen = { ok: 0, error: 0 }
  await fc.assert(
    fc.asyncProperty(answers, endless, async (answer, stream) => {
      const { call, terminal = [], logged } = setup(answer, stream)
      const result = await settle(call, { timeoutMs: 5_000, secrets: options.secrets })
      seen[result.ok ? 'ok' : 'error']++
      if (result.ok && typeof result.value === 'object' && result.value !== null) assertSaneCredential(result.value)
      for (const text of terminal) {
        assertTerminalSafe(text, 'terminal output', true)
        assertNoSecret(text, options.secrets, 'terminal output')
      }
      for (const line of logged) assertNoSecret(line, options.secrets, 'log line')
    }),
    fuzzParams(options.runs),
  )
  return seen
}
