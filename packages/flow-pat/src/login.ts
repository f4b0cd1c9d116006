import { silentLogger, type Credential, type LoginContext } from '@auth/core'
import { ARGV_TOKEN_WARNING } from './argv-token-warning.js'
import { discoverUserinfo } from './discover-userinfo.js'
import type { Settings } from './options.js'
import { parsePat } from './parse-pat.js'
import { readToken } from './read-token.js'
import type { PatProfile } from './types.js'
import { validatePat } from './validate-pat.js'

/** The PAT flow's `login`: read the token (login-time input), clean, validate (when a profile URL is known), build the credential. Internal. */
export async function login(settings: Settings, ctx: LoginContext): Promise<Credential> {
  const logger = ctx.logger ?? settings.logger ?? silentLogger
  const warn = (message: string): void => (ctx.output ? ctx.output.warn(message) : logger.warn(message))
  const input = await readToken(settings, ctx)
  if (input.fromArgv) warn(ARGV_TOKEN_WARNING)
  const token = parsePat(input.raw, input.source)
  const runtime = { fetch: ctx.fetch ?? settings.fetch, signal: ctx.signal, logger, allowInsecure: settings.allowInsecure }
  const url = settings.profileUrl ?? (settings.issuer && (await discoverUserinfo(settings.issuer, runtime)))
  let profile: PatProfile = {}
  if (url) {
    profile = await validatePat({ ...runtime, url, token, headers: settings.tenantHeaders })
  } else {
    warn(`the token for ${settings.host} was not validated: no profile URL is known; set the "profileUrl" (or "issuer") option to check tokens before saving`)
  }
  return toCredential(token, profile, settings, (ctx.now ?? settings.now ?? Date.now)())
}

function toCredential(token: string, profile: PatProfile, settings: Settings, now: number): Credential {
  const { scopes = [], expiresAt, ...account } = profile
  return {
    accessToken: token,
    tokenType: 'Bearer',
    scopes,
    account,
    flow: 'pat',
    obtainedAt: now,
    ...(expiresAt !== undefined && { expiresAt }),
    ...(settings.tenant !== undefined && { tenant: settings.tenant }),
  }
}
