import type { Stats } from 'node:fs'
import { open, stat } from 'node:fs/promises'
import { userInfo } from 'node:os'
import { dirname, resolve } from 'node:path'
import { sweepTempFiles } from '../fs/temp-files.js'
import { assertNonEmptyString } from '../kit/assert.js'
import type { AuthConfig } from './types.js'
import { ConfigError } from '../errors/classes.js'
import { parseConfig } from './parse.js'

/**
 * Reads and parses the config file. A missing file is an empty config (`{ profiles: {} }`).
 * The config decides where tokens go (hosts, issuers, `profile_url`), so it is trusted only as
 * ssh trusts its files: the file and its folder must not be writable by group or others (a
 * sticky folder such as `/tmp` is fine for the folder) and must belong to the user or root.
 *
 * @throws ConfigError `CONFIG_ERROR` (exit 2) when the folder or file may be changed by
 * another user (the hint is the exact `chmod go-w` or `chown` fix), when the file cannot be
 * read (the message names the path and the system error code) or does not parse (see
 * {@link parseConfig}).
 * @example
 * ```ts
 * const config = await loadConfig(resolveConfigLocation({}).file)
 * ```
 * @see {@link resolveConfigLocation} for the path, {@link saveConfig} to write it back.
 * @see https://man.openbsd.org/sshd_config#StrictModes (the rule followed)
 */
export async function loadConfig(file: string): Promise<AuthConfig> {
  assertNonEmptyString(file, 'loadConfig', 'file')
  const text = await readTrustedConfigFile(file, 'check the file permissions, or point --config at another file')
  // Temp files a killed `saveConfig` left (`.config.toml.<pid>.*.tmp`) go at the next start, not
  // only at the next save; in the background, best effort: reading never waits for it.
  void sweepTempFiles(resolve(file))
  return text === undefined ? { profiles: {} } : parseConfig(text, file)
}

/**
 * Reads a config file of any format under the same trust rule as {@link loadConfig} (ssh's
 * StrictModes): the folder and the opened file itself must not be writable by group or others
 * (a sticky folder passes) and must belong to the user or root. `undefined` when it is missing.
 * A product that reads another config format (YAML, JSON) reads it through this, so that no
 * config file decides where tokens and secrets go unless only the user could have written it.
 * @param readHint - The hint when the file cannot be read.
 * @throws ConfigError `CONFIG_ERROR` (exit 2): the folder or file may be changed by another
 *   user (the hint is the `chmod go-w` or `chown` fix), or the file cannot be read.
 * @example `const text = await readTrustedConfigFile('/home/me/.flyte/config.yaml')`
 * @see https://man.openbsd.org/sshd_config#StrictModes
 */
export async function readTrustedConfigFile(file: string, readHint = 'check the file permissions'): Promise<string | undefined> {
  assertNonEmptyString(file, 'readTrustedConfigFile', 'file')
  await assertTrustedConfigFolder(dirname(resolve(file)))
  try {
    const handle = await open(file, 'r')
    try {
      // The opened file itself is checked (no window between a check and the read).
      assertTrusted(resolve(file), await handle.stat(), 'file')
      return await handle.readFile('utf8')
    } finally {
      await handle.close()
    }
  } catch (error) {
    if (ConfigError.isInstance(error)) throw error
    const code = (error as { code?: unknown } | null)?.code
    if (code === 'ENOENT') return undefined
    throw new ConfigError(`cannot read the config file ${file}${typeof code === 'string' ? ` (${code})` : ''}`, { hint: readHint, cause: error })
  }
}

/**
 * Refuses a config folder that another user could change: writable by group or others (unless
 * sticky), or owned by someone other than the user or root. A missing folder passes (it is
 * created 0700 on the first save). No check on Windows (no POSIX modes).
 * @throws ConfigError `CONFIG_ERROR` (exit 2) with the `chmod go-w` / `chown` fix as the hint.
 * @example `await assertTrustedConfigFolder(resolveConfigLocation({}).dir)`
 */
export async function assertTrustedConfigFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return
  let info: Stats
  try {
    info = await stat(dir)
  } catch {
    return // missing, or not reachable: reading the file reports it
  }
  if (info.isDirectory()) assertTrusted(resolve(dir), info, 'folder')
}

/**
 * {@link assertTrustedConfigFolder}'s rule for any folder whose content decides what the product
 * does: the credentials folder, its `.locks`, a lock folder. A missing folder passes. With
 * `sticky: false` a sticky shared folder (`/tmp`) is refused too: a lock folder must be the
 * user's own, since another user's file in a sticky folder cannot be removed.
 * @param label - How messages name it: `lock folder`, `credentials folder`.
 * @throws ConfigError `CONFIG_ERROR` (exit 2) with the `chmod go-w` / `chown` fix as the hint.
 * @example `await assertTrustedFolder(join(dir, '.locks'), 'lock folder')`
 */
export async function assertTrustedFolder(dir: string, label: string, options: { sticky?: boolean } = {}): Promise<void> {
  if (process.platform === 'win32') return
  let info: Stats
  try {
    info = await stat(dir)
  } catch {
    return
  }
  if (info.isDirectory()) assertTrusted(resolve(dir), info, 'folder', label, options.sticky !== false)
}

function assertTrusted(path: string, info: Stats, what: 'file' | 'folder', label = `config ${what}`, allowSticky = true): void {
  if (process.platform === 'win32') return
  const uid = process.getuid?.()
  if (uid !== undefined && info.uid !== uid && info.uid !== 0) {
    throw new ConfigError(`the ${label} ${path} belongs to uid ${info.uid}, not to you (uid ${uid}) or root: refusing to trust it`, {
      hint: `chown ${userName()} ${shellQuote(path)}`,
    })
  }
  const sticky = allowSticky && what === 'folder' && (info.mode & 0o1000) !== 0
  if ((info.mode & 0o022) !== 0 && !sticky) {
    const by = [(info.mode & 0o020) !== 0 && 'its group', (info.mode & 0o002) !== 0 && 'others'].filter(Boolean).join(' and ')
    throw new ConfigError(`the ${label} ${path} is writable by ${by} (mode ${(info.mode & 0o7777).toString(8)}): refusing to trust it`, {
      hint: `chmod go-w ${shellQuote(path)}`,
    })
  }
}

function userName(): string {
  try {
    return shellQuote(userInfo().username)
  } catch {
    return '"$(id -un)"'
  }
}

/** A path as one shell word: as is when plain, else single-quoted. */
function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./@%+=:,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`
}
