// The bytes of docker's credential-helper protocol (github.com/docker/docker-credential-helpers,
// credentials/credentials.go and error.go), free of any session.

/** What `get` answers, and `store` reads. */
export interface DockerCredentials {
  ServerURL: string
  Username: string
  Secret: string
}

/** The message docker recognises as "no credential" (`credentials.IsErrCredentialsNotFoundMessage`). */
export const DOCKER_NOT_FOUND = 'credentials not found in native keychain'
/** The message for an empty server URL. */
export const DOCKER_MISSING_SERVER_URL = 'no credentials server URL'
/** The message for a `store` without a user name. */
export const DOCKER_MISSING_USERNAME = 'no credentials username'
/** The most a helper reads from stdin: a server URL, or a small JSON object. */
export const MAX_DOCKER_INPUT_BYTES = 64 * 1024

/**
 * A value as Go's `json.NewEncoder(w).Encode(v)` writes it: compact, `<`, `>`, `&`, U+2028 and
 * U+2029 escaped as `\u003c`..., and a newline. Docker decodes either form; this keeps the bytes
 * the same as docker's own helpers.
 * @example `goJson({ ServerURL: 'a', Username: 'b', Secret: 'c' })` is `'{"ServerURL":"a","Username":"b","Secret":"c"}\n'`
 */
export function goJson(value: unknown): string {
  const escapes: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' }
  return `${JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => escapes[c] as string)}\n`
}

/**
 * The server URL of a `get` or `erase` request: stdin, whitespace trimmed (docker writes it
 * without a newline). `undefined` when it is empty.
 */
export function readServerUrl(input: string): string | undefined {
  const server = input.trim()
  return server === '' ? undefined : server
}

/**
 * The credentials of a `store` request: one JSON object `{"ServerURL","Username","Secret"}`.
 * Returns the protocol's error message instead when it is not one, or lacks a server or user.
 * Values are never echoed.
 */
export function parseDockerStore(input: string): DockerCredentials | { error: string } {
  let value: unknown
  try {
    value = JSON.parse(input)
  } catch {
    return { error: 'the input is not a JSON object {"ServerURL","Username","Secret"}' }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'the input is not a JSON object {"ServerURL","Username","Secret"}' }
  const record = value as Record<string, unknown>
  const text = (field: string) => (typeof record[field] === 'string' ? (record[field] as string) : '')
  const credentials = { ServerURL: text('ServerURL'), Username: text('Username'), Secret: text('Secret') }
  if (credentials.ServerURL === '') return { error: DOCKER_MISSING_SERVER_URL }
  if (credentials.Username === '') return { error: DOCKER_MISSING_USERNAME }
  return credentials
}
