// The profile behind a fresh access token, for `whoami`. Internal.
import { toAuthError, type Output } from '@auth/core'
import { badResponse, createFlowFetch, isRecord, readJsonResponse } from '@auth/core/kit'
import { fetchUserInfo, skipSubjectCheck, type Configuration } from 'openid-client'
import { cancelledError } from './_errors.js'
import type { Runtime } from './_runtime.js'

/**
 * Fetches the profile: `profileUrl` when set, else the OIDC userinfo endpoint (checked
 * against the ID token's `sub`), else nothing. A failure does not lose the login (the device
 * code is spent): it is a warning, and the account then comes from the ID token alone.
 *
 * @throws CancelledError `CANCELLED` when the signal aborted.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#UserInfo
 */
export async function fetchProfile(config: Configuration, accessToken: string, sub: string | undefined, profileUrl: URL | undefined, runtime: Runtime, output: Output | undefined): Promise<unknown> {
  const userinfo = config.serverMetadata().userinfo_endpoint
  try {
    if (profileUrl !== undefined) return await fetchJson(profileUrl, accessToken, runtime)
    if (typeof userinfo !== 'string') return {}
    return await fetchUserInfo(config, accessToken, sub ?? skipSubjectCheck)
  } catch (error) {
    if (runtime.signal?.aborted) throw cancelledError(error)
    const host = (profileUrl ?? new URL(userinfo ?? config.serverMetadata().issuer)).origin
    const mapped = toAuthError(error, { operation: 'profile request', host })
    output?.warn(`${mapped.message}; the account name comes from the ID token only`)
    return {}
  }
}

/** GET `url` with the bearer token; the answer must be a 200 with a JSON object (read bounded, 1 MiB). */
async function fetchJson(url: URL, accessToken: string, runtime: Runtime): Promise<unknown> {
  const fetch = createFlowFetch({ fetch: runtime.fetch, logger: runtime.logger, signal: runtime.signal })
  const response = await fetch(url.href, {
    method: 'GET',
    redirect: 'manual',
    headers: { accept: 'application/json', authorization: `Bearer ${accessToken}` },
  })
  if (response.status !== 200) {
    await response.body?.cancel()
    throw badProfile(url, `answered HTTP ${response.status}`)
  }
  const body = await readJsonResponse(response, { operation: 'profile request', where: `${url.origin}${url.pathname}` })
  if (!isRecord(body)) throw badProfile(url, 'did not answer a JSON object')
  return body
}

function badProfile(url: URL, what: string): Error {
  return badResponse(`${url.origin}${url.pathname} ${what}`, { operation: 'profile request' })
}
