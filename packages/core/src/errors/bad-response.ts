import { ErrorCode, ExitCode } from './codes.js'
import { NetworkError } from './classes.js'

/** Options of {@link badResponse}. */
export interface BadResponseOptions {
  /** What was being done: `token request`, `discovery`; the message starts `<operation> failed: `. */
  operation?: string | undefined
  /** Who answered, without a query: `https://api.example.com/user`. */
  where?: string | undefined
  /** What the user can do, one line. */
  hint?: string | undefined
  /** The underlying error. */
  cause?: unknown
}

/**
 * The error for a server answer that is not what the protocol says (a field of the wrong type, a
 * body that is not JSON, a body too large): NetworkError `BAD_RESPONSE`, exit 5. Name the field,
 * never its value.
 *
 * @param what - What is wrong: `"expires_in" is not a number`.
 * @returns The error, for the caller to throw.
 * @throws Never.
 * @example
 * ```ts
 * throw badResponse('"user_code" is missing', { operation: 'device authorization', where: origin })
 * // device authorization failed: unexpected response from https://as.example.com: "user_code" is missing
 * ```
 */
export function badResponse(what: string, options: BadResponseOptions = {}): NetworkError {
  const prefix = options.operation ? `${options.operation} failed: ` : ''
  const from = options.where ? ` from ${options.where}` : ''
  return new NetworkError(`${prefix}unexpected response${from}: ${what}`, {
    code: ErrorCode.BAD_RESPONSE,
    exitCode: ExitCode.NETWORK,
    ...(options.hint !== undefined && { hint: options.hint }),
    ...(options.cause !== undefined && { cause: options.cause }),
  })
}
