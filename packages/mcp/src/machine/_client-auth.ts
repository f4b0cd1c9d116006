// How a machine client authenticates at a token endpoint: the method (asked for, or chosen
// from what the server lists) and openid-client's ClientAuth with the secret or key read now. Internal.
import { ConfigError } from '@auth/core'
import { ClientSecretPost, None, PrivateKeyJwt, type ClientAuth } from 'openid-client'
import { importSigningKey } from './_private-key.js'
import { readClientSecret, readPrivateKey } from './_sources.js'
import type { MachineAuthMethod, MachineClient } from './types.js'

type Env = Readonly<Record<string, string | undefined>>

/** What the server says about client authentication (RFC 8414 §2). */
export interface AuthMetadata {
  readonly token_endpoint_auth_methods_supported?: unknown
  readonly token_endpoint_auth_signing_alg_values_supported?: unknown
}

/** The client authentication and the method chosen; a client with neither secret nor key is public (`none`). */
export async function clientAuth(client: MachineClient, metadata: AuthMetadata, env: Env, where: string): Promise<{ auth: ClientAuth; method: MachineAuthMethod | 'none' }> {
  const method = chooseMethod(client, metadata.token_endpoint_auth_methods_supported, where)
  if (method === 'none') return { auth: None(), method }
  if (method === 'private_key_jwt') {
    const text = await readPrivateKey(client.privateKey as NonNullable<MachineClient['privateKey']>, env)
    const key = await importSigningKey(text, describeKey(client), { alg: client.signingAlgorithm, kid: client.keyId })
    assertAlgSupported(key.alg, metadata.token_endpoint_auth_signing_alg_values_supported, where)
    return { auth: PrivateKeyJwt(key.kid === undefined ? key.key : { key: key.key, kid: key.kid }), method }
  }
  const secret = await readClientSecret(client.clientSecret as NonNullable<MachineClient['clientSecret']>, env)
  return { auth: method === 'client_secret_post' ? ClientSecretPost(secret) : clientSecretBasic(secret), method }
}

/**
 * `client_secret_basic` with the id and secret encoded as RFC 6749 §2.3.1 says
 * (`application/x-www-form-urlencoded`, Appendix B: `-`, `.`, `_`, `*` and alphanumerics stay as
 * they are). openid-client also escapes `-._*`, which servers that do not form-decode the
 * credentials (the MCP conformance suite's among them) refuse; every server that decodes them
 * reads both the same.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export function clientSecretBasic(secret: string): ClientAuth {
  return (_as, client, _body, headers) => {
    const credentials = `${formEncode(client.client_id)}:${formEncode(secret)}`
    headers.set('authorization', `Basic ${Buffer.from(credentials, 'utf8').toString('base64')}`)
  }
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2)
}

/**
 * The method asked for, checked against what the client holds; else `private_key_jwt` for a
 * key, else `client_secret_basic` when the server lists it or lists nothing, else `client_secret_post`.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when the method does not fit, or the server takes none the client can do.
 */
export function chooseMethod(client: MachineClient, supported: unknown, where: string): MachineAuthMethod | 'none' {
  const { authMethod, privateKey, clientSecret } = client
  if (authMethod === 'private_key_jwt' && privateKey === undefined) throw misfit('private_key_jwt needs "privateKey"')
  if ((authMethod === 'client_secret_basic' || authMethod === 'client_secret_post') && clientSecret === undefined) throw misfit(`${authMethod} needs "clientSecret"`)
  if (authMethod !== undefined) return authMethod
  const listed = Array.isArray(supported) ? supported.filter((m): m is string => typeof m === 'string') : undefined
  if (privateKey !== undefined && (listed === undefined || listed.includes('private_key_jwt') || clientSecret === undefined)) return 'private_key_jwt'
  if (clientSecret === undefined) return 'none'
  if (listed === undefined || listed.includes('client_secret_basic')) return 'client_secret_basic'
  if (listed.includes('client_secret_post')) return 'client_secret_post'
  throw new ConfigError(`@auth/mcp: ${where} takes none of client_secret_basic, client_secret_post (it lists: ${clean(listed)})`, {
    hint: 'give the client a private key ("privateKey") for private_key_jwt, or set "authMethod"',
  })
}

function assertAlgSupported(alg: string, supported: unknown, where: string): void {
  if (!Array.isArray(supported) || supported.includes(alg)) return
  throw new ConfigError(`@auth/mcp: ${where} does not take ${alg} client assertions (it lists: ${clean(supported)})`, {
    hint: 'set "signingAlgorithm" to one it lists, with a key that fits it',
  })
}

function misfit(what: string): ConfigError {
  return new ConfigError(`@auth/mcp: ${what}`, { hint: 'give the secret or key the method needs, or leave "authMethod" out' })
}

function describeKey(client: MachineClient): string {
  const source = client.privateKey
  if (source === undefined) return 'the private key'
  if ('env' in source) return `the environment variable ${source.env}`
  if ('file' in source) return `the file ${source.file}`
  return source.label
}

/** A server-supplied list, made safe to print. */
function clean(values: readonly unknown[]): string {
  const text = values
    .filter((v): v is string => typeof v === 'string')
    .slice(0, 8)
    .join(', ')
    .replace(/[^\w, .:-]/g, '')
    .slice(0, 200)
  return text === '' ? 'nothing' : text
}
