import { homedir } from 'node:os'
import { isAbsolute, join, resolve } from 'node:path'
import { ConfigError } from '../errors/classes.js'
import { ErrorCode, ExitCode } from '../errors/codes.js'
import { invalid } from '../kit/assert.js'
import { envPrefixOf, productNameOf } from './env-prefix.js'

/** Options of {@link resolveConfigLocation}. */
export interface ConfigLocationOptions {
  /** The `--config FILE` flag. */
  configFlag?: string
  /** The environment; default `process.env`. */
  env?: NodeJS.ProcessEnv
  /**
   * The product's command name (`mycli`): the env prefix (`MYCLI`, `-` as `_`) and the folder
   * (`~/.mycli`) derive from it. Required unless both `envPrefix` and `appDirName` are given.
   */
  name?: string
  /** The env var prefix; default `name` upper-cased, `-` as `_`. */
  envPrefix?: string
  /** The folder name under the home directory; default `.<name>`. */
  appDirName?: string
  /** The home directory; default `os.homedir()` (which is `$HOME` as set, even empty). */
  homeDir?: string
}

/**
 * Where the config lives. The folder (also for the fallback credential files) is
 * `$<PREFIX>_CONFIG_DIR`, else `~/<appDirName>` (`~/.<name>`); the file is the `--config` flag, else
 * `$<PREFIX>_CONFIG`, else `<dir>/config.toml`. A leading `~/` is expanded; a relative file path
 * is made absolute. Empty values count as unset. The folder is never the current one by
 * accident: an empty or relative home directory (`HOME=` or `HOME=rel`) where the folder needs
 * it, or a relative `$<PREFIX>_CONFIG_DIR`, is an error naming both variables. No I/O here: {@link loadConfig} and
 * {@link saveConfig} refuse a folder or file that other users can write (see
 * `assertTrustedConfigFolder` in load-config.ts, which a product may also call on `dir`).
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on a bad `name`, `envPrefix` or `appDirName`, or
 * without `name` when `envPrefix` or `appDirName` is missing; on an empty or relative home
 * directory that the folder would be under, or a relative `$<PREFIX>_CONFIG_DIR`.
 * @example
 * ```ts
 * resolveConfigLocation({ name: 'mycli', env: {}, homeDir: '/home/alice' })
 * // { dir: '/home/alice/.mycli', file: '/home/alice/.mycli/config.toml' }
 * ```
 * @see {@link loadConfig}
 */
export function resolveConfigLocation(options: ConfigLocationOptions = {}): { dir: string; file: string } {
  const where = 'resolveConfigLocation'
  const prefix = envPrefixOf(options, where)
  const env = options.env ?? process.env
  const home = (options.homeDir ?? homedir()).trim()
  const name = productNameOf(options.name, where)
  const appDirName = options.appDirName ?? (name === undefined ? invalid(where, 'needs the product\'s "name" (or an "appDirName")', "pass e.g. { name: 'mycli' } (folder ~/.mycli)") : `.${name}`)
  if (nonEmpty(appDirName) === undefined || /[/\\]/.test(appDirName)) {
    invalid(where, options.appDirName === undefined ? '"name" must give a folder name: no slashes' : '"appDirName" must be a folder name without slashes')
  }
  const dirVariable = `${prefix}_CONFIG_DIR`
  const underHome = (p: string): string => join(absoluteHome(home, dirVariable), p)
  const path = (p: string): string => resolve(p === '~' || p.startsWith('~/') ? underHome(p.slice(1)) : p)
  const envDir = nonEmpty(env[dirVariable])
  if (envDir !== undefined && envDir !== '~' && !envDir.startsWith('~/') && !isAbsolute(envDir)) {
    throw unsafeFolder(`${dirVariable} is a relative path ("${envDir}"): the credentials would land in whatever folder the command runs in`, dirVariable)
  }
  const dir = envDir === undefined ? underHome(appDirName) : path(envDir)
  const file = nonEmpty(options.configFlag) ?? nonEmpty(env[`${prefix}_CONFIG`])
  return { dir, file: file === undefined ? join(dir, 'config.toml') : path(file) }
}

/** The home directory, when it is absolute; `HOME=` or `HOME=rel` would put the folder under the current one. */
function absoluteHome(home: string, dirVariable: string): string {
  if (isAbsolute(home)) return home
  const what = home === '' ? 'the home directory is empty (HOME is unset or empty)' : `the home directory is a relative path (HOME="${home}")`
  throw unsafeFolder(`${what}: the credentials would land in whatever folder the command runs in`, dirVariable)
}

function unsafeFolder(message: string, dirVariable: string): ConfigError {
  return new ConfigError(message, {
    code: ErrorCode.CONFIG_ERROR,
    exitCode: ExitCode.USAGE,
    hint: `set HOME to your home folder, or ${dirVariable} to an absolute folder`,
  })
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}
