import { AuthenticationError, ErrorCode, isSingleToken, registerSecret } from '@auth/core'

/** Longer than this is not a token but a file read by mistake. */
const MAX_LENGTH = 8192
const PREFIX = /^(?:bearer|token)(?:\s+|$)/i

/**
 * Cleans a personal access token as a user supplies it (`--with-token TOKEN`, stdin,
 * `MYCLI_TOKEN`): trims surrounding whitespace (the newline of `echo`), drops a leading
 * `Bearer ` or `token ` (copied from a curl line), and refuses anything that cannot be a token.
 * The result is registered with `registerSecret` at once, so no later log line or error
 * message can show it. Messages name `source`, never the input.
 *
 * @param input - The raw text.
 * @param source - Where it came from, for messages: `--with-token`, `stdin`, `MYCLI_TOKEN`.
 * @returns The bare token.
 * @throws AuthenticationError `INVALID_TOKEN` (exit 4) when the input is not a string, is empty,
 * holds more than one line, contains spaces or non-ASCII characters, or is over 8 KiB.
 * @example
 * ```ts
 * parsePat('  Bearer dvp_abc123XYZ\n', 'stdin') // 'dvp_abc123XYZ'
 * parsePat('', 'stdin') // throws: the token from stdin is empty
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc6750#section-2.1 (the Bearer header carries the token)
 */
export function parsePat(input: string, source: string): string {
  const from = typeof source === 'string' && source.trim() !== '' ? source.trim() : 'the input'
  if (typeof input !== 'string') throw refuse(`the token from ${from} is not text`)
  let token = input.trim()
  if (/[\r\n]/.test(token)) throw refuse(`the token from ${from} holds more than one line`, 'pass the token alone, on one line')
  token = token.replace(PREFIX, '').trim()
  if (token === '') throw refuse(`the token from ${from} is empty`, 'pass a personal access token, on its own')
  registerSecret(token)
  if (token.length > MAX_LENGTH) throw refuse(`the token from ${from} is longer than ${MAX_LENGTH} characters`, 'pass the token itself, not a file')
  if (!isSingleToken(token)) throw refuse(`the token from ${from} contains spaces or characters a token cannot have`)
  return token
}

function refuse(message: string, hint = 'copy the token again from where it was created'): AuthenticationError {
  return new AuthenticationError(message, { code: ErrorCode.INVALID_TOKEN, hint })
}
