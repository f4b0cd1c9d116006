import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
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
  /** The home directory; default `os.homedir()`. */
  homeDir?: string
}

/**
 * Where the config lives. The folder (also for the fallback credential files) is
 * `$<PREFIX>_CONFIG_DIR`, else `~/<appDirName>` (`~/.<name>`); the file is the `--config` flag, else
 * `$<PREFIX>_CONFIG`, else `<dir>/config.toml`. A leading `~/` is expanded; relative paths
 * are made absolute. Empty values count as unset. No I/O here: {@link loadConfig} and
 * {@link saveConfig} refuse a folder or file that other users can write (see
 * `assertTrustedConfigFolder` in load-config.ts, which a product may also call on `dir`).
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) on a bad `name`, `envPrefix` or `appDirName`, or
 * without `name` when `envPrefix` or `appDirName` is missing.
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
  const home = nonEmpty(options.homeDir) ?? homedir()
  const name = productNameOf(options.name, where)
  const appDirName = options.appDirName ?? (name === undefined ? invalid(where, 'needs the product\'s "name" (or an "appDirName")', "pass e.g. { name: 'mycli' } (folder ~/.mycli)") : `.${name}`)
  if (nonEmpty(appDirName) === undefined || /[/\\]/.test(appDirName)) {
    invalid(where, options.appDirName === undefined ? '"name" must give a folder name: no slashes' : '"appDirName" must be a folder name without slashes')
  }
  const path = (p: string): string => resolve(p === '~' || p.startsWith('~/') ? join(home, p.slice(1)) : p)
  const envDir = nonEmpty(env[`${prefix}_CONFIG_DIR`])
  const dir = path(envDir ?? join(home, appDirName))
  const file = nonEmpty(options.configFlag) ?? nonEmpty(env[`${prefix}_CONFIG`])
  return { dir, file: file === undefined ? join(dir, 'config.toml') : path(file) }
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}
