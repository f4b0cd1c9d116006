import { AuthenticationError, ErrorCode, silentLogger, type Credential, type LoginContext, type HintKeyValue } from '@auth/core'
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
    const validated = validatePat({ ...runtime, url, token, headers: settings.tenantHeaders })
    profile = settings.profileUrl === undefined ? await validated.catch(userinfoRefused) : await validated
  } else {
    warn(`the token for ${settings.host} was not validated: no profile URL is known; set the "profileUrl" (or "issuer") option to check tokens before saving`)
  }
  return toCredential(token, profile, settings, (ctx.now ?? settings.now ?? Date.now)())
}

/**
 * The default identity endpoint (the issuer's OIDC userinfo) refused the token: many APIs issue
 * tokens that userinfo does not know, so the error says which endpoint was asked and that the
 * "profileUrl" option names another (`HintKey.USERINFO_REFUSED_TOKEN` for the product's flag).
 */
function userinfoRefused(error: unknown): never {
  if (!AuthenticationError.isInstance(error) || error.code !== ErrorCode.INVALID_TOKEN) throw error
  throw new AuthenticationError(error.message.replace(/^invalid token: (\S+) refused it/, "invalid token: $1 (the issuer's OpenID userinfo, the default identity endpoint) refused it"), {
    code: ErrorCode.INVALID_TOKEN,
    hint: 'if the token is for an API rather than for OpenID userinfo, set the "profileUrl" option to its profile endpoint; else the token is mistyped, expired or revoked',
    hintKey: 'userinfo-refused-token' satisfies HintKeyValue,
    cause: error,
  })
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
