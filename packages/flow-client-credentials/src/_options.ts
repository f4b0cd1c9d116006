import type { RuntimeOptions } from '@auth/core'
import { optionChecker, type OptionChecker } from '@auth/core/kit'
import { checkSecretSource } from './_secret-source.js'
import { checkTokenParameters, type TokenParameters } from './_token-parameters.js'
import type { ClientAuthMethod, ClientCredentialsFlowOptions, SecretSource } from './types.js'

const METHODS: readonly string[] = ['client_secret_basic', 'client_secret_post', 'private_key_jwt']

/** {@link ClientCredentialsFlowOptions}, checked and normalised. Internal. */
export interface Settings extends Readonly<RuntimeOptions> {
  readonly issuer: URL
  readonly clientId: string
  readonly secret: SecretSource
  readonly authMethod: ClientAuthMethod | undefined
  readonly params: TokenParameters
  /** The product's command, for hints; undefined: hints name no command. */
  readonly name: string | undefined
  /** The product's own login command for this flow, named in hints instead of `<name> auth login --client-credentials`. */
  readonly loginCommand: string | undefined
  readonly env: Record<string, string | undefined> | undefined
}

/**
 * Checks the factory options at once (core's `optionChecker`), so a mistake shows before any
 * request. The secret is not read here: it is read when a token is requested.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) naming the option.
 */
export function resolveOptions(options: ClientCredentialsFlowOptions): Settings {
  const check: OptionChecker = optionChecker('@auth/flow-client-credentials', 'createClientCredentialsFlow')
  check.record(options, 'options')
  const allowInsecure = check.optionalBoolean(options.allowInsecure, 'allowInsecure') ?? false
  const { authMethod, env } = options
  if (authMethod !== undefined && !METHODS.includes(authMethod)) check.fail('authMethod', `must be one of ${METHODS.join(', ')}`)
  if (env !== undefined) check.record(env, 'env')
  return {
    issuer: check.httpUrl(options.issuer, 'issuer', { allowInsecure, issuer: true }),
    clientId: check.string(options.clientId, 'clientId', 'pass the OAuth client id registered for this client as "clientId"').trim(),
    secret: checkSecretSource(options.secret, 'createClientCredentialsFlow'),
    authMethod,
    params: checkTokenParameters(options.scopes, options.audience, options.resource),
    name: check.productName(options.name, 'name'),
    loginCommand: check.optionalString(options.loginCommand, 'loginCommand'),
    env,
    ...check.runtime(options as unknown as Record<string, unknown>),
  }
}
