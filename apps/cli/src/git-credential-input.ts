import { CancelledError, ConfigError, ErrorCode } from '@auth/core'
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

/**
 * Parses git's credential-helper input: `key=value` lines up to a blank line or the end. Keys
 * this CLI does not use (`password`, `wwwauth[]`, `capability[]`, ...) are skipped, as git's
 * protocol asks, and `url=` fills in the parts not given. Values are never echoed in errors.
 * @throws ConfigError `USAGE_ERROR` (exit 2) for a NUL byte, a line that is not `key=value`, a
 * line over 16 KiB, or a malformed `protocol`, `host` or `url`.
 * @see https://git-scm.com/docs/git-credential#IOFMT
 * @example `parseGitCredentialInput('protocol=https\nhost=example.com\n\n')` is `{ protocol: 'https', host: 'example.com' }`
 */
export function parseGitCredentialInput(text: string): GitCredentialRequest {
  if (text.includes('\0')) throw garbage('the input holds a NUL byte')
  const request: GitCredentialRequest = {}
  let url: string | undefined
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).replace(/\r$/, '')
    if (line === '') break
    if (line.length > MAX_GIT_LINE) throw garbage(`line ${i + 1} is longer than ${MAX_GIT_LINE} characters`)
    const eq = line.indexOf('=')
    const key = eq === -1 ? '' : line.slice(0, eq)
    if (!KEY.test(key)) throw garbage(`line ${i + 1} is not key=value`)
    const value = line.slice(eq + 1)
    if (key === 'url') url = value
    else if (key === 'protocol' || key === 'host' || key === 'path' || key === 'username') request[key] = value
  }
  return check({ ...fromUrl(url), ...request })
}

function fromUrl(url: string | undefined): GitCredentialRequest {
  if (url === undefined) return {}
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw garbage('url= is not a URL')
  }
  return {
    protocol: parsed.protocol.replace(/:$/, ''),
    ...(parsed.host !== '' && { host: parsed.host }),
    ...(parsed.pathname.length > 1 && { path: decodeURIComponent(parsed.pathname.slice(1)) }),
    ...(parsed.username !== '' && { username: decodeURIComponent(parsed.username) }),
  }
}

function check(request: GitCredentialRequest): GitCredentialRequest {
  if (request.protocol !== undefined && !PROTOCOL.test(request.protocol)) throw garbage('protocol= is not a URL scheme')
  if (request.host !== undefined && request.host !== '' && !HOST.test(request.host)) throw garbage('host= is not a host name')
  return request
}

/**
 * Whether git asks about `host` (a profile's host URL): the same scheme and `host[:port]`,
 * case-insensitive, a default port (443, 80) written or not.
 * @example `matchesHost({ protocol: 'http', host: '127.0.0.1:8080' }, 'http://127.0.0.1:8080')` is `true`
 */
export function matchesHost(request: GitCredentialRequest, host: string): boolean {
  if (request.protocol === undefined || request.host === undefined || request.host === '') return false
  let target: URL
  let asked: URL
  try {
    target = new URL(host)
    asked = new URL(`${request.protocol.toLowerCase()}://${request.host}`)
  } catch {
    return false
  }
  return asked.protocol === target.protocol && asked.host === target.host
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
