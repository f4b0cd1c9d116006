import { CancelledError, silentLogger, type Credential, type LoginContext } from '@auth/core'
import type { PatConfig } from './_check-options.js'
import { discoverUserinfo } from './_discover-userinfo.js'
import { ARGV_TOKEN_WARNING } from './argv-token-warning.js'
import { parsePat } from './parse-pat.js'
import { validatePat } from './validate-pat.js'
import type { PatProfile } from './types.js'

/** The PAT flow's `login`: read, clean, validate (when a profile URL is known), build the credential. Internal. */
export async function login(config: PatConfig, ctx: LoginContext): Promise<Credential> {
  const logger = ctx.logger ?? config.logger ?? silentLogger
  const warn = (message: string): void => (ctx.output ? ctx.output.warn(message) : logger.warn(message))
  if (config.warnArgv) warn(ARGV_TOKEN_WARNING)
  const token = parsePat(await readToken(config, ctx.signal), config.source)
  const runtime = { fetch: ctx.fetch ?? config.fetch, signal: ctx.signal, logger, allowInsecure: config.allowInsecure }
  const url = config.profileUrl ?? (config.issuer && (await discoverUserinfo(config.issuer, runtime)))
  let profile: PatProfile = {}
  if (url) {
    profile = await validatePat({ ...runtime, url, token, headers: config.tenantHeaders })
  } else {
    warn(`the token for ${config.host} was not validated: no profile URL is known; set the "profileUrl" (or "issuer") option to check tokens before saving`)
  }
  return toCredential(token, profile, config, (ctx.now ?? config.now ?? Date.now)())
}

async function readToken(config: PatConfig, signal: AbortSignal | undefined): Promise<string> {
  if (signal?.aborted) throw new CancelledError('login cancelled')
  const raw = await config.readToken()
  if (signal?.aborted) throw new CancelledError('login cancelled')
  return raw
}

function toCredential(token: string, profile: PatProfile, config: PatConfig, now: number): Credential {
  const { scopes = [], expiresAt, ...account } = profile
  return {
    accessToken: token,
    tokenType: 'Bearer',
    scopes,
    account,
    flow: 'pat',
    obtainedAt: now,
    ...(expiresAt !== undefined && { expiresAt }),
    ...(config.tenant !== undefined && { tenant: config.tenant }),
  }
}
