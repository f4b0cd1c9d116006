// Approving or denying a device authorization without a browser: what oidc-provider's
// verification pages would store on the device code once the user has acted.
import type { DeviceCodeModel, Provider } from 'oidc-provider'
import { isValidLogin } from './_accounts.js'
import { DEFAULT_LOGIN, DEV_SCOPES } from './constants.js'
import type { ApproveDeviceOptions } from './types.js'

/**
 * Marks the device code as approved by `options.login`, granting the scopes it asked for.
 * @throws Error when the user code is unknown, expired or already used, or the login is malformed.
 */
export async function approveDevice(provider: Provider, userCode: string, options: ApproveDeviceOptions = {}): Promise<void> {
  const login = options.login ?? DEFAULT_LOGIN
  if (!isValidLogin(login)) throw new TypeError('@auth/dev-server: approveDevice: "login" must be 1-64 characters of [A-Za-z0-9_.@+-]')
  const code = await pendingCode(provider, userCode)
  const requested = typeof code.params?.['scope'] === 'string' ? code.params['scope'].split(' ') : []
  const scope = requested.filter((s) => (DEV_SCOPES as readonly string[]).includes(s)).join(' ')
  const grant = new provider.Grant({ accountId: login, clientId: code.clientId })
  if (scope !== '') grant.addOIDCScope(scope)
  const grantId = await grant.save()
  Object.assign(code, { accountId: login, grantId, scope, authTime: Math.floor(Date.now() / 1000) })
  await code.save()
}

/**
 * Marks the device code as denied: the next poll gets `access_denied`.
 * @throws Error when the user code is unknown, expired or already used.
 */
export async function denyDevice(provider: Provider, userCode: string): Promise<void> {
  const code = await pendingCode(provider, userCode)
  Object.assign(code, { error: 'access_denied', errorDescription: 'End-User denied the device authorization' })
  await code.save()
}

async function pendingCode(provider: Provider, userCode: string): Promise<DeviceCodeModel> {
  const code = await provider.DeviceCode.findByUserCode(normalizeUserCode(userCode))
  if (code === undefined) throw new Error(`@auth/dev-server: no pending device authorization has user code ${userCode}`)
  if (code.accountId !== undefined || code.error !== undefined) {
    throw new Error(`@auth/dev-server: the device authorization with user code ${userCode} was already answered`)
  }
  return code
}

/** oidc-provider's normalisation: upper case, separators dropped (`bcdf-ghjk` → `BCDFGHJK`). */
function normalizeUserCode(input: string): string {
  return input.toUpperCase().replace(/\W/g, '')
}
