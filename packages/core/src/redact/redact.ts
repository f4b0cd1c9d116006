import { MIN_SECRET_LENGTH, registeredSecrets } from './secrets.js'
import { SECRET_KEY_SOURCE } from './secret-keys.js'

const MASK = '***'

/** `Authorization: Bearer x`, `"authorization":"Basic x"`, `authorization: 'token x'`. */
const AUTH_HEADER = /(\b(?:proxy-)?authorization["']?\s*[:=]\s*["']?)(?:(bearer|basic|token|dpop|digest|negotiate)\s+)?[^\s"',;]+/gi
/** `Cookie: a=b; c=d` and `Set-Cookie: ...`: the whole value. */
const COOKIE_HEADER = /(\b(?:set-)?cookie["']?\s*[:=]\s*["']?)[^\r\n"']+/gi
/**
 * `"access_token": "x"`, `refresh_token: 'x'`, `password = "x"` (JSON, inspect, TOML, env),
 * also JSON escaped inside a JSON string (`\"code\":\"x\"`).
 */
const QUOTED_PAIR = new RegExp(String.raw`(?<![\w.$-])(\\?["']?)(${SECRET_KEY_SOURCE})\1(\s*[:=]\s*)(\\?["'])(?:\\.|(?!\4)[^\\\r\n])*?\4`, 'gi')
/** `?code=x&state=y`, `client_secret=x` in form bodies, `MYCLI_TOKEN=x`. */
const PLAIN_PAIR = new RegExp(String.raw`(?<![\w.$-])(${SECRET_KEY_SOURCE})=(?!["'])[^\s&#"'<>]+`, 'gi')
/** A JWT or JWE: `eyJ<header>.<payload>.<signature>[...]`. */
const JWT = /(?<![\w-])eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*){0,2}/g
/** Well-known token formats: GitHub (`ghp_`, `gho_`, `github_pat_`), GitLab (`glpat-`). */
const PREFIXED_TOKEN = /(?<![\w-])(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|glpat-[A-Za-z0-9_-]{20,})/g

/**
 * Masks every secret in `text` with `***`. This is THE one place secrets are masked: loggers,
 * error messages and CLI output all go through it.
 *
 * It masks: values registered with {@link registerSecret} and any passed in `secrets` (8
 * characters or longer, also URL-encoded); `Authorization` headers (keeping the scheme:
 * `Authorization: Bearer ***`) and cookies; the values of secret-ish keys (`access_token`,
 * `refresh_token`, `id_token`, `code`, `code_verifier`, `client_secret`, `client_assertion`,
 * `device_code`, `password`, `token`, and any name ending in `token`/`secret`/`password`)
 * in query strings, form bodies, JSON and `key: 'value'` dumps, keeping the key
 * (`code=***`); JWT-shaped strings; GitHub and GitLab token formats.
 *
 * @param text - Anything; non-strings are converted with `String()`.
 * @param secrets - Extra literal values to mask in this call.
 * @returns The text with secrets replaced by `***`.
 * @example
 * ```ts
 * redact('GET /cb?code=abc123&state=xyz') // 'GET /cb?code=***&state=xyz'
 * redact('{"access_token":"s3cr3t"}')     // '{"access_token":"***"}'
 * redact('boom: hunter2hunter2', ['hunter2hunter2']) // 'boom: ***'
 * ```
 * @see {@link redactObject} for objects, {@link maskToken} for showing a token's prefix.
 * @throws Never: garbage is converted with `String()`.
 */
export function redact(text: string, secrets?: Iterable<string>): string {
  let out = maskLiterals(typeof text === 'string' ? text : String(text), secrets)
  out = out.replace(AUTH_HEADER, (_m, head: string, scheme?: string) => `${head}${scheme ? `${scheme} ` : ''}${MASK}`)
  out = out.replace(COOKIE_HEADER, `$1${MASK}`)
  out = out.replace(QUOTED_PAIR, `$1$2$1$3$4${MASK}$4`)
  out = out.replace(PLAIN_PAIR, `$1=${MASK}`)
  return out.replace(JWT, MASK).replace(PREFIXED_TOKEN, MASK)
}

function maskLiterals(text: string, extra: Iterable<string> | undefined): string {
  const values = new Set<string>()
  const add = (v: unknown): void => {
    if (typeof v !== 'string' || v.length < MIN_SECRET_LENGTH) return
    values.add(v)
    const encoded = encodeURIComponent(v)
    if (encoded !== v) values.add(encoded)
  }
  for (const v of registeredSecrets()) add(v)
  if (typeof extra === 'string') add(extra)
  else if (isIterable(extra)) for (const v of extra) add(v)
  if (values.size === 0) return text
  return [...values].sort((a, b) => b.length - a.length).reduce((acc, v) => acc.split(v).join(MASK), text)
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.iterator in value
}

/**
 * Masks a token for display (`auth status` without `--show-token`): the first 4 characters
 * and `****`, or `****` alone when the token is shorter than 12 characters (a short token's
 * prefix would give away too much of it). Never reveals the length.
 *
 * @param token - The token; anything else gives `****`.
 * @example
 * ```ts
 * maskToken('gho_16C7e42F292c6912E7710c838347Ae178B4a') // 'gho_****'
 * maskToken('short') // '****'
 * ```
 * @see {@link redact} to mask tokens inside text.
 * @throws Never.
 */
export function maskToken(token: string): string {
  if (typeof token !== 'string' || token.length < 12) return '****'
  return `${token.slice(0, 4)}****`
}
