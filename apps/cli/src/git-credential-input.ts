import { CancelledError, ConfigError, ErrorCode } from '@auth/core'
import { matchesServer } from '@auth/credential-helpers'
import type { InputStream } from './context.js'

/** What git asks a credential helper (the attributes this CLI uses). */
export interface GitCredentialRequest {
  protocol?: string
  /** `host[:port]` as git sends it. */
  host?: string
  path?: string
  username?: string
}

/** The most git's request may hold: attributes are short (a stored password is a token). */
export const MAX_GIT_INPUT_BYTES = 64 * 1024
/** The longest attribute line accepted. */
export const MAX_GIT_LINE = 16 * 1024

const KEY = /^[A-Za-z0-9_.-]+(\[\])?$/
const PROTOCOL = /^[A-Za-z][A-Za-z0-9+.-]*$/
const HOST = /^[^\s/?#@]+$/
/** Keys that may come once: with two, which one git means is unknowable (CVE-2020-5260). */
const SINGLE = new Set(['protocol', 'host', 'path', 'url'])

/**
 * Parses git's credential-helper input: `key=value` lines up to a blank line or the end. Keys
 * this CLI does not use (`password`, `wwwauth[]`, `capability[]`, ...) are skipped, as git's
 * protocol asks, and `url=` fills in the parts not given. Values are never echoed in errors.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for a NUL byte, a line that is not `key=value`, a
 * line over 16 KiB, a repeated `protocol`, `host`, `path` or `url` line (old git versions could
 * be made to send a second `host=`, CVE-2020-5260), a `url` that disagrees with a `protocol`,
 * `host` or `path` line (which one would git mean?), or a malformed `protocol`, `host` or `url`.
 * @see https://git-scm.com/docs/git-credential#IOFMT
 * @example `parseGitCredentialInput('protocol=https\nhost=example.com\n\n')` is `{ protocol: 'https', host: 'example.com' }`
 */
export function parseGitCredentialInput(text: string): GitCredentialRequest {
  if (text.includes('\0')) throw garbage('the input holds a NUL byte')
  const request: GitCredentialRequest = {}
  let url: string | undefined
  const seen = new Map<string, number>()
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '')
    if (line === '') break
    if (line.length > MAX_GIT_LINE) throw garbage(`line ${i + 1} is longer than ${MAX_GIT_LINE} characters`)
    const eq = line.indexOf('=')
    const key = eq === -1 ? '' : line.slice(0, eq)
    if (!KEY.test(key)) throw garbage(`line ${i + 1} is not key=value`)
    const value = line.slice(eq + 1)
    if (SINGLE.has(key)) {
      const first = seen.get(key)
      if (first !== undefined) throw garbage(`${key}= is given twice (lines ${first} and ${i + 1})`)
      seen.set(key, i + 1)
    }
    if (key === 'url') url = value
    else if (key === 'protocol' || key === 'host' || key === 'path' || key === 'username') request[key] = value
  }
  const parts = fromUrl(url)
  for (const key of ['protocol', 'host', 'path'] as const) {
    const [a, b] = [parts[key], request[key]]
    if (a !== undefined && b !== undefined && (key === 'path' ? a !== b : a.toLowerCase() !== b.toLowerCase())) throw garbage(`url= and ${key}= disagree`)
  }
  return check({ ...parts, ...request })
}

// scheme://[userinfo@]host[:port][/path][?query][#fragment], split without a URL parser: WHATWG
// URL rewrites hosts (0x7f.0.0.1, 2130706433, a backslash, :04555 all become 127.0.0.1:4555), and
// git's helpers compare the host as git wrote it.
const URL_PARTS = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^@/?#]*)@)?([^/?#]*)([^?#]*)/

function fromUrl(url: string | undefined): GitCredentialRequest {
  if (url === undefined) return {}
  const parts = URL_PARTS.exec(url)
  if (parts === null) throw garbage('url= is not a URL')
  const [, protocol, userinfo, host, path] = parts as unknown as [string, string, string | undefined, string, string]
  const user = userinfo?.split(':')[0] ?? ''
  return {
    protocol,
    ...(host !== '' && { host }),
    ...(path.length > 1 && { path: decode(path.slice(1)) }),
    ...(user !== '' && { username: decode(user) }),
  }
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    throw garbage('url= is not a URL')
  }
}

function check(request: GitCredentialRequest): GitCredentialRequest {
  if (request.protocol !== undefined && !PROTOCOL.test(request.protocol)) throw garbage('protocol= is not a URL scheme')
  if (request.host !== undefined && request.host !== '' && !HOST.test(request.host)) throw garbage('host= is not a host name')
  return request
}

/**
 * Whether git asks about `host` (a profile's host URL): git's `protocol` and `host` strings,
 * lower-cased, equal the profile's scheme and `host[:port]` exactly (or `host:443` / `host:80`
 * when the profile names no port), as git-credential-manager and gh compare them; and the host is
 * https, or http on loopback (a profile allowed plain http elsewhere never hands its token to git
 * either). The docker helper's one rule, `matchesServer` (@auth/credential-helpers), on
 * `protocol://host`, where `host` must be a bare authority. Nothing is parsed as a URL:
 * `0x7f.0.0.1`, `2130706433`, `127.0.0.1:04555` or `127.0.0.1:4555\\evil.com` are other strings,
 * so other hosts.
 * @see https://git-scm.com/docs/git-credential#IOFMT
 * @example `matchesHost({ protocol: 'http', host: '127.0.0.1:8080' }, 'http://127.0.0.1:8080')` is `true`
 */
export function matchesHost(request: GitCredentialRequest, host: string): boolean {
  const { protocol, host: asked } = request
  if (protocol === undefined || asked === undefined || !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(protocol) || !/^[^\s/?#@\\]+$/.test(asked)) return false
  return matchesServer(`${protocol}://${asked}`, host)
}

/**
 * Reads git's request from stdin: up to the first blank line or the end, at most
 * {@link MAX_GIT_INPUT_BYTES}. No stdin reads as an empty request.
 * @throws ConfigError `USAGE_ERROR` (exit 2) when the input is larger.
 * @throws CancelledError `CANCELLED` (exit 130) when `signal` aborts.
 * @example `const request = parseGitCredentialInput(await readGitCredentialInput(ctx.stdin, ctx.signal))`
 */
export async function readGitCredentialInput(stream: InputStream | undefined, signal?: AbortSignal): Promise<string> {
  if (!stream) return ''
  stream.setEncoding?.('utf8')
  let text = ''
  for await (const chunk of stream) {
    if (signal?.aborted) throw new CancelledError('interrupted while reading standard input')
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    if (Buffer.byteLength(text) > MAX_GIT_INPUT_BYTES) throw garbage(`the input is larger than ${MAX_GIT_INPUT_BYTES} bytes`)
    if (/(^|\n)\r?\n/.test(text)) break
  }
  return text
}

function garbage(problem: string): ConfigError {
  return new ConfigError(`git-credential: ${problem}`, {
    code: ErrorCode.USAGE_ERROR,
    hint: 'git writes key=value lines (protocol=https, host=example.com) and a blank line; see `git help credential`',
  })
}
