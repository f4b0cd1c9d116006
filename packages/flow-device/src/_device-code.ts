// The device authorization request and the checks of its response (RFC 8628 §3.1-3.2). Internal.
import { ConfigError, registerSecret, toAuthError } from '@auth/core'
import { badResponse, parseHttpUrl, sanitizeText } from '@auth/core/kit'
import { initiateDeviceAuthorization, type Configuration } from 'openid-client'
import type { DeviceCodeInfo } from './types.js'

/** A device authorization, checked: the secret device code apart from what is shown. */
export interface DeviceCode {
  /** Secret: only ever sent to the token endpoint. */
  readonly deviceCode: string
  readonly info: DeviceCodeInfo
  /** The server's `interval` in ms, when it sent a usable one. */
  readonly intervalMs: number | undefined
}

/**
 * Asks the server for a device code and a user code.
 *
 * @throws ConfigError `CONFIG_ERROR` when the server has no device authorization endpoint;
 *   whatever `toAuthError` maps (OAuthError `INVALID_CLIENT` for an unknown client, NetworkError
 *   ...); NetworkError `BAD_RESPONSE` when the response fails {@link checkDeviceCode}.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.1
 */
export async function requestDeviceCode(config: Configuration, scopes: readonly string[], allowInsecure: boolean, name: string | undefined, resources: readonly string[] = []): Promise<DeviceCode> {
  const origin = new URL(config.serverMetadata().issuer).origin
  if (typeof config.serverMetadata().device_authorization_endpoint !== 'string') {
    throw new ConfigError(`the server at ${origin} does not offer the device flow (no device_authorization_endpoint)`, {
      hint: name === undefined ? 'log in with the browser (authorization code) flow instead' : `log in with the browser instead: \`${name} auth login --web\``,
    })
  }
  let response: unknown
  try {
    const parameters = new URLSearchParams(resources.map((resource): [string, string] => ['resource', resource]))
    if (scopes.length > 0) parameters.set('scope', scopes.join(' '))
    response = await initiateDeviceAuthorization(config, parameters)
  } catch (error) {
    throw toAuthError(error, { operation: 'device authorization', host: origin })
  }
  return checkDeviceCode(response, { allowInsecure, origin })
}

/**
 * Checks every field of a device authorization response that the flow shows or opens: the user
 * code must be printable, the verification URIs must be http(s) URLs allowed like the issuer
 * (https, or http on loopback / with `allowInsecure`), `expires_in` positive. An `interval`
 * that is not a positive number of at most an hour is ignored (the 5 s default applies).
 * Registers the device code as a secret.
 *
 * @throws NetworkError `BAD_RESPONSE` (exit 5) naming the field, never its value.
 * @see https://www.rfc-editor.org/rfc/rfc8628#section-3.2
 */
export function checkDeviceCode(value: unknown, options: { allowInsecure: boolean; origin: string }): DeviceCode {
  const body = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  const bad = (field: string, what: string): never => {
    throw badResponse(`"${field}" ${what}`, {
      operation: 'device authorization',
      where: options.origin,
      hint: 'check the issuer URL: the server does not answer like an RFC 8628 server',
    })
  }
  const deviceCode = secretCode(body['device_code']) ?? bad('device_code', 'is missing or malformed')
  const info: DeviceCodeInfo = {
    verification_uri: allowedUrl(body['verification_uri'], options.allowInsecure) ?? bad('verification_uri', 'is not an https URL'),
    user_code: printable(body['user_code']) ?? bad('user_code', 'is missing or not printable text'),
    expires_in: positive(body['expires_in']) ?? bad('expires_in', 'is not a positive number'),
  }
  if (body['verification_uri_complete'] !== undefined) {
    info.verification_uri_complete = allowedUrl(body['verification_uri_complete'], options.allowInsecure) ?? bad('verification_uri_complete', 'is not an https URL')
  }
  registerSecret(deviceCode)
  return { deviceCode, info, intervalMs: intervalMs(body['interval']) }
}

function secretCode(value: unknown): string | undefined {
  return typeof value === 'string' && /^[\x21-\x7e]{1,2048}$/.test(value) ? value : undefined
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined
}

function printable(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed.length > 0 && trimmed.length <= 128 && sanitizeText(trimmed, 128) === trimmed ? trimmed : undefined
}

function allowedUrl(value: unknown, allowInsecure: boolean): string | undefined {
  if (typeof value !== 'string' || value.length > 2048 || sanitizeText(value, 2048) !== value) return undefined
  try {
    return parseHttpUrl(value, { option: 'verification_uri', allowInsecure }).href
  } catch {
    return undefined
  }
}

function intervalMs(value: unknown): number | undefined {
  return typeof value === 'number' && value > 0 && value <= 3600 ? value * 1000 : undefined
}
