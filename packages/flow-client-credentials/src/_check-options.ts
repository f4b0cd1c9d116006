import type { Logger } from '@auth/core'
import { invalidOption, isRecord, parseHttpUrl } from '@auth/core/kit'
import { checkSecretSource } from './_secret-source.js'
import { checkTokenParameters, type TokenParameters } from './_token-parameters.js'
import type { ClientAuthMethod, ClientCredentialsFlowOptions, SecretSource } from './types.js'

const PKG = '@auth/flow-client-credentials'
const WHERE = 'createClientCredentialsFlow'
function invalid(what: string, hint?: string): never {
  return invalidOption(PKG, WHERE, what, hint)
}
const METHODS: readonly string[] = ['client_secret_basic', 'client_secret_post', 'private_key_jwt']
const CONTROL = /[\u0000-\u001f\u007f]/

/** {@link ClientCredentialsFlowOptions}, checked and normalised. Internal. */
export interface FlowConfig {
  issuer: URL
  /** Plain http: openid-client must be told to allow it (loopback, or `allowInsecure`). */
  insecure: boolean
  clientId: string
  secret: SecretSource
  authMethod: ClientAuthMethod | undefined
  params: TokenParameters
  env: Record<string, string | undefined> | undefined
  fetch: typeof globalThis.fetch | undefined
  logger: Logger | undefined
  now: (() => number) | undefined
}

/**
 * Checks the factory options at once, so a mistake shows before any request. The secret is not
 * read here: it is read when a token is requested.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) naming the option.
 */
export function checkOptions(options: ClientCredentialsFlowOptions): FlowConfig {
  if (!isRecord(options)) invalid('"options" must be an object')
  if (options.allowInsecure !== undefined && typeof options.allowInsecure !== 'boolean') invalid('"allowInsecure" must be a boolean')
  const issuer = parseHttpUrl(options.issuer, { where: `${PKG}: ${WHERE}`, option: 'issuer', noQuery: true, allowInsecure: options.allowInsecure === true })
  const { clientId, authMethod, env } = options
  if (typeof clientId !== 'string' || clientId.trim() === '' || CONTROL.test(clientId))
    invalid('"clientId" must be a non-empty string', 'pass the OAuth client id registered for this client as "clientId"')
  if (authMethod !== undefined && !METHODS.includes(authMethod)) invalid(`"authMethod" must be one of ${METHODS.join(', ')}`)
  if (env !== undefined && !isRecord(env)) invalid('"env" must be an object')
  for (const name of ['fetch', 'now'] as const) if (options[name] !== undefined && typeof options[name] !== 'function') invalid(`"${name}" must be a function`)
  return {
    issuer,
    insecure: issuer.protocol === 'http:',
    clientId: clientId.trim(),
    secret: checkSecretSource(options.secret, WHERE),
    authMethod,
    params: checkTokenParameters(options.scopes, options.audience, options.resource),
    env,
    fetch: options.fetch,
    logger: options.logger,
    now: options.now,
  }
}
