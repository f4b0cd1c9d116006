import { isAbsolute, join, resolve } from 'node:path'
import { CONFIG_DIR_NAME, ENV_PREFIX, VERSION } from './app.js'
import { proxyVariablesUsable } from './proxy-url.js'

/** The global flags that bear on which token `auth token` prints. */
export interface TokenIndexFlags {
  profile?: string | undefined
  host?: string | undefined
  config?: string | undefined
}

/** `AUTHCLI_*` variables that are no secret, recorded with their value (`DEFAULT_CLIENT_ID` is read at build time only). */
const VALUE_VARIABLES = new Set(['CONFIG', 'CONFIG_DIR', 'HOST', 'PROFILE', 'STORE', 'CLIENT_ID', 'TENANT', 'DEFAULT_CLIENT_ID'].map((name) => `${ENV_PREFIX}_${name}`))

/**
 * Secrets recorded only as set or blank: the token (the hot path reads and checks it itself),
 * and those a lookup of a valid stored token never reads (a renewal or another command does).
 */
const PRESENCE_VARIABLES = new Set(['TOKEN', 'CLIENT_SECRET', 'NEW_ENCRYPTION_KEY'].map((name) => `${ENV_PREFIX}_${name}`))

/** Parsed by every lookup (the stores are built with it), so its value decides whether the lookup fails: only its absence is recorded. */
const KEY_VARIABLE = `${ENV_PREFIX}_ENCRYPTION_KEY`

/**
 * Everything outside the files that decides what `auth token` prints, as one string for
 * `@auth/core/token-index`: this version, the flags, the home folder, the working folder when
 * the config file is given as a relative path (it is found from there; without one, as in a
 * deleted folder, no index), and the `AUTHCLI_*`
 * variables (secrets as `set`/`blank`, never their value). Two runs with the same string and
 * unchanged files find the same token. `undefined` (no index: the full CLI runs) where the
 * string could not say so: an `AUTHCLI_ENCRYPTION_KEY` that is not empty (whether it parses is
 * not recorded), an `AUTHCLI_*` variable this list does not know (it may be a secret, or one
 * that a newer lookup reads), a proxy variable the CLI would refuse.
 * @example `tokenIndexInputs({ profile: 'ci' }, process.env, homedir())`
 */
export function tokenIndexInputs(flags: TokenIndexFlags, env: Readonly<Record<string, string | undefined>>, homeDir: string, cwd: () => string = process.cwd): string | undefined {
  const vars: Array<[string, string | null]> = []
  for (const name of Object.keys(env).sort()) {
    if (!name.startsWith(`${ENV_PREFIX}_`)) continue
    const value = env[name] ?? ''
    if (VALUE_VARIABLES.has(name)) vars.push([name, value])
    else if (PRESENCE_VARIABLES.has(name)) vars.push([name, value.trim() === '' ? 'blank' : 'set'])
    else if (name !== KEY_VARIABLE || value !== '') return undefined
  }
  if (!proxyVariablesUsable(env)) return undefined
  const config = (flags.config ?? '').trim() || (env[`${ENV_PREFIX}_CONFIG`] ?? '').trim()
  const relative = config !== '' && config !== '~' && !config.startsWith('~/') && !isAbsolute(config)
  // Asked only then: a working folder that was deleted has none (process.cwd() throws).
  let folder: string | undefined
  try {
    folder = relative ? cwd() : undefined
  } catch {
    return undefined
  }
  return JSON.stringify({ version: VERSION, flags: [flags.profile ?? null, flags.host ?? null, flags.config ?? null], home: homeDir, ...(folder !== undefined && { cwd: folder }), env: vars })
}

/**
 * The config folder as `resolveConfigLocation` finds it (`AUTHCLI_CONFIG_DIR`, `~` expanded,
 * else `~/.authcli`), where the token index lives; `undefined` where that would be an error
 * (a relative folder, no absolute home): the full path then reports it.
 * @example `tokenIndexDir({ AUTHCLI_CONFIG_DIR: '/tmp/x' }, '/home/me')` is `'/tmp/x'`
 */
export function tokenIndexDir(env: Readonly<Record<string, string | undefined>>, homeDir: string): string | undefined {
  const home = homeDir.trim()
  const dir = (env[`${ENV_PREFIX}_CONFIG_DIR`] ?? '').trim()
  if (dir === '') return isAbsolute(home) ? join(home, CONFIG_DIR_NAME) : undefined
  if (dir === '~' || dir.startsWith('~/')) return isAbsolute(home) ? resolve(join(home, dir.slice(1))) : undefined
  return isAbsolute(dir) ? resolve(dir) : undefined
}
