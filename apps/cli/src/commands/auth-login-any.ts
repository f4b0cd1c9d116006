import type { BeginLoginResult } from '@auth/core'
import type { CommandSpec } from '../command.js'
import type { CliContext } from '../context.js'
import { authLoginCommand, type AuthLoginResult } from './auth-login.js'
import type { AuthLoginOptions } from './auth-login-options.js'
import { renderBeginLogin, renderResumeLogin, runBeginLogin, runResumeLogin, type ResumeOutcome } from './auth-login-pending.js'

/** What `auth login` did: a login, a login begun (`--begin`), or one resumed (`--resume`). */
export type AuthLoginOutcome = { kind: 'login'; result: AuthLoginResult } | { kind: 'begin'; result: BeginLoginResult } | { kind: 'resume'; result: ResumeOutcome }

/**
 * `auth login` with its non-blocking halves: `--begin` and `--resume HANDLE [--no-wait]` run the
 * session's `beginLogin` / `resumeLogin`; anything else is {@link authLoginCommand}.
 */
export async function runAuthLoginAny(options: AuthLoginOptions, ctx: CliContext): Promise<AuthLoginOutcome> {
  if (options.begin === true) return { kind: 'begin', result: await runBeginLogin(options, ctx) }
  if (options.resume !== undefined) return { kind: 'resume', result: await runResumeLogin(options, ctx) }
  return { kind: 'login', result: await authLoginCommand.run(options, ctx) }
}

/** Renders each as its own command does. */
export function renderAuthLoginAny(outcome: AuthLoginOutcome, ctx: CliContext): void {
  if (outcome.kind === 'begin') return renderBeginLogin(outcome.result, ctx)
  if (outcome.kind === 'resume') return renderResumeLogin(outcome.result, ctx, authLoginCommand.render)
  authLoginCommand.render(outcome.result, ctx)
}

export const authLoginAnyCommand: CommandSpec<AuthLoginOptions, AuthLoginOutcome> = {
  id: 'auth login',
  parse: authLoginCommand.parse,
  run: runAuthLoginAny,
  render: renderAuthLoginAny,
}
