// `@auth/testing/errors`: what a test asks of a failure. Imports @auth/core (the built one, a peer
// dependency, whose error brand every copy shares), so it is its own entry: the plain entry
// depends on nothing of ours.
import { AuthError } from '@auth/core'

/**
 * The `AuthError` a promise rejects with; fails the test when it resolves or rejects with
 * anything else (`AuthError.isInstance`, the brand, not `instanceof`).
 *
 * @example
 * const error = await authFailure(flow.login(ctx))
 * expect(error).toMatchObject({ code: 'ACCESS_DENIED', exitCode: 4 })
 */
export async function authFailure(promise: Promise<unknown>): Promise<AuthError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!AuthError.isInstance(error)) throw new Error(`expected an AuthError, got ${String(error)}`)
  return error
}
