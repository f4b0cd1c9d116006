import { oauthMapping } from '../errors/oauth-error-table.js'
import { parseHttpUrl } from '../kit/parse-http-url.js'
import { sanitizeText } from '../kit/sanitize-text.js'
import { assertSameServer, type OAuthConfigLike } from './assert-same-server.js'
import { AuthError } from '../errors/auth-error.js'
import { badResponse } from '../errors/bad-response.js'
import { createFlowFetch } from '../kit/flow-fetch.js'
import { ErrorCode, ExitCode } from '../errors/codes.js'
import { NetworkError, OAuthError } from '../errors/classes.js'
import { whileNotAborted, type FlowRuntime } from './flow-runtime.js'
import { toAuthError } from '../errors/from-oauth-client-error.js'
import { readJsonResponse } from '../kit/read-response.js'
import type { Credential, Logger } from '../model/types.js'

/**
 * Client authentication for a request to the authorization server, in openid-client's `ClientAuth`
 * shape (`ClientSecretBasic(secret)`, `ClientSecretPost(secret)`, `PrivateKeyJwt(key)`, `None()`
 * fit as they are): it adds to the form `body` and the `headers`.
 */
export type ClientAuthLike = (
  server: { issuer: string } & Record<string, unknown>,
  client: { client_id: string } & Record<string, unknown>,
  body: URLSearchParams,
  headers: Headers,
) => void | Promise<void>

/** The tokens of a credential to revoke. */
export interface RevocableTokens {
  refreshToken?: string | undefined
  accessToken?: string | undefined
}

/** Options of {@link revokeTokens}. */
export interface RevokeTokensOptions {
  /** The server's `revocation_endpoint` (https, or http on loopback / with `allowInsecure`). */
  endpoint: string | URL
  /** The client the tokens were issued to. */
  clientId: string
  /** How the client authenticates; default a public client (`client_id` in the body). */
  clientAuth?: ClientAuthLike | undefined
  /** The server's metadata as `clientAuth` sees it (`private_key_jwt` signs for its `issuer`); default `{ issuer: <endpoint origin> }`. */
  server?: ({ issuer: string } & Record<string, unknown>) | undefined
  /** Allow a plain `http://` endpoint that is not loopback. */
  allowInsecure?: boolean | undefined
  fetch?: typeof globalThis.fetch | undefined
  logger?: Logger | undefined
  signal?: AbortSignal | undefined
}

/**
 * Revokes a credential at the authorization server (RFC 7009): the refresh token first (which
 * ends the whole grant on most servers), then the access token, each with its `token_type_hint`.
 * Both are tried even when the first fails; the first failure is thrown after, for the caller to
 * report as a warning (a logout still deletes the local copy). A server that answers
 * `unsupported_token_type` does not revoke that kind of token: not an error.
 *
 * @throws OAuthError (exit 4) for an OAuth error answer (`invalid_client`: `INVALID_CLIENT`, ...);
 *   NetworkError `NETWORK_ERROR` (exit 5) when unreachable or on a 5xx/429, `BAD_RESPONSE` on
 *   another status; CancelledError `CANCELLED` when `signal` aborts; ConfigError `CONFIG_ERROR`
 *   for an endpoint that is not https.
 * @example
 * ```ts
 * const server = await metadata(...)
 * if (server.revocation_endpoint) {
 *   await revokeTokens(credential, { endpoint: server.revocation_endpoint, clientId, clientAuth: ClientSecretBasic(secret), server })
 *     .catch((e) => output.warn(`could not revoke the token: ${e.message}`))
 * }
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
export async function revokeTokens(tokens: RevocableTokens, options: RevokeTokensOptions): Promise<void> {
  const endpoint = parseHttpUrl(options?.endpoint, { where: '@auth/core: revokeTokens', option: 'endpoint', allowInsecure: options?.allowInsecure === true })
  const fetch = createFlowFetch({ fetch: options.fetch, logger: options.logger, signal: options.signal })
  const pairs: Array<[unknown, string]> = [
    [tokens?.refreshToken, 'refresh_token'],
    [tokens?.accessToken, 'access_token'],
  ]
  let failure: AuthError | undefined
  for (const [token, hint] of pairs) {
    if (typeof token !== 'string' || token === '') continue
    try {
      await revokeOne(fetch, endpoint, token, hint, options)
    } catch (error) {
      failure ??= AuthError.isInstance(error) ? error : toAuthError(error, { operation: 'revocation', host: endpoint.host })
      if (options.signal?.aborted) break
    }
  }
  if (failure !== undefined) throw failure
}

/** Options of {@link revokeCredential}. */
export interface RevokeCredentialOptions {
  /** The client configuration of this call (openid-client's `Configuration`). */
  config: () => Promise<OAuthConfigLike>
  /** Allow a plain `http://` endpoint that is not loopback (the flow's `allowInsecure`). */
  allowInsecure: boolean
  runtime: FlowRuntime
  /** How to log in to the configured server when the credential is another's ({@link assertSameServer}). */
  sameServerHint: (issuer: string) => string
  /** The package's CancelledError for an abort. */
  cancelled: (cause: unknown) => Error
}

/**
 * A public client's logout at the server: {@link revokeTokens} for the credential, at the
 * `revocation_endpoint` of the configured server, only when it is the server and client the
 * credential came from. Does nothing (a debug line) when the server has no revocation endpoint.
 *
 * @throws AuthenticationError `LOGIN_REQUIRED` for another server; what {@link revokeTokens}
 *   throws; what `cancelled` returns after an abort.
 * @example
 * ```ts
 * await revokeCredential(credential, { config: () => configFor(runtime), allowInsecure, runtime, cancelled,
 *   sameServerHint: (issuer) => `log in to ${issuer} with the device flow` })
 * ```
 * @see https://www.rfc-editor.org/rfc/rfc7009#section-2.1
 */
export async function revokeCredential(credential: Credential, o: RevokeCredentialOptions): Promise<void> {
  const { runtime } = o
  const config = await whileNotAborted(o.config, runtime.signal, o.cancelled)
  const server = config.serverMetadata()
  const endpoint = server.revocation_endpoint
  if (typeof endpoint !== 'string') {
    runtime.logger?.debug(`${server.issuer} has no revocation endpoint: nothing to revoke`)
    return
  }
  assertSameServer(credential, config, o.sameServerHint(server.issuer))
  const options = { endpoint, clientId: config.clientMetadata().client_id, allowInsecure: o.allowInsecure, fetch: runtime.fetch, logger: runtime.logger, signal: runtime.signal }
  await whileNotAborted(() => revokeTokens(credential, options), runtime.signal, o.cancelled)
}

async function revokeOne(fetch: typeof globalThis.fetch, endpoint: URL, token: string, hint: string, options: RevokeTokensOptions): Promise<void> {
  const body = new URLSearchParams({ token, token_type_hint: hint })
  const headers = new Headers({ accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' })
  const client = { client_id: options.clientId }
  if (options.clientAuth === undefined) body.set('client_id', options.clientId)
  else await options.clientAuth(options.server ?? { issuer: endpoint.origin }, client, body, headers)
  let response: Response
  try {
    response = await fetch(endpoint, { method: 'POST', body, headers, redirect: 'manual' })
  } catch (error) {
    throw toAuthError(error, { operation: 'revocation', host: endpoint.host })
  }
  if (response.status === 200) {
    await response.body?.cancel().catch(() => {})
    return
  }
  await refusal(response, endpoint, hint, options.logger)
}

async function refusal(response: Response, endpoint: URL, hint: string, logger: Logger | undefined): Promise<void> {
  const where = `${endpoint.origin}${endpoint.pathname}`
  const body = await readJsonResponse(response, { operation: 'revocation', where, maxBytes: 64 * 1024 }).catch(() => undefined)
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
  const error = typeof fields['error'] === 'string' && fields['error'] !== '' ? sanitizeText(fields['error'], 80) : undefined
  if (error === 'unsupported_token_type') {
    logger?.debug(`${where} does not revoke ${hint === 'refresh_token' ? 'refresh' : 'access'} tokens (unsupported_token_type)`)
    return
  }
  const status = response.status
  if (error !== undefined && status >= 400 && status < 500) {
    const description = typeof fields['error_description'] === 'string' ? sanitizeText(fields['error_description']) : undefined
    const { code, hint: fix } = oauthMapping(error)
    throw new OAuthError(`revocation failed: the server answered ${error}${description ? `: ${description}` : ''}`, {
      code,
      hint: fix,
      error,
      status,
      ...(description !== undefined && { errorDescription: description }),
    })
  }
  if (status >= 500 || status === 429) {
    throw new NetworkError(`revocation failed: ${where} answered HTTP ${status}`, { code: ErrorCode.NETWORK_ERROR, exitCode: ExitCode.NETWORK, hint: 'try again later' })
  }
  throw badResponse(`HTTP ${status}`, { operation: 'revocation', where })
}
