import type { Logger } from '@auth/core'
import { chunkedBackend, WINDOWS_SECRET_LIMIT } from './chunked-backend.js'
import { optionChecker, type OptionChecker } from '@auth/core/kit'
import { PACKAGE } from './errors.js'
import { guardBackend } from './guarded-backend.js'
import { createNativeBackend } from './native-backend.js'
import type { KeychainBackend, KeychainCommonOptions } from './types.js'

/** The default deadline of one keychain call, as `gh` (`internal/keyring/keyring.go`). */
export const DEFAULT_TIMEOUT_MS = 3000

/** The option checker of one of this package's factories (`createKeychainStore()`). Internal. */
export function checker(factory: string): OptionChecker {
  return optionChecker(PACKAGE, factory)
}

/** The options every helper shares, checked, with the backend wrapped and ready. Internal. */
export interface Settings {
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

/**
 * Checks the shared options of `factory` at once, so a mistake shows before the keychain is
 * touched. `service` has no default: it is the product's (`mycli`).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) naming the factory and the option.
 */
export function resolveOptions(options: KeychainCommonOptions & { service: string }, check: OptionChecker): Settings {
  const given: unknown = options
  check.record(given, 'options')
  const service = check.string(options.service, 'service', "pass the product's name, e.g. { service: 'mycli' }")
  const timeoutMs = check.durationMs(options.timeoutMs, 'timeoutMs', { min: 1, max: 2_147_483_647 }, DEFAULT_TIMEOUT_MS)
  if (options.env !== undefined && (typeof options.env !== 'object' || options.env === null)) check.fail('env', 'must be an object')
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  if (typeof platform !== 'string') check.fail('platform', 'must be a string such as "linux"')
  const logger = check.logger(options.logger)
  const secretService = platform !== 'darwin' && platform !== 'win32'
  const location = platform === 'darwin' ? 'macOS Keychain' : platform === 'win32' ? 'Windows Credential Manager' : 'Secret Service'
  const raw = options.backend === undefined ? createNativeBackend({ env, secretService }) : checkBackend(options.backend, check)
  const guarded = guardBackend(raw, { timeoutMs, location, logger })
  const backend = platform === 'win32' ? chunkedBackend(guarded, WINDOWS_SECRET_LIMIT) : guarded
  return { service, timeoutMs, backend, env, location, secretService, native: options.backend === undefined, logger }
}

function checkBackend(value: KeychainBackend, check: OptionChecker): KeychainBackend {
  const ok = typeof value === 'object' && value !== null && ['get', 'set', 'delete'].every((m) => typeof (value as unknown as Record<string, unknown>)[m] === 'function')
  if (!ok) check.fail('backend', 'must be an object with get, set and delete functions')
  return value
}
