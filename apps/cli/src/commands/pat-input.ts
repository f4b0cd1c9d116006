import { registerSecret, type LoginInput } from '@auth/core'
import type { AuthLoginOptions } from './auth-login-options.js'

/**
 * The PAT's login-time input: the token given as `--with-token TOKEN` (the flow warns that argv
 * is visible, its source being an option), else only where the flow reads it from (stdin, or a
 * hidden prompt at a terminal), named in its messages. Pass it as `auth.login('pat', { input, stdin })`.
 * @example `patInput({ token: 'dvp_x', ... }).input` is `{ token: 'dvp_x', source: '--with-token' }`
 */
export function patInput(options: Pick<AuthLoginOptions, 'token' | 'tokenFrom'>): { input?: LoginInput } {
  if (options.token !== undefined) {
    registerSecret(options.token)
    return { input: { token: options.token, source: '--with-token' } }
  }
  return { input: { source: options.tokenFrom === '--token-stdin' ? 'stdin (--token-stdin)' : 'stdin (--with-token)' } }
}
