import { ErrorCode, ExitCode, NetworkError } from '@auth/core'

/** The server answered something a profile endpoint does not (exit 5, `BAD_RESPONSE`). Internal. */
export function badResponse(where: string, what: string): NetworkError {
  return new NetworkError(`unexpected response from ${where}: ${what}`, {
    code: ErrorCode.BAD_RESPONSE,
    exitCode: ExitCode.NETWORK,
    hint: 'check --profile-url: it must answer GET with the JSON profile of the token owner',
  })
}
