import type { Credential, ResolvedProfile } from '@auth/core'
import type { CliContext } from './context.js'
import { loadFlows } from './load-flows.js'
import { createLoginContext } from './login-context.js'
import { renewSettings } from './renew.js'

/**
 * Revokes a credential at the server when its flow can (device: both tokens; client
 * credentials: the access token) and the server offers revocation. Resolves whether a
 * revocation was attempted; a PAT resolves `false` without loading anything.
 * @throws AuthError when the server refuses or cannot be reached (the caller warns).
 * @example `if (await revokeCredential(credential, profile, ctx)) ctx.err.line('revoked')`
 */
export async function revokeCredential(credential: Credential, profile: ResolvedProfile, ctx: CliContext): Promise<boolean> {
  const settings = renewSettings(credential, profile, ctx)
  if (!settings) return false
  const flow = (await loadFlows()).createFlow(settings)
  if (!flow.revoke) return false
  await flow.revoke(credential, createLoginContext(ctx))
  return true
}
