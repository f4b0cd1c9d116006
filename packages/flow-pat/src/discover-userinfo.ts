import { ErrorCode, ExitCode, NetworkError, type Logger } from '@auth/core'
import { isRecord, parseHttpUrl, readJsonResponse } from '@auth/core/kit'
import { badResponse } from './bad-response.js'
import { get } from './get.js'

const OPERATION = 'discovery'

/** What {@link discoverUserinfo} needs. Internal. */
export interface DiscoverOptions {
  allowInsecure: boolean
  fetch?: typeof globalThis.fetch | undefined
  signal?: AbortSignal | undefined
  logger?: Logger | undefined
}

/**
 * The issuer's OIDC `userinfo_endpoint`, from a plain fetch of
 * `<issuer>/.well-known/openid-configuration` whose `issuer` must match. `undefined` when the
 * server has no discovery document (4xx) or it names no userinfo endpoint. Internal.
 * @throws NetworkError `NETWORK_ERROR` when unreachable or 5xx, `BAD_RESPONSE` on a malformed document.
 * @see https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderConfig
 */
export async function discoverUserinfo(issuer: URL, options: DiscoverOptions): Promise<URL | undefined> {
  const base = `${issuer.origin}${issuer.pathname.replace(/\/+$/, '')}`
  const url = new URL(`${base}/.well-known/openid-configuration`)
  const response = await get(url, { headers: { accept: 'application/json' }, operation: OPERATION, ...options })
  const where = `${url.origin}${url.pathname}`
  if (response.status >= 500 || response.status === 429) {
    throw new NetworkError(`${OPERATION} failed: ${where} answered HTTP ${response.status}`, { code: ErrorCode.NETWORK_ERROR, exitCode: ExitCode.NETWORK, hint: 'try again later' })
  }
  if (response.status >= 400) return undefined
  if (response.status > 299) throw badResponse(where, `HTTP ${response.status}`)
  const doc = await readJsonResponse(response, { where }).catch(notJson)
  if (!isRecord(doc)) throw badResponse(where, 'the discovery document is not a JSON object')
  if (typeof doc['issuer'] !== 'string' || doc['issuer'].replace(/\/+$/, '') !== base) throw badResponse(where, '"issuer" does not match the issuer URL')
  return userinfoUrl(doc['userinfo_endpoint'], where, options.allowInsecure)
}

function userinfoUrl(value: unknown, where: string, allowInsecure: boolean): URL | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'string') throw badResponse(where, '"userinfo_endpoint" must be a string')
  try {
    return parseHttpUrl(value, { option: 'userinfo_endpoint', allowInsecure })
  } catch {
    throw badResponse(where, '"userinfo_endpoint" is not an https URL')
  }
}

/** A body that is not JSON (or too large) reads as `undefined`; a failure to read still throws. */
export function notJson(error: unknown): undefined {
  if ((error as { code?: unknown } | null)?.code === ErrorCode.BAD_RESPONSE) return undefined
  throw error
}
