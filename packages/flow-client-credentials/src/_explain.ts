import { OAuthError, type AuthError } from '@auth/core'
import { describeSource } from './_secret-source.js'
import type { ClientAuthMethod, SecretSource } from './types.js'

/** What the request was, to say in a hint. Internal. */
export interface RequestFacts {
  clientId: string
  method: ClientAuthMethod
  source: SecretSource
  scopes: readonly string[] | undefined
}

/**
 * Adds what this flow knows to the hint of an OAuth error that core's `toAuthError` mapped
 * (the code, message and exit code stay core's): the client id, the auth method and the secret
 * source for `invalid_client` / `unauthorized_client`; the scopes asked for on `invalid_scope`.
 * Never a secret. Internal.
 */
export function explain(error: AuthError, facts: RequestFacts): AuthError {
  if (!OAuthError.isInstance(error)) return error
  const extra = detail(error.error, facts)
  if (extra === undefined) return error
  return new OAuthError(error.message, {
    code: error.code,
    exitCode: error.exitCode,
    error: error.error,
    cause: error,
    hint: `${error.hint ? `${error.hint}; ` : ''}${extra}`,
    ...(error.errorDescription !== undefined && { errorDescription: error.errorDescription }),
    ...(error.status !== undefined && { status: error.status }),
  })
}

function detail(code: string, facts: RequestFacts): string | undefined {
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return `client id "${facts.clientId}", ${facts.method} with the secret from ${describeSource(facts.source)}`
  }
  if (code === 'invalid_scope') return `requested: ${facts.scopes?.length ? facts.scopes.join(' ') : 'no scope (the server default)'}`
  if (code === 'invalid_target') return 'check the resource indicators (the "resource" option) the server accepts'
  return undefined
}
