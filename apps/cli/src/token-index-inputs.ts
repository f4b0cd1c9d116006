import { isAbsolute, join, resolve } from 'node:path'
import { CONFIG_DIR_NAME, ENV_PREFIX, VERSION } from './app.js'

/** The global flags that bear on which token `auth token` prints. */
export interface TokenIndexFlags {
  profile?: string | undefined
  host?: string | undefined
  config?: string | undefined
}

/** Variables whose value is a secret: the index records only whether they are set. */
const SECRET = /TOKEN|SECRET|KEY|PASSWORD/

/**
 * Everything outside the files that decides what `auth token` prints, as one string for
 * `@auth/core/token-index`: this version, the flags, the home folder and every `AUTHCLI_*`
 * variable (secrets as `set`/`blank`, never their value). Two runs with the same string and
 * unchanged files find the same token.
 * @example `tokenIndexInputs({ profile: 'ci' }, process.env, homedir())`
 */
export function tokenIndexInputs(flags: TokenIndexFlags, env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const vars = Object.keys(env)
    .filter((name) => name.startsWith(`${ENV_PREFIX}_`))
    .sort()
    .map((name) => [name, SECRET.test(name) ? ((env[name] ?? '').trim() === '' ? 'blank' : 'set') : (env[name] ?? null)])
  return JSON.stringify({ version: VERSION, flags: [flags.profile ?? null, flags.host ?? null, flags.config ?? null], home: homeDir, env: vars })
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
