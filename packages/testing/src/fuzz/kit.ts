// The fuzzing kit every package's `test/fuzz-*.test.ts` shares (`@auth/testing/fuzz`; test
// code only, never built or published). One assertion, once: whatever a parser or a server
// answer does, only a documented AuthError comes out, in time, with a message that is safe on a
// terminal and holds no secret.
//
// `npm test` runs each property a few hundred times from a fixed seed (the same cases every
// run); `npm run fuzz` sets FUZZ_RUNS (e.g. 20000) for a long run. FUZZ_SEED picks another seed;
// a failure prints its seed and path, so `FUZZ_SEED=<seed>` replays it.
import { AuthError, ErrorCode } from '@auth/core'
import fc from 'fast-check'

const DEFAULT_SEED = 20_261_203

/** How many cases a property runs: `FUZZ_RUNS` when set, else `base` (keep `npm test` fast). */
export function fuzzRuns(base: number): number {
  const env = Number(process.env['FUZZ_RUNS'])
  return Number.isInteger(env) && env > 0 ? env : base
}

/** Whether this is a long `npm run fuzz` run (the test timeout must grow with it). */
export const LONG_FUZZ = fuzzRuns(0) > 0

/** fast-check parameters: a fixed seed (or `FUZZ_SEED`), {@link fuzzRuns} cases. */
export function fuzzParams<T>(base: number): fc.Parameters<T> {
  const seed = Number(process.env['FUZZ_SEED'])
  return { seed: Number.isInteger(seed) ? seed : DEFAULT_SEED, numRuns: fuzzRuns(base) }
}

/** A vitest timeout for a property of `base` runs of about `perCaseMs` each. */
export function fuzzTimeout(base: number, perCaseMs: number): number {
  return Math.max(30_000, fuzzRuns(base) * perCaseMs * 2)
}

const DOCUMENTED = new Set<string>(Object.values(ErrorCode))

// What must never reach a terminal from a message: C0 (tab included) and C1 controls, DEL, the
// line/paragraph separators, Unicode format characters (bidi overrides and isolates, zero-width
// characters, U+061C, U+200E/U+200F, U+FEFF) and lone surrogates.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u

/** The first character of `text` unsafe on a terminal, as `U+XXXX at N`, or `undefined`. */
export function unsafeCharacter(text: string): string | undefined {
  const m = UNSAFE.exec(text)
  return m ? `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} at ${m.index}` : undefined
}

/** Fails unless `text` is safe on a terminal (multi-line output: `\n` allowed when `lines`). */
export function assertTerminalSafe(text: string, where: string, lines = false): void {
  const bad = unsafeCharacter(lines ? text.replace(/\n/g, ' ') : text)
  if (bad !== undefined) throw new Error(`${where}: an unsafe character ${bad} in ${JSON.stringify(text.slice(0, 400))}`)
}

/** Fails when `text` holds one of `secrets` (non-empty ones). */
export function assertNoSecret(text: string, secrets: readonly string[], where: string): void {
  for (const secret of secrets) {
    if (secret.length >= 8 && text.includes(secret)) throw new Error(`${where}: a secret leaked: ${JSON.stringify(text.slice(0, 400))}`)
  }
}

/**
 * The property: `error` is an AuthError (by its brand, from any copy of core) with one of core's
 * `ErrorCode` values other than INTERNAL_ERROR (documented as "a bug"), and its message and hint are one line, safe on a terminal, and free of
 * `secrets`. Anything else (a TypeError, a RangeError, an undocumented code) fails with the error.
 */
export function assertDocumentedAuthError(error: unknown, secrets: readonly string[] = []): asserts error is AuthError {
  if (!AuthError.isInstance(error)) {
    const detail = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)
    throw new Error(`expected only a documented AuthError, got ${detail}`)
  }
  if (!DOCUMENTED.has(error.code)) throw new Error(`an AuthError with an undocumented code ${JSON.stringify(error.code)}: ${error.message}`)
  // INTERNAL_ERROR is documented as "a bug": hostile input must map to what it is (BAD_RESPONSE, CONFIG_ERROR, ...).
  if (error.code === ErrorCode.INTERNAL_ERROR) throw new Error(`INTERNAL_ERROR (a bug) for hostile input: ${error.message}; cause: ${String((error.cause as Error | undefined)?.stack ?? error.cause)}`)
  for (const [field, text] of [
    ['message', error.message],
    ['hint', error.hint ?? ''],
  ] as const) {
    assertTerminalSafe(text, `${error.code} ${field}`)
    assertNoSecret(text, secrets, `${error.code} ${field}`)
  }
}

/** Options of {@link settle}. */
export interface SettleOptions {
  /** The deadline, ms; default 5000. */
  timeoutMs?: number
  /** Strings no message or hint may hold. */
  secrets?: readonly string[]
  /**
   * A defect already reported to the owner of the code (and pinned by an `it.fails` test that
   * reproduces it): errors it matches must still be documented AuthErrors, but their message
   * is not checked, so the fuzzer keeps looking for other defects. Remove once fixed.
   */
  knownDefect?: (error: AuthError) => boolean
}

/** What {@link settle} resolves: the value, or the (checked) AuthError. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: AuthError }

/**
 * Runs `fn` under a deadline: resolves its value or its documented AuthError (checked with
 * {@link assertDocumentedAuthError}); a hang past `timeoutMs` or any other error fails.
 */
export async function settle<T>(fn: () => T | Promise<T>, options: SettleOptions = {}): Promise<Outcome<T>> {
  const timeoutMs = options.timeoutMs ?? 5_000
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms (a hang)`)), timeoutMs)
  })
  try {
    const value = await Promise.race([Promise.resolve().then(fn), hang])
    return { ok: true, value }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('no answer within')) throw error
    if (options.knownDefect !== undefined && AuthError.isInstance(error) && options.knownDefect(error)) {
      // Reported, pinned by its own `it.fails` test: still a documented code, message not checked.
      if (!DOCUMENTED.has(error.code)) throw new Error(`an undocumented code ${JSON.stringify(error.code)}`)
      return { ok: false, error }
    }
    assertDocumentedAuthError(error, options.secrets)
    return { ok: false, error }
  } finally {
    clearTimeout(timer)
  }
}

// ---- Hostile input -------------------------------------------------------------------------

/** Characters that hurt: terminal escapes, bidi controls, zero-width, NUL, CR/LF, lone surrogates, quotes. */
const NASTY = [
  '\u0000',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b',
  '\u001b[2J',
  '\u001b]8;;http://evil/\u0007',
  '\u001b[31m',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u200b',
  '\u200e',
  '\u200f',
  '\u061c',
  '\u202a',
  '\u202e',
  '\u2066',
  '\u2069',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ud800',
  '\udfff',
  '"',
  "'",
  '\\',
  '=',
  '[',
  ']',
  '{',
  '}',
  '#',
  ':',
  '-',
  ' ',
  '%',
  '%00',
  '\u00e9',
  '\u{1f600}',
]

/** A short string mixing ordinary text with the characters that hurt. */
export function nastyString(maxLength = 40): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 8 }) },
    { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
  )
  return fc.array(piece, { maxLength: Math.max(1, Math.ceil(maxLength / 4)) }).map((parts) => parts.join('').slice(0, maxLength))
}

/** A string that is sometimes huge (up to `max` characters): a repeated nasty string. */
export function hugeString(max = 200_000): fc.Arbitrary<string> {
  return fc.tuple(nastyString(12), fc.integer({ min: 1, max })).map(([s, n]) => (s === '' ? 'x' : s).repeat(Math.ceil(n / Math.max(1, s.length))).slice(0, n))
}

/** Numbers a protocol does not expect: huge, negative, fractional, NaN-like, unsafe integers. */
export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1e300, -1e300, 8.64e12, 8.64e15 + 1, Number.MAX_SAFE_INTEGER + 2, Number.MAX_VALUE, Number.MIN_VALUE, 0.5, -0.0, 2 ** 31, 2 ** 53),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
)

/** Any JSON value, with hostile strings and numbers inside. */
export const hostileJsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    hostileNumber,
    nastyString(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyString(10), tie('value'), { maxKeys: 4 }),
  ),
})).value

const ABSENT = Symbol('absent')

/**
 * A JSON object shaped like `fields` (a field name to the values a server should send): each field
 * is mostly one of those, sometimes missing, sometimes of a hostile kind; plus a few unknown fields.
 */
export function hostileObject(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields).map(
    ([name, good]) =>
      [
        name,
        fc.oneof(
          { weight: 12, arbitrary: good },
          { weight: 1, arbitrary: fc.constant(ABSENT) },
          { weight: 1, arbitrary: hostileJsonValue },
          { weight: 1, arbitrary: nastyString() },
          { weight: 1, arbitrary: hostileNumber },
          { weight: 1, arbitrary: hugeString(50_000) },
        ),
      ] as const,
  )
  const record = fc.record(Object.fromEntries(entries))
  const known = record.map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== ABSENT)))
  return fc.tuple(known, fc.option(fc.dictionary(nastyString(12), hostileJsonValue, { maxKeys: 3 }), { nil: {}, freq: 3 })).map(([k, extra]) => ({ ...extra, ...k }))
}

/** A whole response body as text: random bytes, random JSON, truncated JSON, a shaped object. */
export function hostileBody(shaped?: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string | Uint8Array> {
  const json = fc.oneof(hostileJsonValue, ...(shaped ? [shaped, shaped] : [])).map((v) => JSON.stringify(v) ?? 'null')
  return fc.oneof(
    { weight: 5, arbitrary: json },
    { weight: 1, arbitrary: json.chain((text) => fc.nat(text.length).map((n) => text.slice(0, n))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 256 }) },
    { weight: 1, arbitrary: nastyString(200) },
    { weight: 1, arbitrary: fc.constantFrom('', '{}', '[]', 'null', '"x"', '<html>', '{"a":', '\ufeff{}') },
  )
}

/** An HTTP answer a hostile server might give. */
export interface HostileAnswer {
  status: number
  contentType: string | undefined
  body: string | Uint8Array
  /** Sent as `content-length`; sometimes a lie. */
  length: string | undefined
  /** Extra headers, e.g. a `www-authenticate` challenge. */
  headers: Record<string, string>
}

/** A status, content type, body and headers a hostile server might answer with. */
export function hostileAnswer(shaped?: fc.Arbitrary<Record<string, unknown>>, goodStatus = 200): fc.Arbitrary<HostileAnswer> {
  return fc.record({
    status: fc.oneof(
      { weight: 4, arbitrary: fc.constant(goodStatus) },
      { weight: 2, arbitrary: fc.constantFrom(200, 201, 204, 301, 400, 401, 403, 404, 429, 500, 502, 503) },
      { weight: 1, arbitrary: fc.integer({ min: 200, max: 599 }) },
    ),
    contentType: fc.oneof(
      { weight: 5, arbitrary: fc.constant('application/json') },
      { weight: 1, arbitrary: fc.constantFrom(undefined, 'text/html', 'application/json; charset=utf-16', 'application/jwt', 'application/x-www-form-urlencoded') },
    ),
    body: hostileBody(shaped),
    length: fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom('0', '1', '99999999999', '-1', 'abc', '1e3') }),
    headers: fc.oneof(
      { weight: 6, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: nastyString(60).map((v) => ({ 'www-authenticate': `Bearer error="invalid_token", error_description="${v.replace(/[\r\n\0]/g, '')}"` })) },
      { weight: 1, arbitrary: fc.constant({ location: 'http://127.0.0.1:1/elsewhere' }) },
    ),
  })
}

/** A `Response` for a hostile answer (a status `fetch` could not build becomes a 599-like 500). */
export function toResponse(a: HostileAnswer): Response {
  const headers = new Headers()
  if (a.contentType !== undefined) headers.set('content-type', a.contentType)
  if (a.length !== undefined) headers.set('content-length', a.length)
  for (const [k, v] of Object.entries(a.headers)) {
    try {
      headers.set(k, v)
    } catch {
      // a header value fetch refuses: skip it
    }
  }
  const noBody = [101, 204, 205, 304].includes(a.status)
  return new Response(noBody ? null : (a.body as ConstructorParameters<typeof Response>[0]), { status: a.status >= 200 && a.status <= 599 ? a.status : 500, headers })
}

/** A `Response` whose body streams `chunks` of `chunkBytes` (a body that never ends when huge). */
export function streamingResponse(chunkBytes: number, chunks: number, contentType = 'application/json'): Response {
  let sent = 0
  const chunk = new Uint8Array(chunkBytes).fill(0x20)
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent++ >= chunks) controller.close()
      else controller.enqueue(sent === 1 ? new TextEncoder().encode('{"access_token":"') : chunk)
    },
  })
  return new Response(body, { status: 200, headers: { 'content-type': contentType } })
}

export { fc }

/** What a route of {@link routeFetch} answers: a Response, a hostile answer, or a thrown error (a network failure). */
export type RouteAnswer = Response | HostileAnswer

/**
 * A `fetch` that answers from `route(url, init)` without a network: every flow takes a `fetch`
 * option. An aborted signal rejects as fetch does; a route may never answer (a hang) by
 * returning a promise that never settles, which the flow's own timeout or signal must end.
 */
export function routeFetch(route: (url: URL, init: RequestInit | undefined) => RouteAnswer | Promise<RouteAnswer>): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined)
    if (signal?.aborted) throw signal.reason
    const answer = await new Promise<RouteAnswer>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(signal.reason), { once: true })
      Promise.resolve()
        .then(() => route(url, init))
        .then(resolve, reject)
    })
    return answer instanceof Response ? answer : toResponse(answer)
  }) as typeof fetch
}

/** A JSON `Response` (status 200 unless given). */
export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } })
}

/** RFC 6749 §3.3: a scope token is one or more of %x21 / %x23-5B / %x5D-7E. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/

/**
 * What a flow returns must be safe to store and show: every scope an RFC 6749 §3.3 token, times
 * finite and inside the range of `Date` (no `Invalid time value` later), account fields terminal-safe.
 */
export function assertSaneCredential(credential: { scopes?: unknown; expiresAt?: unknown; obtainedAt?: unknown; account?: unknown; tokenType?: unknown }): void {
  const scopes = credential.scopes
  if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && SCOPE_TOKEN.test(s))) throw new Error(`scopes that are not RFC 6749 scope tokens: ${JSON.stringify(scopes)}`)
  for (const field of ['expiresAt', 'obtainedAt'] as const) {
    const value = credential[field]
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value) || Number.isNaN(new Date(value).getTime())) throw new Error(`${field} is not a usable time: ${String(value)}`)
  }
  if (typeof credential.tokenType !== 'string') throw new Error('no token type')
  assertTerminalSafe(credential.tokenType, 'tokenType')
  const account = credential.account
  if (typeof account === 'object' && account !== null) {
    for (const [k, v] of Object.entries(account)) if (typeof v === 'string') assertTerminalSafe(v, `account.${k}`)
  }
}

/** Whether a property ran enough cases to expect both outcomes (a short `FUZZ_RUNS` may see only one). */
export const ENOUGH_RUNS = fuzzRuns(100) >= 100
