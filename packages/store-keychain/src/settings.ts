import type { Logger } from '@auth/core'
import { chunkedBackend, WINDOWS_SECRET_LIMIT } from './_chunked-backend.js'
import { invalid } from './_errors.js'
import { guardBackend } from './_guarded-backend.js'
import { createNativeBackend } from './_native-backend.js'
import type { KeychainBackend, KeychainCommonOptions } from './types.js'

/** The default deadline of one keychain call, as `gh` (`internal/keyring/keyring.go`). */
export const DEFAULT_TIMEOUT_MS = 3000

/** The options every helper shares, checked, with the backend wrapped and ready. Internal. */
export interface KeychainSettings {
  /** The keychain service the helper was given. */
  service: string
  timeoutMs: number
  /** The backend behind the deadline, error mapping and (on Windows) chunking. */
  backend: KeychainBackend
  env: NodeJS.ProcessEnv
  /** The keychain's name for messages and `probe()`. */
  location: string
  /** Linux and the BSDs: the Secret Service over D-Bus. */
  secretService: boolean
  /** No `backend` option: the `@napi-rs/keyring` one is in use. */
  native: boolean
  logger: Logger | undefined
}

const CONTROL = /[\u0000-\u001f\u007f]/

/**
 * Checks the shared options at once, so a mistake shows before the keychain is touched.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) naming the function and the option.
 */
export function checkSettings(options: KeychainCommonOptions & { service: string }, where: string): KeychainSettings {
  if (typeof options !== 'object' || options === null) invalid(where, '"options" must be an object')
  const service = checkName(options.service, where, 'service')
  const timeoutMs = checkTimeout(options.timeoutMs, where)
  const env = checkObject(options.env, where, 'env') ?? process.env
  const platform = options.platform ?? process.platform
  if (typeof platform !== 'string') invalid(where, '"platform" must be a string such as "linux"')
  const logger = checkLogger(options.logger, where)
  const secretService = platform !== 'darwin' && platform !== 'win32'
  const location = platform === 'darwin' ? 'macOS Keychain' : platform === 'win32' ? 'Windows Credential Manager' : 'Secret Service'
  const raw = options.backend === undefined ? createNativeBackend({ env, secretService }) : checkBackend(options.backend, where)
  const guarded = guardBackend(raw, { timeoutMs, location, logger })
  const backend = platform === 'win32' ? chunkedBackend(guarded, WINDOWS_SECRET_LIMIT) : guarded
  return { service, timeoutMs, backend, env, location, secretService, native: options.backend === undefined, logger }
}

/** A keychain service or account name: a non-empty string without control characters. */
export function checkName(value: unknown, where: string, name: string): string {
  if (typeof value !== 'string' || value.trim() === '' || CONTROL.test(value)) {
    invalid(where, `"${name}" must be a non-empty string without control characters`)
  }
  return value
}

function checkTimeout(value: unknown, where: string): number {
  if (value === undefined) return DEFAULT_TIMEOUT_MS
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 2_147_483_647) {
    invalid(where, '"timeoutMs" must be a positive number of milliseconds')
  }
  return value
}

function checkObject<T>(value: T | undefined, where: string, name: string): T | undefined {
  if (value !== undefined && (typeof value !== 'object' || value === null)) invalid(where, `"${name}" must be an object`)
  return value
}

function checkBackend(value: KeychainBackend, where: string): KeychainBackend {
  const ok = typeof value === 'object' && value !== null && ['get', 'set', 'delete'].every((m) => typeof (value as unknown as Record<string, unknown>)[m] === 'function')
  if (!ok) invalid(where, '"backend" must be an object with get, set and delete functions')
  return value
}

function checkLogger(value: Logger | undefined, where: string): Logger | undefined {
  const ok = value === undefined || (typeof value === 'object' && value !== null && typeof value.debug === 'function' && typeof value.warn === 'function')
  if (!ok) invalid(where, '"logger" must be a Logger (with debug and warn functions)')
  return value
}
